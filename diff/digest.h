// Digests of objects: SHA-256 of their canonical JSON (keys sorted, no spaces), in hex.
#pragma once

#include <string>
#include <string_view>

#include "core/object.h"

namespace gitops::diff {

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// The digest of an object as applied: sha256_hex of its canonical JSON.
std::string object_digest(const core::Json& object);

// The digest of what `manager` owns in the live `object` through server-side apply: the object's
// uid and that manager's Apply entry in metadata.managedFields (apiVersion and fieldsV1, not its
// time); "" when the manager applied nothing to it. A write by anyone to a field the manager owns
// takes that field's ownership away (or shares it at the same value), so while this digest holds,
// the fields the manager applied still have the values it applied: other managers' writes
// elsewhere (a controller's status, an added label) leave it alone.
std::string ownership_digest(const core::Json& object, std::string_view manager);

}  // namespace gitops::diff
