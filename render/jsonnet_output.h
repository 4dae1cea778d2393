// Jsonnet output to objects, flattened as Argo CD does: an object with apiVersion and kind is one
// Kubernetes object; a list is flattened; a map of objects or lists is flattened recursively, in
// key order; null is nothing.
#pragma once

#include <string>

#include "core/object.h"
#include "core/result.h"

namespace gitops::render {

// The objects in `value`, each with origin file `file`; an error (kind source) naming `file` and
// the JSON path of the first value that is neither an object, a list, nor a map of them.
core::Result<core::Objects> flatten_jsonnet_output(const core::Json& value,
                                                   const std::string& file);

}  // namespace gitops::render
