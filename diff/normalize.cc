// Removal of server bookkeeping before comparison.
#include "diff/normalize.h"

#include "core/yaml.h"

namespace gitops::diff {

core::Json normalize(const core::Json& object) {
  if (!object.is_object()) return object;
  core::Json out = object;
  out.erase("status");
  auto meta = out.find("metadata");
  if (meta != out.end() && meta->is_object()) {
    for (const char* noise : {"managedFields", "resourceVersion", "generation", "uid",
                              "creationTimestamp", "selfLink"}) {
      meta->erase(noise);
    }
    auto annotations = meta->find("annotations");
    if (annotations != meta->end() && annotations->is_object()) {
      annotations->erase("kubectl.kubernetes.io/last-applied-configuration");
      if (annotations->empty()) meta->erase("annotations");
    }
    auto labels = meta->find("labels");
    if (labels != meta->end() && labels->is_object() && labels->empty()) meta->erase("labels");
  }
  return out;
}

std::string normalized_yaml(const core::Json& object) {
  if (object.is_null()) return {};
  return core::to_yaml(normalize(object));
}

}  // namespace gitops::diff
