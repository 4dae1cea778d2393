// Normalisation: what is noise in a comparison of live and desired state, removed from both
// sides before diffing - server bookkeeping (managedFields, resourceVersion, uid, generation,
// creationTimestamp, selfLink), `status`, and the last-applied annotation. Defaults are not
// removed: the server-side dry-run already fills them on both sides.
#pragma once

#include "core/object.h"

namespace gitops::diff {

// A copy of `object` without noise; empty metadata.annotations/labels maps are dropped too.
core::Json normalize(const core::Json& object);

// Canonical YAML of the normalised object, the text both sides of a diff are compared as.
std::string normalized_yaml(const core::Json& object);

}  // namespace gitops::diff
