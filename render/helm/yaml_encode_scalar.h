// go-yaml v2's scalar decisions for a string it emits: whether the text would read back as
// something else (bool, number, null, timestamp, base-60 float), the emitter's analysis (leading
// or trailing space, line breaks, indicators, non-printable characters), and the resulting style:
// plain, 'single', "double" (with yaml.v2's escapes) or a |- literal block. Also its key order.
#pragma once

#include <string>
#include <string_view>

namespace gitops::render::helm {

// Where a scalar is written: as a mapping value or sequence item, or as a simple mapping key.
enum class Context { value, simple_key };

std::string_view to_string(Context context);

// The text yaml.v2 writes for the string `s`; a literal block's lines are indented by `indent`
// spaces and separated by "\n", with no final newline.
std::string yaml_scalar(std::string_view s, int indent, Context context);

// yaml.v2's keyList.Less for string keys: letters compare by code point, digit runs numerically.
bool yaml_key_less(std::string_view a, std::string_view b);

// True when yaml.v2 reads the plain scalar `s` as a non-string (resolve() plus base-60 floats).
bool yaml_resolves_to_non_string(std::string_view s);

}  // namespace gitops::render::helm
