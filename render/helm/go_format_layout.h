// Go time layout elements: splits a layout such as "2006-01-02 15:04" into literal text and the
// elements Go's time package recognises (its nextStdChunk), plus the civil-calendar arithmetic
// formatting and parsing share.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace gitops::render::helm {

enum class Std {
  none, long_month, month, num_month, zero_month, long_weekday, weekday, day, under_day, zero_day,
  under_yearday, zero_yearday, hour, hour12, zero_hour12, minute, zero_minute, second, zero_second,
  long_year, year, pm_upper, pm_lower, tz, iso_z4, iso_z_colon, iso_z2, iso_z6, iso_z_colon6,
  num_tz4, num_tz_colon, num_tz2, num_tz6, num_tz_colon6, frac0, frac9,
};

struct Chunk {
  std::string_view prefix;
  Std std = Std::none;
  int frac_digits = 0;
  std::string_view suffix;
};

constexpr std::array<std::string_view, 12> k_months = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> k_days = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday"};

// Go's nextStdChunk: the text before the first layout element, the element, and the rest; std is
// Std::none when the layout holds no more elements.
Chunk next_layout_chunk(std::string_view layout);

// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t year, int month, int day);

// Floor division (rounds toward negative infinity).
std::int64_t floor_div(std::int64_t a, std::int64_t b);

}  // namespace gitops::render::helm
