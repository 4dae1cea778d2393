// spf13/cast conversions, Sprig's emptiness and reflect.DeepEqual over gotemplate values.
#include "render/helm/sprig_convert.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace gitops::render::helm {

using gotemplate::Kind;
using gotemplate::List;
using gotemplate::Value;

core::Error go_error(std::string text) {
  return core::Error{core::ErrorKind::source, std::move(text)};
}

core::Error nil_pointer_error() {
  return go_error("runtime error: invalid memory address or nil pointer dereference");
}

std::optional<std::int64_t> parse_go_int(std::string_view s, int base) {
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  bool underscores = false;
  if (base == 0) {
    base = 10;
    underscores = true;
    if (s.size() > 1 && s[0] == '0') {
      char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
      if (p == 'x' || p == 'o' || p == 'b') {
        base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        s.remove_prefix(2);
      } else {
        base = 8;
        s.remove_prefix(1);
        if (s.empty()) return 0;
      }
    }
  }
  if (s.empty()) return std::nullopt;
  const std::uint64_t limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (neg ? 1 : 0);
  std::uint64_t acc = 0;
  for (char c : s) {
    if (c == '_' && underscores) continue;
    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
            : std::isalpha(static_cast<unsigned char>(c))
                ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                : 99;
    if (d >= base) return std::nullopt;
    auto ud = static_cast<std::uint64_t>(d);
    if (acc > (limit - ud) / static_cast<std::uint64_t>(base)) return std::nullopt;
    acc = acc * static_cast<std::uint64_t>(base) + ud;
  }
  if (neg) return static_cast<std::int64_t>(0 - acc);
  return static_cast<std::int64_t>(acc);
}

std::optional<double> parse_go_float(std::string_view s) {
  std::string text;
  for (char c : s) {
    if (c != '_') text += c;
  }
  if (text.empty()) return std::nullopt;
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view body = lower;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
  if (body == "inf" || body == "infinity") {
    return lower[0] == '-' ? -HUGE_VAL : HUGE_VAL;
  }
  if (body == "nan") return std::nan("");
  for (char c : body) {
    if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '.' && c != 'e' && c != 'p' &&
        c != 'x' && c != '+' && c != '-') {
      return std::nullopt;
    }
  }
  errno = 0;
  char* end = nullptr;
  double d = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  if (errno == ERANGE && std::isinf(d)) return std::nullopt;
  return d;
}

std::int64_t cast_to_int64(const Value& v) {
  switch (v.kind()) {
    case Kind::integer:
    case Kind::int64: return v.as_int();
    case Kind::float64: {
      double f = v.as_float();
      if (std::isnan(f) || f >= 9.3e18 || f <= -9.3e18) return std::numeric_limits<std::int64_t>::min();
      return static_cast<std::int64_t>(f);
    }
    case Kind::boolean: return v.as_bool() ? 1 : 0;
    case Kind::string: return parse_go_int(v.as_string(), 0).value_or(0);
    default: return 0;
  }
}

double cast_to_float64(const Value& v) {
  switch (v.kind()) {
    case Kind::integer:
    case Kind::int64: return static_cast<double>(v.as_int());
    case Kind::float64: return v.as_float();
    case Kind::boolean: return v.as_bool() ? 1 : 0;
    case Kind::string: return parse_go_float(v.as_string()).value_or(0);
    default: return 0;
  }
}

bool is_empty(const Value& v) {
  switch (v.kind()) {
    case Kind::nil: return true;
    case Kind::boolean: return !v.as_bool();
    case Kind::integer:
    case Kind::int64: return v.as_int() == 0;
    case Kind::float64: return v.as_float() == 0;
    case Kind::string:
    case Kind::list:
    case Kind::bytes:
    case Kind::map: return v.length() == 0;
    case Kind::time: return false;
    case Kind::object: return !v.as_object().truth();
  }
  return false;
}

bool deep_equal(const Value& a, const Value& b) {
  if (a.type_name() != b.type_name()) return false;
  switch (a.kind()) {
    case Kind::nil: return true;
    case Kind::boolean: return a.as_bool() == b.as_bool();
    case Kind::integer:
    case Kind::int64: return a.as_int() == b.as_int();
    case Kind::float64: return a.as_float() == b.as_float();
    case Kind::string: return a.as_string() == b.as_string();
    case Kind::bytes: return a.as_bytes() == b.as_bytes();
    case Kind::list: {
      const List& x = a.as_list();
      const List& y = b.as_list();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!deep_equal(x[i], y[i])) return false;
      }
      return true;
    }
    case Kind::map: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      if (x.size() != y.size()) return false;
      for (auto ix = x.begin(), iy = y.begin(); ix != x.end(); ++ix, ++iy) {
        if (ix->first != iy->first || !deep_equal(ix->second, iy->second)) return false;
      }
      return true;
    }
    case Kind::time: {
      const auto& x = a.as_time();
      const auto& y = b.as_time();
      return x.unix_seconds == y.unix_seconds && x.nanos == y.nanos && x.offset == y.offset &&
             x.zone == y.zone;
    }
    case Kind::object: return a.object_ptr() == b.object_ptr() || a.as_object().format() == b.as_object().format();
  }
  return false;
}

std::optional<List> slice_items(const Value& named) {
  Value v = gotemplate::underlying_value(named);
  if (v.kind() == Kind::list) return v.as_list();
  if (v.kind() == Kind::bytes) {
    List items;
    for (unsigned char c : v.as_bytes()) items.push_back(Value::integer(c));
    return items;
  }
  return std::nullopt;
}

std::string reflect_kind(const Value& v) { return v.kind_name(); }

}  // namespace gitops::render::helm
