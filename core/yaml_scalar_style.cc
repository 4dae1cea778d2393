// Scalar style selection after go-yaml v2's emitter (block context only: sigs.k8s.io/yaml never
// prints flow collections other than {} and []).
#include "core/yaml_scalar_style.h"

#include "core/utf8.h"
#include "core/yaml_scalar.h"

namespace gitops::core {
namespace {

unsigned char byte_at(std::string_view value, std::size_t i) {
  return i < value.size() ? static_cast<unsigned char>(value[i]) : 0;
}

bool is_blank_or_end(std::string_view value, std::size_t i) {
  if (i >= value.size()) return true;
  return value[i] == ' ' || value[i] == '\t' || is_yaml_break(value, i) || value[i] == '\0';
}

struct Flags {
  bool block_indicators = false;
  bool line_breaks = false;
  bool special_characters = false;
  bool leading_space = false;
  bool leading_break = false;
  bool trailing_space = false;
  bool trailing_break = false;
  bool break_space = false;
  bool space_break = false;
};

void note_indicators(std::string_view value, std::size_t i, bool preceded_by_whitespace,
                     Flags& flags) {
  std::size_t width = utf8_width(static_cast<unsigned char>(value[i]));
  bool followed_by_whitespace = is_blank_or_end(value, i + width);
  char c = value[i];
  if (i == 0) {
    switch (c) {
      case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
      case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
        flags.block_indicators = true;
        break;
      case '?': case ':': case '-':
        if (followed_by_whitespace) flags.block_indicators = true;
        break;
      default: break;
    }
    return;
  }
  if ((c == ':' && followed_by_whitespace) || (c == '#' && preceded_by_whitespace)) {
    flags.block_indicators = true;
  }
}

}  // namespace

std::string_view to_string(ScalarStyle style) {
  switch (style) {
    case ScalarStyle::plain: return "plain";
    case ScalarStyle::single_quoted: return "single-quoted";
    case ScalarStyle::double_quoted: return "double-quoted";
    case ScalarStyle::literal: return "literal";
  }
  return "plain";
}

bool is_yaml_break(std::string_view value, std::size_t i) {
  unsigned char b = byte_at(value, i);
  if (b == '\r' || b == '\n') return true;
  if (b == 0xC2) return byte_at(value, i + 1) == 0x85;
  if (b == 0xE2) {
    return byte_at(value, i + 1) == 0x80 &&
           (byte_at(value, i + 2) == 0xA8 || byte_at(value, i + 2) == 0xA9);
  }
  return false;
}

bool is_yaml_printable(std::string_view value, std::size_t i) {
  unsigned char b = byte_at(value, i);
  unsigned char b1 = byte_at(value, i + 1);
  unsigned char b2 = byte_at(value, i + 2);
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) ||
         (b > 0xC2 && b < 0xED) || (b == 0xED && b1 < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}

ScalarAnalysis analyze_scalar(std::string_view value) {
  ScalarAnalysis out;
  if (value.empty()) {
    out.block_allowed = false;
    return out;
  }
  Flags flags;
  if (value.starts_with("---") || value.starts_with("...")) flags.block_indicators = true;
  bool preceded_by_whitespace = true;
  bool previous_space = false;
  bool previous_break = false;
  for (std::size_t i = 0; i < value.size();) {
    std::size_t width = utf8_width(static_cast<unsigned char>(value[i]));
    note_indicators(value, i, preceded_by_whitespace, flags);
    if (!is_yaml_printable(value, i)) flags.special_characters = true;
    bool last = i + width >= value.size();
    if (value[i] == ' ') {
      if (i == 0) flags.leading_space = true;
      if (last) flags.trailing_space = true;
      if (previous_break) flags.break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (is_yaml_break(value, i)) {
      flags.line_breaks = true;
      if (i == 0) flags.leading_break = true;
      if (last) flags.trailing_break = true;
      if (previous_space) flags.space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = false;
      previous_break = false;
    }
    preceded_by_whitespace = is_blank_or_end(value, i);
    i += width;
  }
  out.multiline = flags.line_breaks;
  if (flags.leading_space || flags.leading_break || flags.trailing_space || flags.trailing_break) {
    out.block_plain_allowed = false;
  }
  if (flags.trailing_space) out.block_allowed = false;
  if (flags.break_space) {
    out.block_plain_allowed = false;
    out.single_quoted_allowed = false;
  }
  if (flags.space_break || flags.special_characters) {
    out.block_plain_allowed = false;
    out.single_quoted_allowed = false;
    out.block_allowed = false;
  }
  if (flags.line_breaks || flags.block_indicators) out.block_plain_allowed = false;
  return out;
}

ScalarStyle choose_scalar_style(std::string_view value, ScalarTag tag, KeyContext context) {
  // go-yaml v2 writes U+2028 and U+2029 raw and reads them back as line breaks (YAML 1.1), while
  // YAML 1.2 readers such as yaml-cpp read them as text: only escapes keep the value either way.
  if (value.find("\xE2\x80\xA8") != std::string_view::npos ||
      value.find("\xE2\x80\xA9") != std::string_view::npos) {
    return ScalarStyle::double_quoted;
  }
  bool can_use_plain = tag != ScalarTag::none ||
                       (resolve_plain_scalar(value).type == ScalarType::string &&
                        !is_base60_float(value));
  ScalarStyle style = value.find('\n') != std::string_view::npos ? ScalarStyle::literal
                      : can_use_plain                            ? ScalarStyle::plain
                                                                 : ScalarStyle::double_quoted;
  ScalarAnalysis analysis = analyze_scalar(value);
  bool simple_key = context == KeyContext::simple_key;
  if (simple_key && analysis.multiline) style = ScalarStyle::double_quoted;
  if (style == ScalarStyle::plain) {
    if (!analysis.block_plain_allowed || (value.empty() && simple_key)) {
      style = ScalarStyle::single_quoted;
    }
  }
  if (style == ScalarStyle::single_quoted && !analysis.single_quoted_allowed) {
    style = ScalarStyle::double_quoted;
  }
  if (style == ScalarStyle::literal && (!analysis.block_allowed || simple_key)) {
    style = ScalarStyle::double_quoted;
  }
  return style;
}

std::string block_scalar_hints(std::string_view value, int best_indent) {
  std::string hints;
  if (!value.empty() && (value[0] == ' ' || is_yaml_break(value, 0))) {
    hints += static_cast<char>('0' + best_indent);
  }
  if (value.empty()) return hints + "-";
  std::size_t i = value.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) --i;
  if (!is_yaml_break(value, i)) return hints + "-";
  if (i == 0) return hints + "+";
  --i;
  while (i > 0 && (static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) --i;
  if (is_yaml_break(value, i)) return hints + "+";
  return hints;
}

}  // namespace gitops::core
