// Backoff and jitter arithmetic.
#include "agent/backoff.h"

#include <algorithm>
#include <cmath>

namespace gitops::agent {

std::chrono::milliseconds Backoff::delay(int failures) const {
  if (failures <= 0) return std::chrono::milliseconds(0);
  std::chrono::milliseconds wait = initial;
  for (int i = 1; i < failures && wait < max; ++i) wait *= 2;
  return std::min(wait, max);
}

std::chrono::milliseconds with_jitter(std::chrono::milliseconds interval, double fraction,
                                      double random01) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  random01 = std::clamp(random01, 0.0, 1.0);
  double factor = 1.0 - fraction + 2.0 * fraction * random01;
  return std::chrono::milliseconds(std::llround(static_cast<double>(interval.count()) * factor));
}

}  // namespace gitops::agent
