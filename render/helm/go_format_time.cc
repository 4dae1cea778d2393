// Go time layouts: a layout is split into literal text and "std" elements the way Go's
// nextStdChunk does; formatting and parsing walk those elements over a civil date.
#include "render/helm/go_format_time.h"

#include <array>
#include <chrono>
#include <optional>

#include "render/helm/go_format.h"
#include "render/helm/go_format_layout.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Time;

struct Civil {
  std::int64_t year;
  int month, day, hour, minute, second, yday, wday;
};


Civil to_civil(const Time& t) {
  std::int64_t local = t.unix_seconds + t.offset;
  std::int64_t days = floor_div(local, 86400);
  std::int64_t secs = local - days * 86400;
  std::int64_t z = days + 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  Civil c{};
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  c.yday = static_cast<int>(days - days_from_civil(c.year, 1, 1)) + 1;
  c.wday = static_cast<int>(floor_div(days + 4, 7) * -7 + days + 4);
  return c;
}

std::string pad(std::int64_t v, int width, char fill = '0') {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out = v < 0 ? "-" : "";
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out += fill;
  return out + digits;
}

std::string format_zone(int offset, Std std) {
  bool z_form = std == Std::iso_z4 || std == Std::iso_z_colon || std == Std::iso_z2 ||
                std == Std::iso_z6 || std == Std::iso_z_colon6;
  if (z_form && offset == 0) return "Z";
  int zone = offset / 60;
  int abs_offset = offset < 0 ? -offset : offset;
  std::string out = zone < 0 ? "-" : "+";
  zone = zone < 0 ? -zone : zone;
  out += pad(zone / 60, 2);
  bool colon = std == Std::iso_z_colon || std == Std::num_tz_colon || std == Std::iso_z_colon6 ||
               std == Std::num_tz_colon6;
  if (std != Std::iso_z2 && std != Std::num_tz2) {
    if (colon) out += ':';
    out += pad(zone % 60, 2);
  }
  if (std == Std::iso_z6 || std == Std::num_tz6 || std == Std::iso_z_colon6 ||
      std == Std::num_tz_colon6) {
    if (colon) out += ':';
    out += pad(abs_offset % 60, 2);
  }
  return out;
}

std::string format_fraction(std::int32_t nanos, const Chunk& chunk, char sep) {
  std::string digits = pad(nanos, 9);
  std::string part = digits.substr(0, static_cast<std::size_t>(std::min(chunk.frac_digits, 9)));
  if (chunk.std == Std::frac9) {
    while (!part.empty() && part.back() == '0') part.pop_back();
    if (part.empty()) return "";
  }
  return std::string(1, sep) + part;
}

std::string format_element(const Time& t, const Civil& c, const Chunk& chunk) {
  int hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
  switch (chunk.std) {
    case Std::long_month: return std::string(k_months[c.month - 1]);
    case Std::month: return std::string(k_months[c.month - 1].substr(0, 3));
    case Std::num_month: return std::to_string(c.month);
    case Std::zero_month: return pad(c.month, 2);
    case Std::long_weekday: return std::string(k_days[c.wday]);
    case Std::weekday: return std::string(k_days[c.wday].substr(0, 3));
    case Std::day: return std::to_string(c.day);
    case Std::under_day: return pad(c.day, 2, ' ');
    case Std::zero_day: return pad(c.day, 2);
    case Std::under_yearday: return pad(c.yday, 3, ' ');
    case Std::zero_yearday: return pad(c.yday, 3);
    case Std::hour: return pad(c.hour, 2);
    case Std::hour12: return std::to_string(hour12);
    case Std::zero_hour12: return pad(hour12, 2);
    case Std::minute: return std::to_string(c.minute);
    case Std::zero_minute: return pad(c.minute, 2);
    case Std::second: return std::to_string(c.second);
    case Std::zero_second: return pad(c.second, 2);
    case Std::long_year: return pad(c.year, 4);
    case Std::year: return pad((c.year % 100 + 100) % 100, 2);
    case Std::pm_upper: return c.hour >= 12 ? "PM" : "AM";
    case Std::pm_lower: return c.hour >= 12 ? "pm" : "am";
    case Std::tz: return t.zone.empty() ? format_zone(t.offset, Std::num_tz4) : t.zone;
    case Std::frac0:
    case Std::frac9:
    case Std::none: return "";  // fractions need the layout's separator: see format_time
    default: return format_zone(t.offset, chunk.std);
  }
}

}  // namespace

std::string format_time(const Time& t, std::string_view layout) {
  Civil c = to_civil(t);
  std::string out;
  while (!layout.empty()) {
    Chunk chunk = next_layout_chunk(layout);
    out.append(chunk.prefix);
    if (chunk.std == Std::none) break;
    if (chunk.std == Std::frac0 || chunk.std == Std::frac9) {
      out += format_fraction(t.nanos, chunk, layout[chunk.prefix.size()]);
    } else {
      out += format_element(t, c, chunk);
    }
    layout = chunk.suffix;
  }
  return out;
}

std::string format_time_default(const Time& t) {
  return format_time(t, "2006-01-02 15:04:05.999999999 -0700 MST");
}

Time zero_time() { return Time{-62135596800, 0, 0, "UTC"}; }

Time unix_time(std::int64_t seconds) { return Time{seconds, 0, 0, "UTC"}; }

Time in_utc(const Time& t) { return Time{t.unix_seconds, t.nanos, 0, "UTC"}; }

Time add_duration(const Time& t, std::int64_t nanos) {
  Time out = t;
  std::int64_t total = static_cast<std::int64_t>(t.nanos) + nanos % 1'000'000'000;
  out.unix_seconds += nanos / 1'000'000'000 + floor_div(total, 1'000'000'000);
  out.nanos = static_cast<std::int32_t>(total - floor_div(total, 1'000'000'000) * 1'000'000'000);
  return out;
}

Time now_utc() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
  return Time{ns / 1'000'000'000, static_cast<std::int32_t>(ns % 1'000'000'000), 0, "UTC"};
}

std::string format_duration(std::int64_t nanos) {
  if (nanos == 0) return "0s";
  bool neg = nanos < 0;
  std::uint64_t u = neg ? -static_cast<std::uint64_t>(nanos) : static_cast<std::uint64_t>(nanos);
  std::string out;
  auto frac = [&](std::uint64_t v, int prec) {
    std::string digits;
    bool print = false;
    for (int i = 0; i < prec; ++i) {
      int digit = static_cast<int>(v % 10);
      print = print || digit != 0;
      if (print) digits.insert(digits.begin(), static_cast<char>('0' + digit));
      v /= 10;
    }
    if (print) digits.insert(digits.begin(), '.');
    return std::make_pair(digits, v);
  };
  if (u < 1'000'000'000) {
    int prec = 0;
    std::string unit;
    if (u < 1000) {
      unit = "ns";
    } else if (u < 1'000'000) {
      prec = 3;
      unit = "\xc2\xb5s";
    } else {
      prec = 6;
      unit = "ms";
    }
    auto [digits, whole] = frac(u, prec);
    out = std::to_string(whole) + digits + unit;
  } else {
    auto [digits, secs] = frac(u, 9);
    out = std::to_string(secs % 60) + digits + "s";
    std::uint64_t mins = secs / 60;
    if (mins > 0) {
      out = std::to_string(mins % 60) + "m" + out;
      std::uint64_t hours = mins / 60;
      if (hours > 0) out = std::to_string(hours) + "h" + out;
    }
  }
  return neg ? "-" + out : out;
}

}  // namespace gitops::render::helm
