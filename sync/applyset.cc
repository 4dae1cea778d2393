// ApplySet ids and parent objects, as KEP-3659 defines them.
#include "sync/applyset.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

namespace gitops::sync {
namespace {

std::string base64url_nopad(const unsigned char* data, size_t size) {
  static const char* k_alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 2 < size; i += 3) {
    unsigned v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += k_alphabet[(v >> 6) & 63];
    out += k_alphabet[v & 63];
  }
  if (i + 1 == size) {
    unsigned v = data[i] << 16;
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
  } else if (i + 2 == size) {
    unsigned v = (data[i] << 16) | (data[i + 1] << 8);
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += k_alphabet[(v >> 6) & 63];
  }
  return out;
}

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

std::set<std::string> split(const std::string& text) {
  std::set<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.insert(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::string parent_name(const std::string& app) { return "gitops-" + app; }

std::string applyset_id(const std::string& name, const std::string& namespace_,
                        const std::string& kind, const std::string& group) {
  std::string unencoded = name + "." + namespace_ + "." + kind + "." + group;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(unencoded.data()), unencoded.size(), digest);
  return "applyset-" + base64url_nopad(digest, sizeof digest) + "-v1";
}

std::string tooling_value(const std::string& version) { return "kubectl-gitops/" + version; }

std::string ApplySet::id() const { return applyset_id(parent_name(app), namespace_, "Secret", ""); }

core::Json ApplySet::parent(const std::string& version) const {
  core::Json annotations = {{k_tooling_annotation, tooling_value(version)},
                            {k_group_kinds_annotation, join(group_kinds)}};
  annotations[k_namespaces_annotation] = join(additional_namespaces);
  return {{"apiVersion", "v1"},
          {"kind", "Secret"},
          {"type", "kubectl-gitops.dev/applyset"},
          {"metadata",
           {{"name", parent_name(app)},
            {"namespace", namespace_},
            {"labels", {{k_applyset_id_label, id()}}},
            {"annotations", annotations}}}};
}

void ApplySet::add_member(const core::ObjectKey& key) {
  group_kinds.insert(key.group_kind());
  if (!key.namespace_.empty() && key.namespace_ != namespace_) {
    additional_namespaces.insert(key.namespace_);
  }
}

ApplySet applyset_from_parent(const std::string& app, const core::Json& parent) {
  ApplySet set;
  set.app = app;
  const core::Json& meta = parent.value("metadata", core::Json::object());
  set.namespace_ = meta.value("namespace", "");
  const core::Json& annotations = meta.value("annotations", core::Json::object());
  set.group_kinds = split(annotations.value(k_group_kinds_annotation, ""));
  set.additional_namespaces = split(annotations.value(k_namespaces_annotation, ""));
  return set;
}

}  // namespace gitops::sync
