// Plain-scalar resolution after go-yaml v2's resolve(): a first-character hint picks the candidates
// (a fixed table of words, then timestamps, integers in Go's ParseInt base-0 syntax with '_'
// removed, and floats); everything else is a string. Hand-written: this runs for every scalar.
#include "core/yaml_scalar.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace gitops::core {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Word {
  std::string_view text;
  ScalarType type;
  bool boolean;
  double floating;
};

constexpr double k_inf = std::numeric_limits<double>::infinity();
constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

constexpr std::array k_words{
    Word{"y", ScalarType::boolean, true, 0},      Word{"Y", ScalarType::boolean, true, 0},
    Word{"yes", ScalarType::boolean, true, 0},    Word{"Yes", ScalarType::boolean, true, 0},
    Word{"YES", ScalarType::boolean, true, 0},    Word{"true", ScalarType::boolean, true, 0},
    Word{"True", ScalarType::boolean, true, 0},   Word{"TRUE", ScalarType::boolean, true, 0},
    Word{"on", ScalarType::boolean, true, 0},     Word{"On", ScalarType::boolean, true, 0},
    Word{"ON", ScalarType::boolean, true, 0},     Word{"n", ScalarType::boolean, false, 0},
    Word{"N", ScalarType::boolean, false, 0},     Word{"no", ScalarType::boolean, false, 0},
    Word{"No", ScalarType::boolean, false, 0},    Word{"NO", ScalarType::boolean, false, 0},
    Word{"false", ScalarType::boolean, false, 0}, Word{"False", ScalarType::boolean, false, 0},
    Word{"FALSE", ScalarType::boolean, false, 0}, Word{"off", ScalarType::boolean, false, 0},
    Word{"Off", ScalarType::boolean, false, 0},   Word{"OFF", ScalarType::boolean, false, 0},
    Word{"", ScalarType::null, false, 0},         Word{"~", ScalarType::null, false, 0},
    Word{"null", ScalarType::null, false, 0},     Word{"Null", ScalarType::null, false, 0},
    Word{"NULL", ScalarType::null, false, 0},     Word{".nan", ScalarType::floating, false, k_nan},
    Word{".NaN", ScalarType::floating, false, k_nan}, Word{".NAN", ScalarType::floating, false, k_nan},
    Word{".inf", ScalarType::floating, false, k_inf}, Word{".Inf", ScalarType::floating, false, k_inf},
    Word{".INF", ScalarType::floating, false, k_inf}, Word{"+.inf", ScalarType::floating, false, k_inf},
    Word{"+.Inf", ScalarType::floating, false, k_inf}, Word{"+.INF", ScalarType::floating, false, k_inf},
    Word{"-.inf", ScalarType::floating, false, -k_inf}, Word{"-.Inf", ScalarType::floating, false, -k_inf},
    Word{"-.INF", ScalarType::floating, false, -k_inf},
};

bool lookup_word(std::string_view text, ResolvedScalar& out) {
  if (text.size() > 5) return false;
  for (const Word& word : k_words) {
    if (word.text != text) continue;
    out.type = word.type;
    out.boolean = word.boolean;
    out.floating = word.floating;
    return true;
  }
  return false;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Go's strconv.ParseInt(text, 0, 64), then ParseUint(text, 0, 64) (which refuses a sign).
bool parse_go_integer(std::string_view text, ResolvedScalar& out) {
  bool negative = false;
  bool signed_text = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    signed_text = true;
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() >= 2 && text[0] == '0') {
    char prefix = static_cast<char>(text[1] | 0x20);
    if (prefix == 'x') base = 16, text.remove_prefix(2);
    else if (prefix == 'o') base = 8, text.remove_prefix(2);
    else if (prefix == 'b') base = 2, text.remove_prefix(2);
    else base = 8, text.remove_prefix(1);
  }
  if (text.empty()) return false;
  std::uint64_t magnitude = 0;
  for (char c : text) {
    int digit = digit_value(c);
    if (digit >= base) return false;
    if (magnitude > (std::numeric_limits<std::uint64_t>::max() - digit) / base) return false;
    magnitude = magnitude * base + digit;
  }
  constexpr std::uint64_t k_int64_max = std::numeric_limits<std::int64_t>::max();
  if (negative) {
    if (magnitude > k_int64_max + 1) return false;
    out.type = ScalarType::signed_integer;
    out.signed_integer = magnitude == k_int64_max + 1 ? std::numeric_limits<std::int64_t>::min()
                                                       : -static_cast<std::int64_t>(magnitude);
    return true;
  }
  if (magnitude <= k_int64_max) {
    out.type = ScalarType::signed_integer;
    out.signed_integer = static_cast<std::int64_t>(magnitude);
    return true;
  }
  if (signed_text) return false;
  out.type = ScalarType::unsigned_integer;
  out.unsigned_integer = magnitude;
  return true;
}

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$, go-yaml's yamlStyleFloat.
bool is_yaml_style_float(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// Go's strconv.ParseFloat on text that passed is_yaml_style_float: false when out of range.
bool parse_go_float(std::string_view text, double& out) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (error == std::errc::result_out_of_range) {
    // Go rounds underflow to zero without an error; only overflow fails.
    std::size_t e = text.find_first_of("eE");
    if (e == std::string_view::npos || e + 1 >= text.size() || text[e + 1] != '-') return false;
    out = text[0] == '-' ? -0.0 : 0.0;
    return true;
  }
  return error == std::errc() && end == text.data() + text.size();
}

ResolvedScalar resolve_number(std::string_view text) {
  ResolvedScalar out;
  if (is_yaml_timestamp(text)) {
    out.type = ScalarType::timestamp;
    return out;
  }
  std::string plain;
  if (text.find('_') != std::string_view::npos) {
    plain.reserve(text.size());
    for (char c : text) {
      if (c != '_') plain.push_back(c);
    }
    text = plain;
  }
  if (parse_go_integer(text, out)) return out;
  if (is_yaml_style_float(text) && parse_go_float(text, out.floating)) {
    out.type = ScalarType::floating;
  }
  return out;
}

}  // namespace

std::string_view to_string(ScalarType type) {
  switch (type) {
    case ScalarType::string: return "str";
    case ScalarType::null: return "null";
    case ScalarType::boolean: return "bool";
    case ScalarType::signed_integer: return "int";
    case ScalarType::unsigned_integer: return "int";
    case ScalarType::floating: return "float";
    case ScalarType::timestamp: return "timestamp";
  }
  return "string";
}

ResolvedScalar resolve_plain_scalar(std::string_view text) {
  ResolvedScalar out;
  char hint = text.empty() ? 'N' : text[0];
  switch (hint) {
    case 'N':
    case 'y': case 'Y': case 'n': case 't': case 'T': case 'f': case 'F': case 'o': case 'O':
    case '~':
      lookup_word(text, out);
      return out;
    case '.':
      if (lookup_word(text, out)) return out;
      if (is_yaml_style_float(text) && parse_go_float(text, out.floating)) {
        out.type = ScalarType::floating;
      }
      return out;
    case '+': case '-':
      if (lookup_word(text, out)) return out;
      return resolve_number(text);
    default:
      if (is_digit(hint)) return resolve_number(text);
      return out;
  }
}

}  // namespace gitops::core

namespace gitops::core {
namespace {

// Go's getnum(value, false): one or two digits.
bool take_number(std::string_view& s, int& out) {
  if (s.empty() || !is_digit(s[0])) return false;
  out = s[0] - '0';
  std::size_t used = 1;
  if (s.size() > 1 && is_digit(s[1])) {
    out = out * 10 + (s[1] - '0');
    used = 2;
  }
  s.remove_prefix(used);
  return true;
}

bool take_char(std::string_view& s, char c) {
  if (s.empty() || s[0] != c) return false;
  s.remove_prefix(1);
  return true;
}

int days_in_month(int month, int year) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : k_days[month - 1];
}

// "15:4:5" with optional ".999999999" fraction, as Go's time.Parse reads it.
bool take_clock(std::string_view& s) {
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!take_number(s, hour) || !take_char(s, ':') || !take_number(s, minute) ||
      !take_char(s, ':') || !take_number(s, second)) {
    return false;
  }
  if (hour >= 24 || minute >= 60 || second >= 60) return false;
  if (s.size() >= 2 && (s[0] == '.' || s[0] == ',') && is_digit(s[1])) {
    s.remove_prefix(1);
    while (!s.empty() && is_digit(s[0])) s.remove_prefix(1);
  }
  return true;
}

// "Z" or "+07:00", Go's Z07:00.
bool take_zone(std::string_view& s) {
  if (take_char(s, 'Z')) return true;
  if (s.size() < 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return false;
  for (std::size_t i : {1, 2, 4, 5}) {
    if (!is_digit(s[i])) return false;
  }
  s.remove_prefix(6);
  return true;
}

}  // namespace

bool is_yaml_timestamp(std::string_view s) {
  if (s.size() < 5) return false;
  for (int i = 0; i < 4; ++i) {
    if (!is_digit(s[i])) return false;
  }
  if (s[4] != '-') return false;
  int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  s.remove_prefix(5);
  int month = 0;
  int day = 0;
  if (!take_number(s, month) || !take_char(s, '-') || !take_number(s, day)) return false;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(month, year)) return false;
  if (s.empty()) return true;
  char separator = s[0];
  s.remove_prefix(1);
  if (separator == 'T' || separator == 't') return take_clock(s) && take_zone(s) && s.empty();
  if (separator == ' ') return take_clock(s) && s.empty();
  return false;
}

// ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
bool is_base60_float(std::string_view s) {
  if (s.empty()) return false;
  char c = s[0];
  if (!(c == '+' || c == '-' || is_digit(c)) || s.find(':') == std::string_view::npos) return false;
  std::size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  if (i >= s.size() || !is_digit(s[i])) return false;
  while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
  int groups = 0;
  while (i < s.size() && s[i] == ':') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && is_digit(s[i]) && i - start < 2) ++i;
    std::size_t length = i - start;
    if (length == 0 || (length == 2 && s[start] > '5')) return false;
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
  }
  return i == s.size();
}

std::string format_go_float(double value, int bits) {
  if (bits == 32) value = static_cast<float>(value);  // beyond float32's range: infinity
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  auto result = bits == 32 ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(value),
                                           std::chars_format::scientific)
                           : std::to_chars(buffer, buffer + sizeof buffer, value,
                                           std::chars_format::scientific);
  std::string_view scientific(buffer, result.ptr - buffer);
  bool negative = scientific[0] == '-';
  if (negative) scientific.remove_prefix(1);
  std::size_t e = scientific.find('e');
  std::string digits;
  for (char c : scientific.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  std::string_view exponent_text = scientific.substr(e + 1);
  if (!exponent_text.empty() && exponent_text[0] == '+') exponent_text.remove_prefix(1);
  int exponent = 0;
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
  int nd = static_cast<int>(digits.size());
  int dp = exponent + 1;
  std::string out = negative ? "-" : "";
  if (exponent < -4 || exponent >= 6) {
    out += digits[0];
    if (nd > 1) out += "." + digits.substr(1);
    out += exponent < 0 ? "e-" : "e+";
    int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
    return out;
  }
  if (dp > 0) {
    for (int i = 0; i < dp; ++i) out += i < nd ? digits[i] : '0';
  } else {
    out += '0';
  }
  int decimals = nd - dp > 0 ? nd - dp : 0;
  if (decimals > 0) {
    out += '.';
    for (int i = 0; i < decimals; ++i) {
      int index = dp + i;
      out += index >= 0 && index < nd ? digits[index] : '0';
    }
  }
  return out;
}

}  // namespace gitops::core
