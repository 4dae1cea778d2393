// Retry decisions and backoff.
#include "kube/retry_policy.h"

#include <algorithm>
#include <cctype>
#include <random>

namespace gitops::kube {

int retry_after_seconds(std::string_view header) {
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  while (!header.empty() && (header.back() == ' ' || header.back() == '\r')) header.remove_suffix(1);
  if (header.empty() || header.size() > 6) return -1;
  int value = 0;
  for (char c : header) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

RetryPolicy::RetryPolicy(RetryOptions options, std::function<double()> random01)
    : m_options(options), m_random01(std::move(random01)) {
  if (!m_random01) {
    m_random01 = [] {
      thread_local std::mt19937_64 engine{std::random_device{}()};
      return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
    };
  }
}

bool RetryPolicy::retryable(Idempotency idempotency, const Outcome& outcome) {
  const bool safe_read = idempotency == Idempotency::read || idempotency == Idempotency::dry_run;
  if (!outcome.ok()) {
    switch (outcome.failure.kind) {
      case FailureKind::connect: return true;
      case FailureKind::reset: return idempotency != Idempotency::write;
      default: return false;
    }
  }
  const int status = outcome.response.status;
  if (status == 429) return true;
  if (status == 500 || status == 503 || status == 504) return safe_read;
  return false;
}

std::chrono::milliseconds RetryPolicy::backoff(int attempt) const {
  const long long base = m_options.base_delay.count();
  const long long cap = m_options.max_delay.count();
  long long exp = base;
  for (int i = 1; i < attempt && exp < cap; ++i) exp *= 2;
  exp = std::min(exp, cap);
  // Full jitter over the upper half: never zero, never above the cap.
  const double factor = 0.5 + 0.5 * m_random01();
  return std::chrono::milliseconds(static_cast<long long>(static_cast<double>(exp) * factor));
}

RetryDecision RetryPolicy::decide(Idempotency idempotency, const Outcome& outcome,
                                  int attempt) const {
  if (attempt >= m_options.max_attempts || !retryable(idempotency, outcome)) return {};
  RetryDecision decision{true, backoff(attempt)};
  if (outcome.ok()) {
    const int seconds = retry_after_seconds(outcome.response.retry_after);
    if (seconds >= 0) {
      decision.delay = std::min<std::chrono::milliseconds>(std::chrono::seconds(seconds),
                                                           std::chrono::seconds(60));
    }
  }
  return decision;
}

}  // namespace gitops::kube
