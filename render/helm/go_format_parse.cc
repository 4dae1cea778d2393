// time.ParseInLocation(layout, value, UTC) and time.ParseDuration, with Go's error texts: the layout
// is walked element by element (go_format_layout.h) and each element consumes its value text.
#include <cctype>
#include <optional>

#include "render/helm/go_format.h"
#include "render/helm/go_format_layout.h"
#include "render/helm/go_format_time.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Time;

struct Fields {
  std::int64_t year = 1;
  int month = -1, day = -1, yday = -1, hour = 0, minute = 0, second = 0;
  std::int32_t nanos = 0;
  bool pm_set = false, pm = false;
  std::optional<int> offset;
  std::string zone;
};

core::Error source_error(std::string message) {
  return core::Error{core::ErrorKind::source, std::move(message)};
}

// Reads exactly `width` digits (fixed) or 1..width digits (flexible); nullopt when absent.
std::optional<int> take_number(std::string_view& v, int width, bool fixed) {
  int n = 0, i = 0;
  while (i < width && i < static_cast<int>(v.size()) && std::isdigit(static_cast<unsigned char>(v[i]))) {
    n = n * 10 + (v[i] - '0');
    ++i;
  }
  if (i == 0 || (fixed && i != width)) return std::nullopt;
  v.remove_prefix(static_cast<std::size_t>(i));
  return n;
}

std::optional<int> take_name(std::string_view& v, bool short_form, bool weekday) {
  for (int i = 0; i < (weekday ? 7 : 12); ++i) {
    std::string_view name = weekday ? k_days[static_cast<std::size_t>(i)] : k_months[static_cast<std::size_t>(i)];
    if (short_form) name = name.substr(0, 3);
    if (v.size() >= name.size()) {
      bool match = true;
      for (std::size_t j = 0; j < name.size(); ++j) {
        match = match && std::tolower(static_cast<unsigned char>(v[j])) == std::tolower(static_cast<unsigned char>(name[j]));
      }
      if (match) {
        v.remove_prefix(name.size());
        return i;
      }
    }
  }
  return std::nullopt;
}

bool take_offset(std::string_view& v, Std std, Fields& f) {
  bool z_form = std == Std::iso_z4 || std == Std::iso_z_colon || std == Std::iso_z2 ||
                std == Std::iso_z6 || std == Std::iso_z_colon6;
  if (z_form && !v.empty() && v[0] == 'Z') {
    v.remove_prefix(1);
    f.offset = 0;
    return true;
  }
  if (v.empty() || (v[0] != '+' && v[0] != '-')) return false;
  int sign = v[0] == '-' ? -1 : 1;
  v.remove_prefix(1);
  bool colon = std == Std::iso_z_colon || std == Std::num_tz_colon ||
               std == Std::iso_z_colon6 || std == Std::num_tz_colon6;
  bool seconds = std == Std::iso_z6 || std == Std::num_tz6 || std == Std::iso_z_colon6 ||
                 std == Std::num_tz_colon6;
  auto hh = take_number(v, 2, true);
  if (!hh) return false;
  int mm = 0, ss = 0;
  if (std != Std::iso_z2 && std != Std::num_tz2) {
    if (colon && (v.empty() || v[0] != ':')) return false;
    if (colon) v.remove_prefix(1);
    auto m = take_number(v, 2, true);
    if (!m) return false;
    mm = *m;
    if (seconds) {
      if (colon && (v.empty() || v[0] != ':')) return false;
      if (colon) v.remove_prefix(1);
      auto s = take_number(v, 2, true);
      if (!s) return false;
      ss = *s;
    }
  }
  f.offset = sign * (*hh * 3600 + mm * 60 + ss);
  return true;
}

bool take_fraction(std::string_view& v, Fields& f, int digits) {
  if (v.empty() || (v[0] != '.' && v[0] != ',')) return digits < 0;
  std::size_t n = 1;
  while (n < v.size() && std::isdigit(static_cast<unsigned char>(v[n]))) ++n;
  if (digits > 0 && static_cast<int>(n) - 1 != digits) return false;
  std::string part(v.substr(1, n - 1));
  part.resize(9, '0');
  f.nanos = std::stoi(part.substr(0, 9));
  v.remove_prefix(n);
  return true;
}

// Consumes the value text of one layout element; false when it does not match.
bool take_element(std::string_view& v, const Chunk& chunk, Fields& f, bool fraction_follows) {
  auto num = [&](int width, bool fixed, int& out) {
    auto n = take_number(v, width, fixed);
    if (n) out = *n;
    return n.has_value();
  };
  int tmp = 0;
  switch (chunk.std) {
    case Std::long_year: {
      if (!num(4, true, tmp)) return false;
      f.year = tmp;
      return true;
    }
    case Std::year:
      if (!num(2, true, tmp)) return false;
      f.year = tmp >= 69 ? 1900 + tmp : 2000 + tmp;
      return true;
    case Std::long_month:
    case Std::month: {
      auto m = take_name(v, chunk.std == Std::month, false);
      if (m) f.month = *m + 1;
      return m.has_value();
    }
    case Std::num_month: return num(2, false, f.month);
    case Std::zero_month: return num(2, true, f.month);
    case Std::long_weekday:
    case Std::weekday: return take_name(v, chunk.std == Std::weekday, true).has_value();
    case Std::day: return num(2, false, f.day);
    case Std::under_day:
      if (!v.empty() && v[0] == ' ') v.remove_prefix(1);
      return num(2, false, f.day);
    case Std::zero_day: return num(2, true, f.day);
    case Std::under_yearday:
    case Std::zero_yearday: return num(3, chunk.std == Std::zero_yearday, f.yday);
    case Std::hour: return num(2, false, f.hour);
    case Std::hour12: return num(2, false, f.hour);
    case Std::zero_hour12: return num(2, true, f.hour);
    case Std::minute: return num(2, false, f.minute);
    case Std::zero_minute: return num(2, true, f.minute);
    case Std::second:
    case Std::zero_second:
      if (!num(2, chunk.std == Std::zero_second, f.second)) return false;
      // A fraction in the value is read here unless the layout has its own fraction element next.
      return fraction_follows || take_fraction(v, f, -1);
    case Std::pm_upper:
    case Std::pm_lower: {
      std::string p(v.substr(0, 2));
      for (auto& ch : p) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (p != "AM" && p != "PM") return false;
      f.pm_set = true;
      f.pm = p == "PM";
      v.remove_prefix(2);
      return true;
    }
    case Std::tz: {
      std::size_t n = 0;
      while (n < v.size() && std::isupper(static_cast<unsigned char>(v[n]))) ++n;
      if (n < 3) return false;
      f.zone = std::string(v.substr(0, n));
      v.remove_prefix(n);
      return true;
    }
    case Std::frac0: return take_fraction(v, f, chunk.frac_digits);
    case Std::frac9: return take_fraction(v, f, -1);
    case Std::none: return true;
    default: return take_offset(v, chunk.std, f);
  }
}

std::string parse_failure(std::string_view value, std::string_view layout, std::string_view v_elem,
                          std::string_view l_elem) {
  return "parsing time " + go_quote(value) + " as " + go_quote(layout) + ": cannot parse " +
         go_quote(v_elem) + " as " + go_quote(l_elem);
}

core::Result<Time> build_time(const Fields& f, std::string_view value) {
  int hour = f.hour;
  if (f.pm_set && f.pm && hour < 12) hour += 12;
  if (f.pm_set && !f.pm && hour == 12) hour = 0;
  int month = f.month < 0 ? 1 : f.month;
  int day = f.day < 0 ? 1 : f.day;
  std::string prefix = "parsing time " + go_quote(value);
  if (month < 1 || month > 12) return source_error(prefix + ": month out of range");
  static constexpr int k_days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (f.year % 4 == 0 && f.year % 100 != 0) || f.year % 400 == 0;
  int max_day = month == 2 && !leap ? 28 : k_days_in[month - 1];
  if (day < 1 || day > max_day) return source_error(prefix + ": day out of range");
  if (hour > 23) return source_error(prefix + ": hour out of range");
  if (f.minute > 59) return source_error(prefix + ": minute out of range");
  if (f.second > 59) return source_error(prefix + ": second out of range");
  std::int64_t days = days_from_civil(f.year, month, day);
  if (f.yday > 0 && f.month < 0) days = days_from_civil(f.year, 1, 1) + f.yday - 1;
  Time t;
  t.unix_seconds = days * 86400 + hour * 3600 + f.minute * 60 + f.second;
  t.nanos = f.nanos;
  if (f.offset) {
    t.unix_seconds -= *f.offset;
    t.offset = *f.offset;
    t.zone = *f.offset == 0 ? "UTC" : "";
  } else if (!f.zone.empty() && f.zone != "UTC") {
    t.zone = f.zone;
  }
  return t;
}

}  // namespace

core::Result<Time> parse_time(std::string_view layout, std::string_view value) {
  std::string_view l = layout;
  std::string_view v = value;
  Fields f;
  while (true) {
    Chunk chunk = next_layout_chunk(l);
    if (v.substr(0, chunk.prefix.size()) != chunk.prefix) {
      return source_error(parse_failure(value, layout, v, chunk.prefix));
    }
    v.remove_prefix(chunk.prefix.size());
    if (chunk.std == Std::none) break;
    std::string_view element = l.substr(chunk.prefix.size(), l.size() - chunk.prefix.size() - chunk.suffix.size());
    std::string_view before = v;
    Std next = next_layout_chunk(chunk.suffix).std;
    bool fraction_follows = next == Std::frac0 || next == Std::frac9;
    if (!take_element(v, chunk, f, fraction_follows)) {
      return source_error(parse_failure(value, layout, before, element));
    }
    l = chunk.suffix;
  }
  if (!v.empty()) {
    return source_error("parsing time " + go_quote(value) + ": extra text: " + go_quote(v));
  }
  return build_time(f, value);
}

core::Result<std::int64_t> parse_duration(std::string_view text) {
  std::string quoted = go_quote(text);
  auto invalid = [&] { return source_error("time: invalid duration " + quoted); };
  std::string_view s = text;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return std::int64_t{0};
  if (s.empty()) return invalid();
  long double total = 0;
  while (!s.empty()) {
    std::size_t i = 0;
    std::string number;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) number += s[i++];
    if (number.empty() || number == ".") return invalid();
    std::size_t u = i;
    while (u < s.size() && s[u] != '.' && !std::isdigit(static_cast<unsigned char>(s[u]))) ++u;
    std::string_view unit = s.substr(i, u - i);
    if (unit.empty()) return source_error("time: missing unit in duration " + quoted);
    long double scale = 0;
    if (unit == "ns") scale = 1;
    else if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs") scale = 1e3L;
    else if (unit == "ms") scale = 1e6L;
    else if (unit == "s") scale = 1e9L;
    else if (unit == "m") scale = 60e9L;
    else if (unit == "h") scale = 3600e9L;
    else return source_error("time: unknown unit " + go_quote(unit) + " in duration " + quoted);
    total += std::stold(number) * scale;
    s.remove_prefix(u);
  }
  if (total > 9.223372036854775807e18L) return invalid();
  auto nanos = static_cast<std::int64_t>(total);
  return neg ? -nanos : nanos;
}

}  // namespace gitops::render::helm
