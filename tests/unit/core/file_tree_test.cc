// Tree path helpers: normalisation and refusal of paths that leave the root.
#include <gtest/gtest.h>

#include "core/file_tree.h"

namespace gitops::core {
namespace {

std::string normal(std::string_view path) {
  auto result = normalize_tree_path(path);
  if (!result) return "error: " + result.error().message;
  return *result;
}

std::string joined(std::string_view base, std::string_view relative) {
  auto result = join_tree_path(base, relative);
  if (!result) return "error: " + result.error().message;
  return *result;
}

TEST(TreePath, Normalises) {
  EXPECT_EQ(normal("a/./b/../c"), "a/c");
  EXPECT_EQ(normal(""), "");
  EXPECT_EQ(normal("."), "");
  EXPECT_EQ(normal("./"), "");
  EXPECT_EQ(normal("a//b/"), "a/b");
  EXPECT_EQ(normal("a/.."), "");
  EXPECT_EQ(normal("a/b/../../c/./d"), "c/d");
  EXPECT_EQ(normal("..a/b.."), "..a/b..");
}

TEST(TreePath, RefusesClimbingAboveTheRoot) {
  EXPECT_EQ(normal(".."), "error: path \"..\" climbs above the root of the tree");
  EXPECT_EQ(normal("a/../../b"), "error: path \"a/../../b\" climbs above the root of the tree");
  auto result = normalize_tree_path("../x");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::source);
}

TEST(TreePath, RefusesAbsolutePaths) {
  EXPECT_EQ(normal("/etc/passwd"),
            "error: path \"/etc/passwd\" is absolute; tree paths are relative to the root");
  EXPECT_EQ(joined("app", "/etc/passwd"),
            "error: path \"/etc/passwd\" is absolute; tree paths are relative to the root");
}

TEST(TreePath, Joins) {
  EXPECT_EQ(joined("app/base", "../overlays/prod"), "app/overlays/prod");
  EXPECT_EQ(joined("", "a/b"), "a/b");
  EXPECT_EQ(joined("a", ""), "a");
  EXPECT_EQ(joined(".", "./x.yaml"), "x.yaml");
  EXPECT_EQ(joined("app", "../../secret"),
            "error: path \"../../secret\" relative to \"app\" climbs above the root of the tree");
}

}  // namespace
}  // namespace gitops::core
