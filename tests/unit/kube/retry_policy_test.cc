// Retry decisions: only safe retries, backoff growth and cap, Retry-After.
#include "kube/retry_policy.h"

#include <gtest/gtest.h>

#include "kube/rate_limiter.h"

namespace gitops::kube {
namespace {

Outcome http(int status, std::string retry_after = "") {
  Outcome o;
  o.response.status = status;
  o.response.retry_after = std::move(retry_after);
  return o;
}

Outcome failure(FailureKind kind) {
  Outcome o;
  o.failure = {kind, core::Error{core::ErrorKind::cluster, "x"}};
  return o;
}

RetryPolicy policy() { return RetryPolicy({5, std::chrono::milliseconds(100), std::chrono::milliseconds(1000)}, [] { return 1.0; }); }

TEST(RetryPolicy, ConnectFailuresRetryEverything) {
  for (auto i : {Idempotency::read, Idempotency::dry_run, Idempotency::idempotent_write, Idempotency::write}) {
    EXPECT_TRUE(RetryPolicy::retryable(i, failure(FailureKind::connect))) << to_string(i);
  }
}

TEST(RetryPolicy, ResetNeverRetriesAPlainWrite) {
  EXPECT_TRUE(RetryPolicy::retryable(Idempotency::read, failure(FailureKind::reset)));
  EXPECT_TRUE(RetryPolicy::retryable(Idempotency::dry_run, failure(FailureKind::reset)));
  EXPECT_TRUE(RetryPolicy::retryable(Idempotency::idempotent_write, failure(FailureKind::reset)));
  EXPECT_FALSE(RetryPolicy::retryable(Idempotency::write, failure(FailureKind::reset)));
}

TEST(RetryPolicy, TlsTimeoutAndAbortAreFinal) {
  EXPECT_FALSE(RetryPolicy::retryable(Idempotency::read, failure(FailureKind::tls)));
  EXPECT_FALSE(RetryPolicy::retryable(Idempotency::read, failure(FailureKind::timeout)));
  EXPECT_FALSE(RetryPolicy::retryable(Idempotency::read, failure(FailureKind::aborted)));
}

TEST(RetryPolicy, ServerErrorsOnlyOnReadsAndDryRuns) {
  for (int status : {500, 503, 504}) {
    EXPECT_TRUE(RetryPolicy::retryable(Idempotency::read, http(status)));
    EXPECT_TRUE(RetryPolicy::retryable(Idempotency::dry_run, http(status)));
    EXPECT_FALSE(RetryPolicy::retryable(Idempotency::idempotent_write, http(status)));
    EXPECT_FALSE(RetryPolicy::retryable(Idempotency::write, http(status)));
  }
  EXPECT_FALSE(RetryPolicy::retryable(Idempotency::read, http(502)));
}

TEST(RetryPolicy, TooManyRequestsAlwaysRetried) {
  EXPECT_TRUE(RetryPolicy::retryable(Idempotency::write, http(429)));
}

TEST(RetryPolicy, ClientErrorsAndSuccessAreFinal) {
  for (int status : {200, 201, 400, 401, 403, 404, 409, 422}) {
    EXPECT_FALSE(RetryPolicy::retryable(Idempotency::read, http(status))) << status;
  }
}

TEST(RetryPolicy, BackoffDoublesUpToTheCap) {
  const RetryPolicy p = policy();
  EXPECT_EQ(p.decide(Idempotency::read, http(503), 1).delay, std::chrono::milliseconds(100));
  EXPECT_EQ(p.decide(Idempotency::read, http(503), 2).delay, std::chrono::milliseconds(200));
  EXPECT_EQ(p.decide(Idempotency::read, http(503), 3).delay, std::chrono::milliseconds(400));
  EXPECT_EQ(p.decide(Idempotency::read, http(503), 4).delay, std::chrono::milliseconds(800));
  EXPECT_FALSE(p.decide(Idempotency::read, http(503), 5).retry);
  const RetryPolicy capped({10, std::chrono::milliseconds(100), std::chrono::milliseconds(1000)}, [] { return 1.0; });
  EXPECT_EQ(capped.decide(Idempotency::read, http(503), 8).delay, std::chrono::milliseconds(1000));
}

TEST(RetryPolicy, JitterStaysInTheUpperHalf) {
  const RetryPolicy low({5, std::chrono::milliseconds(100), std::chrono::milliseconds(1000)}, [] { return 0.0; });
  EXPECT_EQ(low.decide(Idempotency::read, http(503), 2).delay, std::chrono::milliseconds(100));
}

TEST(RetryPolicy, HonoursRetryAfter) {
  const RetryPolicy p = policy();
  RetryDecision d = p.decide(Idempotency::write, http(429, "3"), 1);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay, std::chrono::milliseconds(3000));
  EXPECT_EQ(retry_after_seconds(" 7 "), 7);
  EXPECT_EQ(retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT"), -1);
  EXPECT_EQ(retry_after_seconds(""), -1);
}

TEST(RateLimiter, BurstThenQps) {
  const auto t0 = RateLimiter::Clock::time_point{};
  RateLimiter limiter(10, 2, t0);
  EXPECT_TRUE(limiter.try_acquire(t0));
  EXPECT_TRUE(limiter.try_acquire(t0));
  EXPECT_FALSE(limiter.try_acquire(t0));
  EXPECT_EQ(limiter.wait_time(t0), std::chrono::microseconds(100000));
  EXPECT_TRUE(limiter.try_acquire(t0 + std::chrono::milliseconds(100)));
  EXPECT_FALSE(limiter.try_acquire(t0 + std::chrono::milliseconds(100)));
}

TEST(RateLimiter, ZeroQpsIsUnlimited) {
  const auto t0 = RateLimiter::Clock::time_point{};
  RateLimiter limiter(0, 0, t0);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.try_acquire(t0));
  EXPECT_EQ(limiter.wait_time(t0), std::chrono::microseconds(0));
}

}  // namespace
}  // namespace gitops::kube
