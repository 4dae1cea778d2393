// Secret masking by key, comparing both sides before replacing values.
#include "diff/mask.h"

namespace gitops::diff {
namespace {

constexpr const char* k_last_applied = "kubectl.kubernetes.io/last-applied-configuration";

void mask_last_applied(core::Json& object) {
  auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return;
  auto annotations = meta->find("annotations");
  if (annotations == meta->end() || !annotations->is_object()) return;
  auto it = annotations->find(k_last_applied);
  if (it != annotations->end()) *it = "***";
}

core::Json* field(core::Json& object, const char* name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  if (it == object.end() || !it->is_object()) return nullptr;
  return &*it;
}

void mask_map_pair(core::Json* before, core::Json* after) {
  if (before != nullptr) {
    for (auto& [key, value] : before->items()) {
      bool differs = after == nullptr || !after->contains(key) || (*after)[key] != value;
      bool only_before = after == nullptr || !after->contains(key);
      value = (differs && !only_before) ? "*** (before)" : "***";
    }
  }
  if (after != nullptr) {
    for (auto& [key, value] : after->items()) {
      bool in_before = before != nullptr && before->contains(key);
      // The before side was already masked; compare against its mask to know if it differed.
      bool differs = in_before && (*before)[key] == "*** (before)";
      value = differs ? "*** (after)" : "***";
    }
  }
}

}  // namespace

bool is_secret(const core::Json& object) {
  return object.is_object() && object.value("kind", "") == "Secret" &&
         object.value("apiVersion", "") == "v1";
}

void mask_secret(core::Json& object) {
  core::Json none;
  mask_secret_pair(object, none);
}

void mask_secret_pair(core::Json& before, core::Json& after) {
  bool secret = is_secret(before) || is_secret(after);
  if (!secret) return;
  for (const char* name : {"data", "stringData"}) {
    mask_map_pair(field(before, name), field(after, name));
  }
  if (before.is_object()) mask_last_applied(before);
  if (after.is_object()) mask_last_applied(after);
}

}  // namespace gitops::diff
