// Go's time package as Sprig's date functions use it: Time.Format and time.Parse with Go reference
// layouts ("2006-01-02 15:04:05"), Duration.String and time.ParseDuration. Only UTC and fixed
// offsets exist here: "Local" is UTC (the renderer runs with TZ=UTC, like the reference).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "render/gotemplate/value.h"

namespace gitops::render::helm {

// Time.Format(layout): every Go layout element (Jan/January/01/1, Mon/Monday, 2/02/_2, 002/__2,
// 15/3/03, 4/04, 5/05, 2006/06, PM/pm, MST, Z07:00 and -0700 families, .000/.999 fractions).
std::string format_time(const gotemplate::Time& t, std::string_view layout);

// Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST".
std::string format_time_default(const gotemplate::Time& t);

// time.ParseInLocation(layout, text, UTC). Fails with Go's text:
// `parsing time "x" as "2006-01-02": cannot parse "x" as "2006"`.
core::Result<gotemplate::Time> parse_time(std::string_view layout, std::string_view text);

// The zero time.Time (0001-01-01 00:00:00 UTC).
gotemplate::Time zero_time();

// time.Unix(seconds, 0) shown in UTC.
gotemplate::Time unix_time(std::int64_t seconds);

// t shown in UTC (Time.UTC / Time.In(UTC)).
gotemplate::Time in_utc(const gotemplate::Time& t);

// t plus `nanos` nanoseconds, in t's zone (Time.Add).
gotemplate::Time add_duration(const gotemplate::Time& t, std::int64_t nanos);

// The current time in UTC.
gotemplate::Time now_utc();

// time.Duration(nanos).String(): "1h0m0s", "1m35s", "1.5s", "500ms", "0s".
std::string format_duration(std::int64_t nanos);

// time.ParseDuration(text) in nanoseconds; fails with Go's `time: invalid duration "x"` texts.
core::Result<std::int64_t> parse_duration(std::string_view text);

}  // namespace gitops::render::helm
