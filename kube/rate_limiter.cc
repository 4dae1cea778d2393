// Token bucket arithmetic.
#include "kube/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace gitops::kube {

RateLimiter::RateLimiter(double qps, int burst, Clock::time_point now)
    : m_qps(qps), m_burst(std::max(1, burst)), m_tokens(std::max(1, burst)), m_last(now) {}

void RateLimiter::refill(Clock::time_point now) {
  if (now <= m_last) return;
  const double seconds = std::chrono::duration<double>(now - m_last).count();
  m_tokens = std::min(m_burst, m_tokens + seconds * m_qps);
  m_last = now;
}

bool RateLimiter::try_acquire(Clock::time_point now) {
  if (unlimited()) return true;
  refill(now);
  if (m_tokens < 1.0) return false;
  m_tokens -= 1.0;
  return true;
}

std::chrono::microseconds RateLimiter::wait_time(Clock::time_point now) {
  if (unlimited()) return std::chrono::microseconds(0);
  refill(now);
  if (m_tokens >= 1.0) return std::chrono::microseconds(0);
  const double seconds = (1.0 - m_tokens) / m_qps;
  return std::chrono::microseconds(static_cast<long long>(std::ceil(seconds * 1e6)));
}

}  // namespace gitops::kube
