// flatten_jsonnet_output: a depth-first walk that keeps output order.
#include "render/jsonnet_output.h"

namespace gitops::render {
namespace {

bool is_kubernetes_object(const core::Json& value) {
  return value.is_object() && value.contains("apiVersion") && value.contains("kind");
}

core::Status flatten(const core::Json& value, const std::string& where, const std::string& file,
                     core::Objects& out) {
  if (value.is_null()) return {};
  if (is_kubernetes_object(value)) {
    out.push_back(core::Object{value, core::Origin{file, 0, 0}});
    return {};
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      auto status = flatten(value[i], where + "[" + std::to_string(i) + "]", file, out);
      if (!status) return status;
    }
    return {};
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (item.is_null()) continue;
      if (!item.is_object() && !item.is_array()) {
        return core::Error{core::ErrorKind::source,
                           file + ": output " + where + "." + key +
                               " is not a Kubernetes object (no apiVersion and kind), a list or a "
                               "map of them"};
      }
      auto status = flatten(item, where + "." + key, file, out);
      if (!status) return status;
    }
    return {};
  }
  return core::Error{core::ErrorKind::source,
                     file + ": output " + where +
                         " is not a Kubernetes object (no apiVersion and kind), a list or a map "
                         "of them"};
}

}  // namespace

core::Result<core::Objects> flatten_jsonnet_output(const core::Json& value,
                                                   const std::string& file) {
  core::Objects objects;
  auto status = flatten(value, "$", file, objects);
  if (!status) return status.error();
  return objects;
}

}  // namespace gitops::render
