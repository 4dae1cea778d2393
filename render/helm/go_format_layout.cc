// Go's layout chunking (time/format.go nextStdChunk) and civil-date arithmetic.
#include "render/helm/go_format_layout.h"

#include <optional>

namespace gitops::render::helm {
namespace {

bool starts_lower(std::string_view s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }
bool has(std::string_view s, std::size_t i, std::string_view what) {
  return s.substr(i, what.size()) == what;
}

Chunk cut(std::string_view l, std::size_t i, Std std, std::size_t len) {
  return Chunk{l.substr(0, i), std, 0, l.substr(i + len)};
}

std::optional<Chunk> tz_chunk(std::string_view l, std::size_t i, bool z) {
  struct Form { std::string_view text; Std iso; Std num; };
  static constexpr std::array<Form, 5> k_forms = {{
      {"070000", Std::iso_z6, Std::num_tz6}, {"07:00:00", Std::iso_z_colon6, Std::num_tz_colon6},
      {"0700", Std::iso_z4, Std::num_tz4},   {"07:00", Std::iso_z_colon, Std::num_tz_colon},
      {"07", Std::iso_z2, Std::num_tz2}}};
  for (const auto& f : k_forms) {
    if (has(l, i + 1, f.text)) return cut(l, i, z ? f.iso : f.num, f.text.size() + 1);
  }
  return std::nullopt;
}

// Go's nextStdChunk: the text before the first layout element, the element, and the rest.
}  // namespace

Chunk next_layout_chunk(std::string_view l) {
  for (std::size_t i = 0; i < l.size(); ++i) {
    char c = l[i];
    char n = i + 1 < l.size() ? l[i + 1] : '\0';
    switch (c) {
      case 'J':
        if (has(l, i, "January")) return cut(l, i, Std::long_month, 7);
        if (has(l, i, "Jan") && !starts_lower(l.substr(i + 3))) return cut(l, i, Std::month, 3);
        break;
      case 'M':
        if (has(l, i, "Monday")) return cut(l, i, Std::long_weekday, 6);
        if (has(l, i, "Mon") && !starts_lower(l.substr(i + 3))) return cut(l, i, Std::weekday, 3);
        if (has(l, i, "MST")) return cut(l, i, Std::tz, 3);
        break;
      case '0': {
        static constexpr std::array<Std, 6> k_zero = {Std::zero_month,  Std::zero_day,
                                                      Std::zero_hour12, Std::zero_minute,
                                                      Std::zero_second, Std::year};
        if (n >= '1' && n <= '6') return cut(l, i, k_zero[n - '1'], 2);
        if (has(l, i, "002")) return cut(l, i, Std::zero_yearday, 3);
        break;
      }
      case '1':
        if (n == '5') return cut(l, i, Std::hour, 2);
        return cut(l, i, Std::num_month, 1);
      case '2':
        if (has(l, i, "2006")) return cut(l, i, Std::long_year, 4);
        return cut(l, i, Std::day, 1);
      case '_':
        if (n == '2') {
          if (has(l, i + 1, "2006")) return cut(l, i + 1, Std::long_year, 4);
          return cut(l, i, Std::under_day, 2);
        }
        if (has(l, i, "__2")) return cut(l, i, Std::under_yearday, 3);
        break;
      case '3': return cut(l, i, Std::hour12, 1);
      case '4': return cut(l, i, Std::minute, 1);
      case '5': return cut(l, i, Std::second, 1);
      case 'P':
        if (n == 'M') return cut(l, i, Std::pm_upper, 2);
        break;
      case 'p':
        if (n == 'm') return cut(l, i, Std::pm_lower, 2);
        break;
      case '-':
      case 'Z':
        if (auto chunk = tz_chunk(l, i, c == 'Z')) return *chunk;
        break;
      case '.':
      case ',':
        if (n == '0' || n == '9') {
          std::size_t j = i + 1;
          while (j < l.size() && l[j] == n) ++j;
          if (j >= l.size() || l[j] < '0' || l[j] > '9') {
            Chunk chunk = cut(l, i, n == '0' ? Std::frac0 : Std::frac9, j - i);
            chunk.frac_digits = static_cast<int>(j - i - 1);
            return chunk;
          }
        }
        break;
      default: break;
    }
  }
  return Chunk{l, Std::none, 0, {}};
}


// Howard Hinnant's civil calendar algorithms.
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2;
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}


std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace gitops::render::helm
