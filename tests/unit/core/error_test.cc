#include "core/error.h"

#include <gtest/gtest.h>

namespace gitops::core {
namespace {

TEST(ExitCode, FollowsTheDesignTable) {
  EXPECT_EQ(exit_code(ErrorKind::usage), 2);
  EXPECT_EQ(exit_code(ErrorKind::source), 3);
  EXPECT_EQ(exit_code(ErrorKind::cluster), 4);
  EXPECT_EQ(exit_code(ErrorKind::rejected), 5);
  EXPECT_EQ(exit_code(ErrorKind::partial), 6);
  EXPECT_EQ(exit_code(ErrorKind::conflict), 7);
  EXPECT_EQ(exit_code(ErrorKind::timeout), 8);
  EXPECT_EQ(exit_code(ErrorKind::guard), 9);
  EXPECT_EQ(exit_code(ErrorKind::internal), 10);
}

TEST(ExitCode, EveryKindComesBackFromItsCode) {
  for (int code = 2; code <= 10; ++code) {
    auto kind = error_kind_of_exit_code(code);
    ASSERT_TRUE(kind.has_value()) << code;
    EXPECT_EQ(exit_code(*kind), code);
  }
  EXPECT_FALSE(error_kind_of_exit_code(0).has_value());
  EXPECT_FALSE(error_kind_of_exit_code(1).has_value());  // diff: differences found
  EXPECT_FALSE(error_kind_of_exit_code(11).has_value());
  EXPECT_FALSE(error_kind_of_exit_code(-1).has_value());
}

TEST(ErrorContext, PrefixesEveryLineAndKeepsKindAndReason) {
  Error e{ErrorKind::rejected, "a: bad\nb: worse", "Invalid"};
  Error c = e.context("syncing shop");
  EXPECT_EQ(c.kind, ErrorKind::rejected);
  EXPECT_EQ(c.reason, "Invalid");
  EXPECT_EQ(c.message, "syncing shop: a: bad\nsyncing shop: b: worse");
}

}  // namespace
}  // namespace gitops::core
