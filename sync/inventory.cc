// Inventory reads (parent GET + member LISTs) and parent writes.
#include "sync/inventory.h"

#include <algorithm>

#include "kube/base64.h"
#include "sync/gzip.h"

namespace gitops::sync {
namespace {

constexpr const char* k_applied_key = "applied";

// [[group, version, kind, namespace, name, digest, resourceVersion], ...], gzip-compressed.
std::string encode_applied(const diff::AppliedIndex& index) {
  core::Json rows = core::Json::array();
  for (const auto& [key, state] : index) {
    rows.push_back({key.group, key.version, key.kind, key.namespace_, key.name, state.digest,
                    state.resource_version, state.ownership});
  }
  return kube::base64_encode(gzip_compress(rows.dump()));
}

// An unreadable index is no index: every object is dry-run, which is always correct.
diff::AppliedIndex decode_applied(const core::Json& parent) {
  diff::AppliedIndex index;
  auto data = parent.value("data", core::Json::object());
  auto it = data.find(k_applied_key);
  if (it == data.end() || !it->is_string()) return index;
  auto packed = kube::base64_decode(it->get<std::string>(), "data.applied");
  if (!packed) return index;
  auto text = gzip_decompress(*packed, 32u << 20);
  if (!text) return index;
  core::Json rows = core::Json::parse(*text, nullptr, false);
  if (!rows.is_array()) return index;
  for (const auto& row : rows) {
    // Seven cells before the ownership digest was recorded.
    if (!row.is_array() || (row.size() != 7 && row.size() != 8)) return {};
    for (const auto& cell : row) {
      if (!cell.is_string()) return {};
    }
    index[{row[0], row[1], row[2], row[3], row[4]}] = {row[5], row[6], row.size() == 8 ? row[7] : ""};
  }
  return index;
}

std::pair<std::string, std::string> split_group_kind(const std::string& gk) {
  auto dot = gk.find('.');
  if (dot == std::string::npos) return {"", gk};
  return {gk.substr(dot + 1), gk.substr(0, dot)};
}

}  // namespace

core::Result<Inventory> read_inventory(kube::Client& client, const std::string& app,
                                       const std::string& ns) {
  Inventory inv;
  inv.set = ApplySet{.app = app, .namespace_ = ns};
  auto parent = client.get({"", "v1", "Secret", ns, parent_name(app)});
  if (!parent) return parent.error().context("reading the inventory of " + app);
  if (!*parent) return inv;
  const core::Json& meta = (**parent)["metadata"];
  std::string id = meta.value("labels", core::Json::object()).value(k_applyset_id_label, "");
  std::string tooling = meta.value("annotations", core::Json::object()).value(k_tooling_annotation, "");
  if (id != inv.set.id() || tooling.rfind("kubectl-gitops/", 0) != 0) {
    return core::Error{core::ErrorKind::guard,
                       "Secret " + ns + "/" + parent_name(app) +
                           " exists but is not this tool's inventory of app " + app +
                           (tooling.empty() ? "" : " (tooling: " + tooling + ")")};
  }
  inv.parent = **parent;
  inv.set = applyset_from_parent(app, **parent);
  inv.applied = decode_applied(**parent);
  std::string selector = std::string(k_part_of_label) + "=" + inv.set.id();
  for (const auto& gk : inv.set.group_kinds) {
    auto [group, kind] = split_group_kind(gk);
    auto resource = client.discovery().find(group, "", kind);
    if (!resource) {
      // A kind whose API is gone (a deleted CRD) has no members left to prune.
      if (resource.error().kind == core::ErrorKind::rejected) continue;
      return resource.error();
    }
    std::vector<std::string> namespaces;
    if (resource->namespaced) {
      namespaces.push_back(ns);
      namespaces.insert(namespaces.end(), inv.set.additional_namespaces.begin(),
                        inv.set.additional_namespaces.end());
    } else {
      namespaces.push_back("");
    }
    for (const auto& member_ns : namespaces) {
      auto items = client.list_all({.group = group, .version = resource->version, .kind = kind,
                                    .namespace_ = member_ns},
                                   {.label_selector = selector});
      if (!items) return items.error().context("listing the members of " + app);
      for (auto& item : *items) {
        item["apiVersion"] = resource->api_version();
        item["kind"] = kind;
        inv.members.push_back(std::move(item));
      }
    }
  }
  std::sort(inv.members.begin(), inv.members.end(), [](const core::Json& a, const core::Json& b) {
    return kube::key_of(a) < kube::key_of(b);
  });
  return inv;
}

core::Status write_parent(kube::Client& client, const ApplySet& set, const std::string& version,
                          const diff::AppliedIndex* applied) {
  core::Json parent = set.parent(version);
  if (applied != nullptr && !applied->empty()) parent["data"] = {{k_applied_key, encode_applied(*applied)}};
  auto result = client.apply(parent, {.force = kube::Force::yes});
  if (!result) return result.error().context("writing the inventory of " + set.app);
  return {};
}

namespace {

constexpr const char* k_pin_manager = "kubectl-gitops-rollback";

core::Json parent_stub(const ApplySet& set) {
  return {{"apiVersion", "v1"}, {"kind", "Secret"},
          {"metadata", {{"name", parent_name(set.app)}, {"namespace", set.namespace_}}}};
}

}  // namespace

core::Status pin_rollback(kube::Client& client, const ApplySet& set, const std::string& commit) {
  core::Json patch = parent_stub(set);
  patch["metadata"]["annotations"] = {{k_rollback_pin_annotation, commit.empty() ? "stored" : commit}};
  auto result = client.apply(patch, {.field_manager = k_pin_manager, .force = kube::Force::yes});
  if (!result) return result.error().context("pinning " + set.app + " after its rollback");
  return {};
}

// Applying an empty object as the pin's field manager removes the fields it owned.
core::Status clear_rollback_pin(kube::Client& client, const ApplySet& set) {
  auto result = client.apply(parent_stub(set), {.field_manager = k_pin_manager, .force = kube::Force::yes});
  if (!result) return result.error().context("clearing the rollback pin of " + set.app);
  return {};
}

}  // namespace gitops::sync
