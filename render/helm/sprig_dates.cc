// Sprig's date functions over go_format_time.h. Every zone is shown as UTC: the renderer runs with
// TZ=UTC like the reference, and zone names other than UTC/Local fall back to UTC (Sprig's own
// fallback for zones it cannot load).
#include "render/helm/go_format_time.h"
#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_groups.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Kind;
using gotemplate::Param;
using gotemplate::Time;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

constexpr std::int64_t k_second = 1'000'000'000;

// The time Sprig's dateInZone formats: times as they are, int and int64 as Unix seconds, anything
// else now.
Time time_of(const Value& v) {
  switch (v.kind()) {
    case Kind::time: return v.as_time();
    case Kind::integer:
    case Kind::int64: return unix_time(v.as_int());
    default: return now_utc();
  }
}

R date_in_zone(const std::string& layout, const Value& date) {
  return Value::string(format_time(in_utc(time_of(date)), layout));
}

// The executor's check for a time.Time parameter, which gotemplate::Param cannot express yet.
core::Status require_time(const Value& v) {
  if (v.kind() == Kind::time) return {};
  return go_error("wrong type for value; expected time.Time; got " + v.type_name());
}

R date_modify(Args a, bool must) {
  if (auto s = require_time(a[1]); !s.ok()) return s.error();
  auto d = parse_duration(a[0].as_string());
  if (!d.ok()) {
    if (must) return d.error();
    return a[1];
  }
  return Value::time(add_duration(a[1].as_time(), *d));
}

std::string duration_round(const Value& v) {
  std::int64_t d = 0;
  if (v.is_string()) {
    d = parse_duration(v.as_string()).ok() ? *parse_duration(v.as_string()) : 0;
  } else if (v.kind() == Kind::int64) {
    d = v.as_int();
  } else if (v.kind() == Kind::time) {
    Time now = now_utc();
    d = (now.unix_seconds - v.as_time().unix_seconds) * k_second + (now.nanos - v.as_time().nanos);
  }
  std::uint64_t u = d < 0 ? 0 - static_cast<std::uint64_t>(d) : static_cast<std::uint64_t>(d);
  constexpr std::uint64_t hour = 3600ull * k_second;
  struct Unit { std::uint64_t size; const char* suffix; };
  static constexpr Unit k_units[] = {{hour * 24 * 365, "y"}, {hour * 24 * 30, "mo"}, {hour * 24, "d"},
                                     {hour, "h"},            {60ull * k_second, "m"}, {k_second, "s"}};
  for (const auto& unit : k_units) {
    if (u > unit.size) return std::to_string(u / unit.size) + unit.suffix;
  }
  return "0s";
}

}  // namespace

void add_sprig_date_functions(FuncMap& f) {
  const auto A = Param::any;
  const auto S = Param::string;
  f.add("now", sig({}), [](Args) -> R { return Value::time(now_utc()); });
  f.add("date", sig({S, A}), [](Args a) -> R { return date_in_zone(a[0].as_string(), a[1]); });
  auto in_zone = [](Args a) -> R { return date_in_zone(a[0].as_string(), a[1]); };
  f.add("dateInZone", sig({S, A, S}), in_zone);
  f.add("date_in_zone", sig({S, A, S}), in_zone);
  f.add("htmlDate", sig({A}), [](Args a) -> R { return date_in_zone("2006-01-02", a[0]); });
  f.add("htmlDateInZone", sig({A, S}), [](Args a) -> R { return date_in_zone("2006-01-02", a[0]); });
  f.add("dateModify", sig({S, A}), [](Args a) -> R { return date_modify(a, false); });
  f.add("date_modify", sig({S, A}), [](Args a) -> R { return date_modify(a, false); });
  f.add("mustDateModify", sig({S, A}), [](Args a) -> R { return date_modify(a, true); });
  f.add("must_date_modify", sig({S, A}), [](Args a) -> R { return date_modify(a, true); });
  f.add("toDate", sig({S, S}), [](Args a) -> R {
    auto t = parse_time(a[0].as_string(), a[1].as_string());
    return Value::time(t.ok() ? *t : zero_time());
  });
  f.add("mustToDate", sig({S, S}), [](Args a) -> R {
    auto t = parse_time(a[0].as_string(), a[1].as_string());
    if (!t.ok()) return t.error();
    return Value::time(*t);
  });
  f.add("unixEpoch", sig({A}), [](Args a) -> R {
    if (auto s = require_time(a[0]); !s.ok()) return s.error();
    return Value::string(std::to_string(a[0].as_time().unix_seconds));
  });
  f.add("duration", sig({A}), [](Args a) -> R {
    std::int64_t n = 0;
    if (a[0].is_string()) n = parse_go_int(a[0].as_string(), 10).value_or(0);
    if (a[0].kind() == Kind::int64) n = a[0].as_int();
    return Value::string(format_duration(static_cast<std::int64_t>(static_cast<std::uint64_t>(n) * k_second)));
  });
  f.add("durationRound", sig({A}), [](Args a) -> R { return Value::string(duration_round(a[0])); });
  f.add("ago", sig({A}), [](Args a) -> R {
    Time t = a[0].kind() == Kind::time ? a[0].as_time() : time_of(a[0]);
    Time now = now_utc();
    std::int64_t d = (now.unix_seconds - t.unix_seconds) * k_second + (now.nanos - t.nanos);
    std::int64_t rounded = (d >= 0 ? d + k_second / 2 : d - k_second / 2) / k_second * k_second;
    return Value::string(format_duration(rounded));
  });
}

}  // namespace gitops::render::helm
