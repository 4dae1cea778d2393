// HelmIgnore and go_path_match: Helm's pkg/ignore rules and Go's filepath.Match.
#include "render/helm/helmignore.h"

#include <gtest/gtest.h>

namespace gitops::render::helm {
namespace {

bool match(std::string_view pattern, std::string_view name) {
  auto m = go_path_match(pattern, name);
  EXPECT_TRUE(m.ok());
  return m.ok() && *m;
}

TEST(GoPathMatch, Globs) {
  EXPECT_TRUE(match("*.txt", "a.txt"));
  EXPECT_FALSE(match("*.txt", "dir/a.txt"));
  EXPECT_TRUE(match("dir/*.txt", "dir/a.txt"));
  EXPECT_TRUE(match("a?c", "abc"));
  EXPECT_FALSE(match("a?c", "a/c"));
  EXPECT_TRUE(match("[a-c]x", "bx"));
  EXPECT_FALSE(match("[^a-c]x", "bx"));
  EXPECT_TRUE(match("\\*", "*"));
}

TEST(GoPathMatch, BadPattern) {
  auto m = go_path_match("[", "a");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message, "syntax error in pattern");
}

TEST(HelmIgnore, BaseNamesPathsAndFolders) {
  auto rules = HelmIgnore::parse("# comment\n*.bak\n/top.txt\nsecret/\ndocs/*.md\n");
  ASSERT_TRUE(rules.ok());
  EXPECT_TRUE(rules->ignored("x/y.bak", false));
  EXPECT_TRUE(rules->ignored("top.txt", false));
  EXPECT_FALSE(rules->ignored("x/top.txt", false));
  EXPECT_TRUE(rules->ignored("secret", true));
  EXPECT_FALSE(rules->ignored("secret", false));
  EXPECT_TRUE(rules->ignored("docs/a.md", false));
  EXPECT_FALSE(rules->ignored("values.yaml", false));
}

TEST(HelmIgnore, DefaultRuleHidesTemplateDotFiles) {
  HelmIgnore rules = HelmIgnore::defaults();
  EXPECT_TRUE(rules.ignored("templates/.hidden", false));
  EXPECT_FALSE(rules.ignored("templates/a.yaml", false));
}

TEST(HelmIgnore, NegationIgnoresEverythingElse) {
  auto rules = HelmIgnore::parse("!keep.txt\n");
  ASSERT_TRUE(rules.ok());
  EXPECT_FALSE(rules->ignored("keep.txt", false));
  EXPECT_TRUE(rules->ignored("Chart.yaml", false));
}

TEST(HelmIgnore, DoubleStarRefused) {
  auto rules = HelmIgnore::parse("a/**/b\n");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.error().message, "double-star (**) syntax is not supported");
}

}  // namespace
}  // namespace gitops::render::helm
