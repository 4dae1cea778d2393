// RetryPolicy: whether and when to send a request again. Only where it is safe: a failure to
// connect (nothing was sent), a connection reset on reads, dry-runs and idempotent writes, 429
// (honouring Retry-After), and 500/503/504 on reads and dry-runs. A plain write is never resent
// after it may have reached the server. Backoff is exponential with full jitter.
#pragma once

#include <chrono>
#include <functional>
#include <string_view>

#include "kube/transport.h"

namespace gitops::kube {

struct RetryOptions {
  int max_attempts = 5;  // including the first; 1 disables retries
  std::chrono::milliseconds base_delay{100};
  std::chrono::milliseconds max_delay{5000};
};

struct RetryDecision {
  bool retry = false;
  std::chrono::milliseconds delay{0};
};

// Parses a Retry-After header given in seconds ("3"); nullopt-like -1 when absent or a date.
int retry_after_seconds(std::string_view header);

class RetryPolicy {
 public:
  // `random01` returns a uniform number in [0, 1) for the jitter (injectable for tests).
  explicit RetryPolicy(RetryOptions options, std::function<double()> random01 = {});

  // The decision after `attempt` (1-based) of a request of `idempotency` ended in `outcome`.
  RetryDecision decide(Idempotency idempotency, const Outcome& outcome, int attempt) const;

  // Whether the outcome is of a retryable kind at all (ignoring the attempt count).
  static bool retryable(Idempotency idempotency, const Outcome& outcome);

 private:
  std::chrono::milliseconds backoff(int attempt) const;

  RetryOptions m_options;
  std::function<double()> m_random01;
};

}  // namespace gitops::kube
