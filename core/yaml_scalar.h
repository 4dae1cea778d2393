// How YAML 1.1 plain scalars resolve, the way go-yaml v2 (under sigs.k8s.io/yaml, so kubectl)
// resolves them, and how Go prints floats. The reader resolves every plain scalar with this; the
// writer uses it to decide whether a string must be quoted to read back as a string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gitops::core {

// The closed set of types a plain scalar can resolve to.
enum class ScalarType {
  string,
  null,
  boolean,
  signed_integer,    // fits int64
  unsigned_integer,  // above int64, fits uint64
  floating,          // includes .inf and .nan
  timestamp,         // kept as its text, as go-yaml v2 does when decoding into interface{}
};

// go-yaml's short tag name: "str", "null", "bool", "int", "float", "timestamp".
std::string_view to_string(ScalarType type);

struct ResolvedScalar {
  ScalarType type = ScalarType::string;
  bool boolean = false;
  std::int64_t signed_integer = 0;
  std::uint64_t unsigned_integer = 0;
  double floating = 0;
};

// Resolves the text of a plain (untagged, unquoted) scalar: "yes" -> true, "0x1F" -> 31,
// "1_000" -> 1000, "1e3" -> 1000.0, "~" -> null, "2001-12-14" -> timestamp, anything else -> string.
// Never fails: text that is nothing else is a string.
ResolvedScalar resolve_plain_scalar(std::string_view text);

// Whether `text` is one of go-yaml v2's timestamp forms ("2001-12-14", "2001-12-14T21:59:43.1Z",
// "2001-12-14 21:59:43.10") with valid field ranges.
bool is_yaml_timestamp(std::string_view text);

// Whether `text` is a YAML 1.1 base-60 float ("190:20:30.15"), which go-yaml quotes on output.
bool is_base60_float(std::string_view text);

// Go's strconv.FormatFloat(value, 'g', -1, bits) for bits 32 or 64: "0.5", "1e+06", "+Inf", "NaN".
std::string format_go_float(double value, int bits);

}  // namespace gitops::core
