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

}  // namespace gitops::diff
