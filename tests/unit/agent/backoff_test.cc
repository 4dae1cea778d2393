#include "agent/backoff.h"

#include <gtest/gtest.h>

namespace gitops::agent {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, DoublesFromTheInitialWaitUpToTheCap) {
  Backoff backoff{.initial = milliseconds(10'000), .max = milliseconds(60'000)};
  EXPECT_EQ(backoff.delay(0), milliseconds(0));
  EXPECT_EQ(backoff.delay(1), milliseconds(10'000));
  EXPECT_EQ(backoff.delay(2), milliseconds(20'000));
  EXPECT_EQ(backoff.delay(3), milliseconds(40'000));
  EXPECT_EQ(backoff.delay(4), milliseconds(60'000));
  EXPECT_EQ(backoff.delay(5), milliseconds(60'000));
  EXPECT_EQ(backoff.delay(1'000'000), milliseconds(60'000));  // no overflow after many failures
}

TEST(Backoff, CapBelowTheInitialWaitWins) {
  Backoff backoff{.initial = milliseconds(5'000), .max = milliseconds(3'000)};
  EXPECT_EQ(backoff.delay(1), milliseconds(3'000));
}

TEST(Jitter, SpreadsAroundTheIntervalByTheFraction) {
  const milliseconds interval(180'000);
  EXPECT_EQ(with_jitter(interval, 0.1, 0.0), milliseconds(162'000));
  EXPECT_EQ(with_jitter(interval, 0.1, 0.5), milliseconds(180'000));
  EXPECT_EQ(with_jitter(interval, 0.1, 0.75), milliseconds(189'000));
  EXPECT_EQ(with_jitter(interval, 0.0, 0.9), interval);
}

TEST(Jitter, ClampsFractionAndRandom) {
  const milliseconds interval(1'000);
  EXPECT_EQ(with_jitter(interval, 2.0, 0.0), milliseconds(0));
  EXPECT_EQ(with_jitter(interval, 2.0, 1.0), milliseconds(2'000));
  EXPECT_EQ(with_jitter(interval, -1.0, 0.3), interval);
  EXPECT_EQ(with_jitter(interval, 0.5, 7.0), milliseconds(1'500));
}

}  // namespace
}  // namespace gitops::agent
