// Conversions between YAML scalars and JSON values as sigs.k8s.io/yaml makes them: map keys of
// any scalar type become strings, floats become JSON numbers, !!binary is base64.
#pragma once

#include <string>
#include <string_view>

#include "core/object.h"
#include "core/result.h"
#include "core/yaml_scalar.h"

namespace gitops::core {

// The string form of a plain-scalar map key: "true" for yes, "16" for 0x10, "1e+06" for 1e6
// (floats with Go's 32-bit %g). Fails (message only) for a null key.
Result<std::string> plain_scalar_key(std::string_view text, const ResolvedScalar& scalar);

// The string form of a map key that is already a JSON value (an alias to an anchored scalar).
// Fails for null, maps and lists.
Result<std::string> json_map_key(const Json& value);

// A finite double as the JSON number Go's encoding/json would print and nlohmann would read back:
// integral values below 1e21 that fit become integers (unsigned when not negative).
Json json_number(double value);

// Decodes standard base64 (padding required, whitespace and newlines ignored); fails on bad data.
Result<std::string> decode_base64(std::string_view text);

// Standard base64 with padding.
std::string encode_base64(std::string_view bytes);

}  // namespace gitops::core
