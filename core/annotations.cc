// Policies read from annotations.
#include "core/annotations.h"

#include <charconv>

namespace gitops::core {
namespace {

std::string annotation_of(const Json& object, const char* key) {
  auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return {};
  auto annotations = meta->find("annotations");
  if (annotations == meta->end() || !annotations->is_object()) return {};
  auto it = annotations->find(key);
  if (it == annotations->end() || !it->is_string()) return {};
  return it->get<std::string>();
}

bool parse_int(const std::string& text, int& out) {
  if (text.empty()) return false;
  const char* begin = text.data();
  if (*begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

int sync_wave(const Json& object) {
  int wave = 0;
  if (parse_int(annotation_of(object, k_sync_wave), wave)) return wave;
  if (parse_int(annotation_of(object, k_argocd_sync_wave), wave)) return wave;
  return 0;
}

std::string prune_disabled_reason(const Json& object) {
  if (annotation_of(object, k_prune) == "false") return std::string(k_prune) + ": false";
  std::string options = annotation_of(object, k_argocd_sync_options);
  if (options.find("Prune=false") != std::string::npos) {
    return std::string(k_argocd_sync_options) + ": Prune=false";
  }
  if (annotation_of(object, k_flux_prune) == "disabled") return std::string(k_flux_prune) + ": disabled";
  if (annotation_of(object, k_helm_resource_policy) == "keep") {
    return std::string(k_helm_resource_policy) + ": keep";
  }
  return {};
}

bool is_prune_protected_kind(const ObjectKey& key) {
  return (key.group.empty() && (key.kind == "Namespace" || key.kind == "PersistentVolumeClaim")) ||
         (key.group == "apiextensions.k8s.io" && key.kind == "CustomResourceDefinition");
}

}  // namespace gitops::core
