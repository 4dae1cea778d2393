// Timing of the agent's loop: the capped exponential backoff after failed syncs, and the jitter
// that spreads the polls of many apps (and many agents) over time. Pure functions of their
// inputs; the random number comes from the caller so tests are deterministic.
#pragma once

#include <chrono>

namespace gitops::agent {

struct Backoff {
  std::chrono::milliseconds initial{10'000};
  std::chrono::milliseconds max{300'000};

  // The wait before retry number `failures` (1 = after the first failure): initial * 2^(n-1),
  // never more than max; zero for failures <= 0.
  std::chrono::milliseconds delay(int failures) const;
};

// `interval` scaled by a factor in [1 - fraction, 1 + fraction], chosen by `random01` in [0, 1).
// A fraction outside [0, 1] is clamped.
std::chrono::milliseconds with_jitter(std::chrono::milliseconds interval, double fraction,
                                      double random01);

}  // namespace gitops::agent
