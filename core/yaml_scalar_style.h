// How go-yaml v2 picks the style of a string it prints (plain, 'single', "double", |literal) from
// what the string would read back as and which characters it holds (yaml_emitter_analyze_scalar
// and yaml_emitter_select_scalar_style in emitterc.go).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gitops::core {

enum class ScalarStyle { plain, single_quoted, double_quoted, literal };
std::string_view to_string(ScalarStyle style);

// The explicit tag the writer puts on a string: none, or !!binary for bytes that are not UTF-8.
enum class ScalarTag { none, binary };

// Where the string is printed: as a simple map key (one line, no folding) or anywhere else.
enum class KeyContext { value, simple_key };

struct ScalarAnalysis {
  bool multiline = false;
  bool block_plain_allowed = true;
  bool single_quoted_allowed = true;
  bool block_allowed = true;
};

// What go-yaml's analysis finds in `value` (which must be valid UTF-8).
ScalarAnalysis analyze_scalar(std::string_view value);

// The style go-yaml v2 prints `value` in.
ScalarStyle choose_scalar_style(std::string_view value, ScalarTag tag, KeyContext context);

// The indentation and chomping indicators after "|": "" , "-", "+", "2-", ...
std::string block_scalar_hints(std::string_view value, int best_indent);

// go-yaml's is_break (\r, \n, U+0085, U+2028, U+2029) and is_printable at byte `i`.
bool is_yaml_break(std::string_view value, std::size_t i);
bool is_yaml_printable(std::string_view value, std::size_t i);

}  // namespace gitops::core
