// yaml.v2's resolve() and emitter scalar analysis, ported for strings (encode.go stringv,
// resolve.go, emitterc.go yaml_emitter_analyze_scalar / select_scalar_style / the writers).
#include "render/helm/yaml_encode_scalar.h"

#include <array>
#include <cmath>
#include <vector>

#include "render/helm/go_format.h"
#include "render/helm/go_format_time.h"
#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_unicode.h"

namespace gitops::render::helm {
namespace {

enum class Style { plain, single, dbl, literal };

bool in_resolve_map(std::string_view s) {
  static constexpr std::array<std::string_view, 40> k_words = {
      "y",     "Y",     "yes",   "Yes",   "YES",   "true",  "True",  "TRUE",  "on",
      "On",    "ON",    "n",     "N",     "no",    "No",    "NO",    "false", "False",
      "FALSE", "off",   "Off",   "OFF",   "",      "~",     "null",  "Null",  "NULL",
      ".nan",  ".NaN",  ".NAN",  ".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf", "+.INF",
      "-.inf", "-.Inf", "-.INF", "<<"};
  for (auto word : k_words) {
    if (word == s) return true;
  }
  return false;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool yaml_style_float(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  auto e = s.find_first_of("eE");
  std::string_view mant = s.substr(0, e);
  if (e != std::string_view::npos) {
    std::string_view exp = s.substr(e + 1);
    if (!exp.empty() && (exp[0] == '-' || exp[0] == '+')) exp.remove_prefix(1);
    if (!all_digits(exp)) return false;
  }
  auto dot = mant.find('.');
  if (dot == std::string_view::npos) return all_digits(mant);
  std::string_view whole = mant.substr(0, dot), frac = mant.substr(dot + 1);
  if (whole.empty()) return all_digits(frac);
  return all_digits(whole) && (frac.empty() || all_digits(frac));
}

// ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
bool base60_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  ++i;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_')) ++i;
  int groups = 0;
  while (i < s.size() && s[i] == ':') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 2) ++i;
    std::size_t n = i - start;
    if (n == 0 || (n == 2 && s[start] > '5')) return false;
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_')) ++i;
  }
  return i == s.size();
}

bool yaml_timestamp(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i != 4 || i == s.size() || s[i] != '-') return false;
  for (std::string_view layout : {"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00",
                                  "2006-1-2 15:4:5.999999999", "2006-1-2"}) {
    if (parse_time(layout, s).ok()) return true;
  }
  return false;
}

bool go_parse_uint(std::string_view s) {
  if (s.empty() || s[0] == '-' || s[0] == '+') return false;
  // Anything ParseInt accepted was already an int; only values above MaxInt64 remain.
  std::string text(s);
  if (text.size() > 1 && text[0] == '0') return false;
  return all_digits(text) && (text.size() < 20 || (text.size() == 20 && text <= "18446744073709551615"));
}

struct Analysis {
  bool multiline = false;
  bool flow_plain = true;
  bool block_plain = true;
  bool single_quoted = true;
  bool block = true;
};

bool printable(char32_t r) {
  return r == 0x0a || (r >= 0x20 && r <= 0x7e) || (r >= 0xa0 && r <= 0xd7ff) ||
         (r >= 0xe000 && r <= 0xfffd && r != 0xfeff);
}
bool is_break_rune(char32_t r) { return r == '\r' || r == '\n' || r == 0x85 || r == 0x2028 || r == 0x2029; }

Analysis analyze(std::string_view value) {
  Analysis a;
  if (value.empty()) {
    return Analysis{false, false, true, true, false};
  }
  std::vector<char32_t> rs;
  for (std::size_t p = 0; p < value.size();) rs.push_back(decode_rune(value, p));
  bool block_ind = false, flow_ind = false, line_breaks = false, special = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
  bool break_space = false, space_break = false, prev_space = false, prev_break = false;
  if (value.substr(0, 3) == "---" || value.substr(0, 3) == "...") block_ind = flow_ind = true;
  bool preceded_ws = true;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    char32_t c = rs[i];
    bool followed_ws = i + 1 >= rs.size() || rs[i + 1] == ' ' || rs[i + 1] == '\t' || is_break_rune(rs[i + 1]);
    if (i == 0) {
      switch (c) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
        case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
          flow_ind = block_ind = true;
          break;
        case '?': case ':':
          flow_ind = true;
          if (followed_ws) block_ind = true;
          break;
        case '-':
          if (followed_ws) flow_ind = block_ind = true;
          break;
        default: break;
      }
    } else {
      switch (c) {
        case ',': case '?': case '[': case ']': case '{': case '}': flow_ind = true; break;
        case ':':
          flow_ind = true;
          if (followed_ws) block_ind = true;
          break;
        case '#':
          if (preceded_ws) flow_ind = block_ind = true;
          break;
        default: break;
      }
    }
    if (!printable(c)) special = true;
    if (c == ' ') {
      if (i == 0) leading_space = true;
      if (i + 1 == rs.size()) trailing_space = true;
      if (prev_break) break_space = true;
      prev_space = true;
      prev_break = false;
    } else if (is_break_rune(c)) {
      line_breaks = true;
      if (i == 0) leading_break = true;
      if (i + 1 == rs.size()) trailing_break = true;
      if (prev_space) space_break = true;
      prev_space = false;
      prev_break = true;
    } else {
      prev_space = prev_break = false;
    }
    preceded_ws = c == ' ' || c == '\t' || is_break_rune(c);
  }
  a.multiline = line_breaks;
  if (leading_space || leading_break || trailing_space || trailing_break) a.flow_plain = a.block_plain = false;
  if (trailing_space) a.block = false;
  if (break_space) a.flow_plain = a.block_plain = a.single_quoted = false;
  if (space_break || special) a.flow_plain = a.block_plain = a.single_quoted = a.block = false;
  if (line_breaks) a.flow_plain = a.block_plain = false;
  if (flow_ind) a.flow_plain = false;
  if (block_ind) a.block_plain = false;
  return a;
}

Style select_style(std::string_view s, Context context) {
  Style style = s.find('\n') != std::string_view::npos ? Style::literal
                : yaml_resolves_to_non_string(s)         ? Style::dbl
                                                         : Style::plain;
  Analysis a = analyze(s);
  bool simple_key = context == Context::simple_key;
  if (simple_key && a.multiline) style = Style::dbl;
  if (style == Style::plain) {
    if (!a.block_plain) style = Style::single;
    if (s.empty() && simple_key) style = Style::single;
  }
  if (style == Style::single && !a.single_quoted) style = Style::dbl;
  if (style == Style::literal && (!a.block || simple_key)) style = Style::dbl;
  return style;
}

std::string double_quoted(std::string_view s) {
  static const char* k_hex = "0123456789ABCDEF";
  std::string out = "\"";
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t start = p;
    char32_t r = decode_rune(s, p);
    if (printable(r) && r != 0xfeff && !is_break_rune(r) && r != '"' && r != '\\') {
      out.append(s.substr(start, p - start));
      continue;
    }
    out += '\\';
    switch (r) {
      case 0x00: out += '0'; continue;
      case 0x07: out += 'a'; continue;
      case 0x08: out += 'b'; continue;
      case 0x09: out += 't'; continue;
      case 0x0a: out += 'n'; continue;
      case 0x0b: out += 'v'; continue;
      case 0x0c: out += 'f'; continue;
      case 0x0d: out += 'r'; continue;
      case 0x1b: out += 'e'; continue;
      case 0x22: out += '"'; continue;
      case 0x5c: out += '\\'; continue;
      case 0x85: out += 'N'; continue;
      case 0xa0: out += '_'; continue;
      case 0x2028: out += 'L'; continue;
      case 0x2029: out += 'P'; continue;
      default: break;
    }
    int width = r <= 0xff ? 2 : r <= 0xffff ? 4 : 8;
    out += width == 2 ? 'x' : width == 4 ? 'u' : 'U';
    for (int k = (width - 1) * 4; k >= 0; k -= 4) out += k_hex[(r >> k) & 0xf];
  }
  return out + "\"";
}

// U+2028 and U+2029 are line breaks to yaml.v2: the text after one is indented like a new line.
bool is_unicode_break(std::string_view s, std::size_t i) {
  return s.compare(i, 3, "\xe2\x80\xa8") == 0 || s.compare(i, 3, "\xe2\x80\xa9") == 0;
}

std::string single_quoted(std::string_view s, int indent) {
  std::string out = "'";
  bool breaks = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_unicode_break(s, i)) {
      out.append(s.substr(i, 3));
      i += 2;
      breaks = true;
      continue;
    }
    if (breaks) out.append(static_cast<std::size_t>(indent), ' ');
    breaks = false;
    out += s[i];
    if (s[i] == '\'') out += '\'';
  }
  return out + "'";
}

std::string literal(std::string_view s, int indent) {
  std::string out = "|";
  if (s[0] == ' ' || s[0] == '\n' || s[0] == '\r') out += '2';
  std::size_t last = s.size() - 1;
  if (s[last] != '\n' && s[last] != '\r') {
    out += '-';
  } else if (last == 0 || s[last - 1] == '\n' || s[last - 1] == '\r') {
    out += '+';
  }
  out += '\n';
  bool breaks = true;
  for (char c : s) {
    if (c == '\n') {
      out += '\n';
      breaks = true;
      continue;
    }
    if (breaks) out.append(static_cast<std::size_t>(indent), ' ');
    breaks = false;
    out += c;
  }
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace

std::string_view to_string(Context context) {
  return context == Context::simple_key ? "simple_key" : "value";
}

bool yaml_resolves_to_non_string(std::string_view s) {
  if (in_resolve_map(s)) return true;
  if (base60_float(s)) return true;
  if (s.empty()) return true;
  char c = s[0];
  if (c == '.') {
    return s.size() > 1 && yaml_style_float(s);
  }
  if (c != '+' && c != '-' && (c < '0' || c > '9')) return false;
  if (yaml_timestamp(s)) return true;
  std::string plain;
  for (char ch : s) {
    if (ch != '_') plain += ch;
  }
  if (parse_go_int(plain, 0)) return true;
  if (go_parse_uint(plain)) return true;
  if (yaml_style_float(plain)) {
    auto f = parse_go_float(plain);
    return f && !std::isinf(*f);
  }
  return false;
}

std::string yaml_scalar(std::string_view s, int indent, Context context) {
  switch (select_style(s, context)) {
    case Style::plain: return std::string(s);
    case Style::single: return single_quoted(s, indent);
    case Style::dbl: return double_quoted(s);
    case Style::literal: return literal(s, indent);
  }
  return std::string(s);
}

bool yaml_key_less(std::string_view a_text, std::string_view b_text) {
  std::vector<char32_t> a, b;
  for (std::size_t p = 0; p < a_text.size();) a.push_back(decode_rune(a_text, p));
  for (std::size_t p = 0; p < b_text.size();) b.push_back(decode_rune(b_text, p));
  auto digit = [](char32_t r) { return r >= '0' && r <= '9'; };
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) continue;
    bool al = unicode_is_letter(a[i]), bl = unicode_is_letter(b[i]);
    if (al && bl) return a[i] < b[i];
    if (al || bl) return bl;
    std::int64_t an = 0, bn = 0;
    if (a[i] == '0' || b[i] == '0') {
      for (std::size_t j = i; j-- > 0 && digit(a[j]);) {
        if (a[j] != '0') {
          an = bn = 1;
          break;
        }
      }
    }
    std::size_t ai = i, bi = i;
    for (; ai < a.size() && digit(a[ai]); ++ai) an = an * 10 + static_cast<std::int64_t>(a[ai] - '0');
    for (; bi < b.size() && digit(b[bi]); ++bi) bn = bn * 10 + static_cast<std::int64_t>(b[bi] - '0');
    if (an != bn) return an < bn;
    if (ai != bi) return ai < bi;
    return a[i] < b[i];
  }
  return a.size() < b.size();
}

}  // namespace gitops::render::helm
