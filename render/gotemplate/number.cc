// Number literal parsing with Go's strconv base-0 rules and the int/float classification of
// parse.NumberNode.
#include "render/gotemplate/number.h"

#include <charconv>
#include <cmath>
#include <optional>

#include "render/gotemplate/strconv.h"

namespace gitops::render::gotemplate {
namespace {

// strconv.ParseUint(s, 0, 64) without the sign; nullopt on syntax error or overflow.
std::optional<std::uint64_t> parse_uint(std::string_view s) {
  int base = 10;
  if (s.size() > 1 && s[0] == '0') {
    char p = static_cast<char>(s[1] | 0x20);
    if (p == 'x') base = 16, s.remove_prefix(2);
    else if (p == 'o') base = 8, s.remove_prefix(2);
    else if (p == 'b') base = 2, s.remove_prefix(2);
    else base = 8, s.remove_prefix(1);
  }
  std::string digits;
  for (char c : s) {
    if (c != '_') digits.push_back(c);
  }
  if (digits.empty()) return std::nullopt;
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, base);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_float(std::string_view s) {
  bool neg = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  std::string t;
  for (char c : s) {
    if (c != '_') t.push_back(c);
  }
  auto fmt = std::chars_format::general;
  if (t.size() > 1 && t[0] == '0' && (t[1] | 0x20) == 'x') {
    t.erase(0, 2);
    fmt = std::chars_format::hex;
    if (t.find_first_of("pP") == std::string::npos) return std::nullopt;
  }
  if (t.empty()) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v, fmt);
  if (ptr != t.data() + t.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) return std::nullopt;
  if (ec != std::errc()) return std::nullopt;
  return neg ? -v : v;
}

void set_ideal(NumberNode& n) {
  const std::string& t = n.text;
  bool hex_int = t.size() > 2 && t[0] == '0' && (t[1] | 0x20) == 'x' &&
                 t.find_first_of("pP") == std::string::npos;
  bool rune_int = !t.empty() && t[0] == '\'';
  if (n.is_float && !hex_int && !rune_int && t.find_first_of(".eEpP") != std::string::npos) {
    n.ideal = Value::float64(n.float_value);
  } else if (n.is_int) {
    n.ideal = Value::integer(n.int_value);
  } else {
    n.ideal_overflows = true;
  }
}

std::string parse_char(NumberNode& n) {
  auto s = unquote(n.text);
  if (!s) {
    if (n.text.size() > 2 && n.text.back() == '\'') return "malformed character constant: " + n.text;
    return "invalid syntax";
  }
  int r = decode_rune(*s);
  n.is_int = n.is_uint = n.is_float = true;
  n.int_value = r;
  n.uint_value = static_cast<std::uint64_t>(r);
  n.float_value = r;
  n.ideal = Value::integer(r);
  return "";
}

}  // namespace

std::string parse_number(NumberNode& n, bool is_char) {
  if (is_char) return parse_char(n);
  std::string_view t = n.text;
  if (!t.empty() && t.back() == 'i') return "complex numbers are not supported: " + n.text;
  bool neg = !t.empty() && t[0] == '-';
  std::string_view body = t.substr(!t.empty() && (t[0] == '-' || t[0] == '+') ? 1 : 0);
  if (auto u = parse_uint(body)) {
    if (!neg) {
      n.is_uint = true;
      n.uint_value = *u;
    }
    if (*u <= static_cast<std::uint64_t>(INT64_MAX) || (neg && *u == (1ULL << 63))) {
      n.is_int = true;
      n.int_value = neg ? static_cast<std::int64_t>(0 - *u) : static_cast<std::int64_t>(*u);
      if (n.int_value == 0) n.is_uint = true;
    }
  }
  if (n.is_int) {
    n.is_float = true;
    n.float_value = static_cast<double>(n.int_value);
  } else if (n.is_uint) {
    n.is_float = true;
    n.float_value = static_cast<double>(n.uint_value);
  } else if (auto f = parse_float(t)) {
    if (t.find_first_of(".eEpP") == std::string_view::npos) return "integer overflow: " + n.text;
    n.is_float = true;
    n.float_value = *f;
    if (std::fabs(*f) < 9.2e18 && std::trunc(*f) == *f) {
      n.is_int = true;
      n.int_value = static_cast<std::int64_t>(*f);
    }
    if (*f >= 0 && *f < 1.8e19 && std::trunc(*f) == *f) {
      n.is_uint = true;
      n.uint_value = static_cast<std::uint64_t>(*f);
    }
  }
  if (!n.is_int && !n.is_uint && !n.is_float) return "illegal number syntax: " + quote(n.text);
  set_ideal(n);
  return "";
}

}  // namespace gitops::render::gotemplate
