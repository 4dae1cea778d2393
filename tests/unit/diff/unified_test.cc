#include "diff/unified.h"

#include <gtest/gtest.h>

namespace gitops::diff {
namespace {

UnifiedOptions labels() { return {.before_label = "live", .after_label = "git"}; }

TEST(UnifiedDiff, EqualTextsGiveNothing) {
  EXPECT_EQ(unified_diff("a\nb\n", "a\nb\n", labels()), "");
  EXPECT_EQ(unified_diff("", "", labels()), "");
}

TEST(UnifiedDiff, OneChangedLineWithContext) {
  std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  EXPECT_EQ(unified_diff(before, after, labels()),
            "--- live\n+++ git\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(UnifiedDiff, CreationFromEmpty) {
  EXPECT_EQ(unified_diff("", "a\nb\n", labels()), "--- live\n+++ git\n@@ -0,0 +1,2 @@\n+a\n+b\n");
}

TEST(UnifiedDiff, DeletionToEmpty) {
  EXPECT_EQ(unified_diff("a\n", "", labels()), "--- live\n+++ git\n@@ -1 +0,0 @@\n-a\n");
}

TEST(UnifiedDiff, DistantChangesMakeTwoHunks) {
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 ? std::string("two") : i == 19 ? std::string("nineteen") : std::to_string(i)) + "\n";
  }
  EXPECT_EQ(unified_diff(before, after, labels()),
            "--- live\n+++ git\n"
            "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
            "@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n");
}

TEST(UnifiedDiff, NearChangesShareAHunk) {
  std::string before = "a\nb\nc\nd\ne\nf\ng\nh\n";
  std::string after = "A\nb\nc\nd\ne\nf\ng\nH\n";
  EXPECT_EQ(unified_diff(before, after, labels()),
            "--- live\n+++ git\n@@ -1,8 +1,8 @@\n-a\n+A\n b\n c\n d\n e\n f\n g\n-h\n+H\n");
}

TEST(DiffLines, InsertionInTheMiddleIsMinimal) {
  auto edits = diff_lines("a\nb\nc\n", "a\nb\nx\nc\n");
  ASSERT_EQ(edits.size(), 4u);
  EXPECT_EQ(edits[2].op, LineOp::add);
  EXPECT_EQ(edits[2].text, "x");
}

TEST(DiffLines, InterleavedEdits) {
  auto edits = diff_lines("a\nb\nc\nd\n", "b\nc\ne\nd\nf\n");
  std::string script;
  for (const auto& e : edits) {
    script += (e.op == LineOp::keep ? ' ' : e.op == LineOp::add ? '+' : '-');
    script += std::string(e.text) + ";";
  }
  EXPECT_EQ(script, "-a; b; c;+e; d;+f;");
}

}  // namespace
}  // namespace gitops::diff
