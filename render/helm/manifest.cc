// Manifest splitting, hook detection, install-order sorting and `helm template` output assembly
// (see manifest.h), following Helm 3.5.4's releaseutil and template command.
#include "render/helm/manifest.h"

#include <algorithm>
#include <re2/re2.h>

#include "render/helm/helmignore.h"
#include "render/helm/values_yaml.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Value;

const std::vector<std::string>& install_order() {
  static const std::vector<std::string> order = {
      "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
      "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap",
      "StorageClass", "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition",
      "ClusterRole", "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role",
      "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
      "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler",
      "StatefulSet", "Job", "CronJob", "Ingress", "APIService"};
  return order;
}

const std::vector<std::string>& hook_events() {
  static const std::vector<std::string> events = {
      "pre-install", "post-install", "pre-delete",    "post-delete", "pre-upgrade",
      "post-upgrade", "pre-rollback", "post-rollback", "test"};
  return events;
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> split_commas(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto pos = s.find(',', start);
    out.push_back(lower(trim(s.substr(start, pos == std::string_view::npos ? pos : pos - start))));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

// Go's sort order of kinds: known kinds by install order, then unknown kinds alphabetically.
bool less_by_kind(const std::string& a, const std::string& b) {
  const auto& order = install_order();
  auto ia = std::find(order.begin(), order.end(), a);
  auto ib = std::find(order.begin(), order.end(), b);
  bool aok = ia != order.end();
  bool bok = ib != order.end();
  if (!aok && !bok) return a < b;
  if (!aok) return false;
  if (!bok) return true;
  return ia < ib;
}

void sort_by_kind(std::vector<RenderedDocument>& docs) {
  std::stable_sort(docs.begin(), docs.end(), [](const auto& a, const auto& b) {
    return less_by_kind(a.kind, b.kind);
  });
}

core::Error head_error(const std::string& path, const std::string& message) {
  return core::Error{core::ErrorKind::source, "YAML parse error on " + path + ": " + message};
}

std::string json_kind(const Value& v) {
  switch (v.kind()) {
    case Kind::map: return "object";
    case Kind::list: return "array";
    case Kind::boolean: return "bool";
    case Kind::string: return "string";
    default: return "number";
  }
}

core::Result<std::string> head_string(const gotemplate::Map& m, const char* key, const char* field) {
  auto it = m.find(key);
  if (it == m.end() || it->second.is_nil()) return std::string();
  if (!it->second.is_string()) {
    return core::Error{core::ErrorKind::source, "error unmarshaling JSON: json: cannot unmarshal " +
                                                    json_kind(it->second) +
                                                    " into Go struct field " + field +
                                                    " of type string"};
  }
  return it->second.as_string();
}

// Reads Helm's SimpleHead (kind, metadata.name, metadata.annotations) of one document.
core::Status read_head(const std::string& path, RenderedDocument& doc,
                       std::vector<std::pair<std::string, std::string>>& annotations) {
  auto parsed = parse_values_yaml(doc.content);
  if (!parsed) return head_error(path, parsed.error().message);
  if (parsed->is_nil()) return {};
  if (parsed->kind() != Kind::map) {
    return head_error(path, "error unmarshaling JSON: json: cannot unmarshal " + json_kind(*parsed) +
                                " into Go value of type releaseutil.SimpleHead");
  }
  const auto& m = parsed->as_map();
  auto api = head_string(m, "apiVersion", "SimpleHead.apiVersion");
  if (!api) return head_error(path, api.error().message);
  auto kind = head_string(m, "kind", "SimpleHead.kind");
  if (!kind) return head_error(path, kind.error().message);
  doc.kind = *kind;
  auto meta = m.find("metadata");
  if (meta == m.end() || meta->second.is_nil()) return {};
  if (meta->second.kind() != Kind::map) {
    return head_error(path, "error unmarshaling JSON: json: cannot unmarshal " +
                                json_kind(meta->second) +
                                " into Go struct field SimpleHead.metadata of type struct { Name "
                                "string \"json:\\\"name\\\"\"; Annotations map[string]string "
                                "\"json:\\\"annotations\\\"\" }");
  }
  auto name = head_string(meta->second.as_map(), "name", "SimpleHead.metadata.name");
  if (!name) return head_error(path, name.error().message);
  doc.name = *name;
  auto ann = meta->second.as_map().find("annotations");
  if (ann == meta->second.as_map().end() || ann->second.kind() != Kind::map) return {};
  for (const auto& [k, v] : ann->second.as_map()) {
    if (v.is_nil()) {
      annotations.emplace_back(k, "");
      continue;
    }
    if (!v.is_string()) {
      return head_error(path, "error unmarshaling JSON: json: cannot unmarshal " + json_kind(v) +
                                  " into Go struct field .metadata.annotations of type string");
    }
    annotations.emplace_back(k, v.as_string());
  }
  return {};
}

// Fills the hook fields of `doc`; false when it names an unknown hook event (Helm drops it).
bool read_hook(RenderedDocument& doc, const std::vector<std::pair<std::string, std::string>>& ann) {
  auto find = [&](std::string_view key) -> const std::string* {
    for (const auto& [k, v] : ann) {
      if (k == key) return &v;
    }
    return nullptr;
  };
  const std::string* hook = find("helm.sh/hook");
  if (hook == nullptr) return true;
  doc.is_hook = true;
  for (const auto& event : split_commas(*hook)) {
    std::string e = event == "test-success" ? "test" : event;
    if (std::find(hook_events().begin(), hook_events().end(), e) == hook_events().end()) {
      return false;
    }
    doc.hook_events.push_back(e);
  }
  if (const std::string* w = find("helm.sh/hook-weight")) {
    try {
      std::size_t used = 0;
      int weight = std::stoi(*w, &used);
      doc.hook_weight = used == w->size() ? weight : 0;
    } catch (const std::exception&) {
      doc.hook_weight = 0;
    }
  }
  if (const std::string* d = find("helm.sh/hook-delete-policy")) doc.delete_policies = split_commas(*d);
  return true;
}

bool is_partial(const std::string& path) {
  auto slash = path.rfind('/');
  std::string_view base = slash == std::string::npos ? path : std::string_view(path).substr(slash + 1);
  return !base.empty() && base[0] == '_';
}

}  // namespace

std::vector<std::string> split_manifests(std::string_view text) {
  static const RE2 k_sep(R"((?:^|\s*\n)---\s*)");
  std::string_view s = trim(text);
  std::vector<std::string> pieces;
  std::size_t beg = 0;
  std::size_t pos = 0;
  re2::StringPiece match;
  re2::StringPiece input(s.data(), s.size());
  std::vector<std::string_view> raw;
  while (pos <= s.size() &&
         k_sep.Match(input, pos, s.size(), RE2::UNANCHORED, &match, 1)) {
    auto start = static_cast<std::size_t>(match.data() - s.data());
    auto end = start + match.size();
    if (end != 0) raw.push_back(s.substr(beg, start - beg));
    beg = end;
    pos = end > start ? end : end + 1;
  }
  if (beg != s.size() || raw.empty()) raw.push_back(s.substr(beg));
  for (auto d : raw) {
    if (d.empty()) continue;
    pieces.emplace_back(trim(d));
  }
  return pieces;
}

core::Result<SortedManifests> sort_manifests(const std::map<std::string, std::string>& files) {
  SortedManifests result;
  for (const auto& [path, content] : files) {
    if (is_partial(path) || trim(content).empty()) continue;
    for (auto& text : split_manifests(content)) {
      RenderedDocument doc{.source = path, .content = std::move(text)};
      std::vector<std::pair<std::string, std::string>> annotations;
      if (auto st = read_head(path, doc, annotations); !st) return st.error();
      if (!read_hook(doc, annotations)) continue;
      (doc.is_hook ? result.hooks : result.manifests).push_back(std::move(doc));
    }
  }
  sort_by_kind(result.hooks);
  sort_by_kind(result.manifests);
  return result;
}

namespace {

core::Result<std::string> show_only(const std::string& text, const std::vector<std::string>& globs) {
  static const RE2 k_source("# Source: [^/]+/(.+)");
  auto docs = split_manifests(text);
  std::string out;
  for (const auto& pattern : globs) {
    bool missing = true;
    for (const auto& doc : docs) {
      std::string name;
      if (!RE2::PartialMatch(doc, k_source, &name)) continue;
      auto matched = go_path_match(pattern, name);
      if (!matched.ok() || !*matched) continue;
      out += "---\n" + doc + "\n";
      missing = false;
    }
    if (missing) {
      return core::Error{core::ErrorKind::usage, "could not find template " + pattern + " in chart"};
    }
  }
  return out;
}

}  // namespace

core::Result<std::string> template_output(const std::vector<ChartFile>& crds,
                                          const SortedManifests& sorted,
                                          const OutputOptions& options) {
  std::string manifest;
  if (options.include_crds) {
    for (const auto& crd : crds) manifest += "---\n# Source: " + crd.name + "\n" + crd.data + "\n";
  }
  for (const auto& m : sorted.manifests) {
    manifest += "---\n# Source: " + m.source + "\n" + m.content + "\n";
  }
  std::string text = std::string(trim(manifest)) + "\n";
  if (!options.no_hooks) {
    for (const auto& h : sorted.hooks) text += "---\n# Source: " + h.source + "\n" + h.content + "\n";
  }
  if (options.show_only.empty()) return text;
  return show_only(text, options.show_only);
}

}  // namespace gitops::render::helm
