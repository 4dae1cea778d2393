// RateLimiter: the client-side QPS/burst token bucket (client-go's flowcontrol semantics): the
// bucket holds up to `burst` tokens and refills at `qps` per second; qps 0 means unlimited.
// Not thread-safe: the transport's I/O thread owns it.
#pragma once

#include <chrono>

namespace gitops::kube {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(double qps, int burst, Clock::time_point now);

  // Takes a token if one is available at `now`; returns whether it did.
  bool try_acquire(Clock::time_point now);
  // How long from `now` until a token is available (0 when one is).
  std::chrono::microseconds wait_time(Clock::time_point now);
  bool unlimited() const { return m_qps <= 0; }

 private:
  void refill(Clock::time_point now);

  double m_qps;
  double m_burst;
  double m_tokens;
  Clock::time_point m_last;
};

}  // namespace gitops::kube
