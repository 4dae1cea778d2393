// Edit distance and "did you mean" wording.
#include "git/suggest.h"

#include <gtest/gtest.h>

namespace gitops::git {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(edit_distance("main", "main"), 0u);
  EXPECT_EQ(edit_distance("mian", "main"), 1u);
  EXPECT_EQ(edit_distance("man", "main"), 1u);
  EXPECT_EQ(edit_distance("mainn", "main"), 1u);
  EXPECT_EQ(edit_distance("maim", "main"), 1u);
  EXPECT_EQ(edit_distance("", "main"), 4u);
  EXPECT_EQ(edit_distance("develop", "main"), 7u);
}

TEST(NearMisses, ClosestFirstAtMostThree) {
  std::vector<std::string> names = {"main", "maint", "master", "man", "v1", "mains", "develop"};
  EXPECT_EQ(near_misses("mian", names), (std::vector<std::string>{"main", "man", "mains"}));
  EXPECT_EQ(near_misses("v2", names), (std::vector<std::string>{"v1"}));
  EXPECT_TRUE(near_misses("release", names).empty());
  EXPECT_TRUE(near_misses("x", names).empty());
  EXPECT_TRUE(near_misses("main", {"main"}).empty());
}

TEST(DidYouMean, Wording) {
  EXPECT_EQ(did_you_mean({}), "");
  EXPECT_EQ(did_you_mean({"main"}), " (did you mean \"main\"?)");
  EXPECT_EQ(did_you_mean({"main", "man"}), " (did you mean \"main\" or \"man\"?)");
  EXPECT_EQ(did_you_mean({"a", "b", "c"}), " (did you mean \"a\", \"b\" or \"c\"?)");
}

}  // namespace
}  // namespace gitops::git
