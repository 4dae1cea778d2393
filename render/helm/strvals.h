// Helm's --set / --set-string syntax (pkg/strvals): comma-separated `path=value` pairs where a path
// is dotted keys with list indexes (`a.b[0].c`), `{x,y}` builds a list, `\` escapes the next
// character, and --set types `true`/`false`/`null`/integers (int64); everything else is a string.
// Bounded: list indexes above k_max_set_index and paths nested deeper than k_max_set_depth fail.
#pragma once

#include <string_view>

#include "core/result.h"
#include "render/gotemplate/value.h"

namespace gitops::render::helm {

inline constexpr int k_max_set_index = 65536;
inline constexpr int k_max_set_depth = 1000;

enum class SetTyping { typed, strings };

// Parses `text` into the map `dest` (shared, changed in place as Go's ParseInto does); fails (kind
// usage) with Helm's texts, e.g. `key "a" has no value`,
// `unable to parse key: interface conversion: interface {} is string, not map[string]interface {}`.
core::Status parse_set_into(std::string_view text, const gotemplate::Value& dest, SetTyping typing);

}  // namespace gitops::render::helm
