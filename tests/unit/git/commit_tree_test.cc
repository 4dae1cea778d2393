// CommitTree: files come from the commit only, symlinks stay inside the tree, paths never climb.
#include "git/commit_tree.h"

#include <gtest/gtest.h>

#include "git/ref.h"
#include "tests/support/git_repo.h"

namespace gitops::git {
namespace {

class CommitTreeTest : public ::testing::Test {
 protected:
  CommitTree tree_at(std::string_view ref) {
    auto opened = Repository::open(repo.path().string());
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    auto commit = resolve_ref(*opened, ref);
    EXPECT_TRUE(commit.ok()) << commit.error().message;
    auto tree = CommitTree::open(*opened, *commit, {.cache_dir = cache.path()});
    EXPECT_TRUE(tree.ok()) << tree.error().message;
    return std::move(*tree);
  }

  void link(const std::string& path, const std::string& target) {
    std::filesystem::create_directories((repo.path() / path).parent_path());
    std::filesystem::create_symlink(target, repo.path() / path);
  }

  std::string prefix(const CommitTree& tree, std::string_view doing, std::string_view path) {
    return std::string(doing) + " \"" + std::string(path) + "\" from " + tree.describe() + ": ";
  }

  testing::GitRepo repo;
  testing::TempDir cache;
};

std::string names(const std::vector<core::TreeEntry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    out += e.name + (e.type == core::EntryType::directory ? "/" : "") + (e.executable ? "*" : "");
    out += " ";
  }
  return out;
}

TEST_F(CommitTreeTest, EachCommitShowsItsOwnFilesNeverTheWorkTree) {
  std::string c1 = repo.commit({{"app/cm.yaml", "version: 1\n"}}, "one");
  std::string c2 = repo.commit({{"app/cm.yaml", "version: 2\n"}}, "two");
  repo.write_uncommitted("app/cm.yaml", "version: 3\n");
  repo.write_uncommitted("app/untracked.yaml", "new: true\n");
  repo.git({"add", "app/cm.yaml"});  // staged is not committed either
  CommitTree first = tree_at(c1);
  CommitTree second = tree_at("HEAD");
  EXPECT_EQ(*first.read("app/cm.yaml"), "version: 1\n");
  EXPECT_EQ(*second.read("app/cm.yaml"), "version: 2\n");
  EXPECT_EQ(names(*second.list("app")), "cm.yaml ");
  EXPECT_FALSE(second.exists("app/untracked.yaml"));
  EXPECT_EQ(second.commit().sha, c2);
  EXPECT_EQ(second.describe(), "commit " + c2.substr(0, 7) + " of " + repo.path().string());
}

TEST_F(CommitTreeTest, ListsSortedWithTypesAndExecutableBits) {
  repo.commit({{"b.yaml", "b"}, {"a/x.yaml", "x"}, {"run.sh", "#!/bin/sh\n"}, {"A.txt", "A"}},
              "files");
  std::filesystem::permissions(repo.path() / "run.sh", std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  repo.commit({}, "exec");
  CommitTree tree = tree_at("HEAD");
  EXPECT_EQ(names(*tree.list("")), "A.txt a/ b.yaml run.sh* ");
  EXPECT_EQ(names(*tree.list(".")), "A.txt a/ b.yaml run.sh* ");
  core::EntryType type = core::EntryType::file;
  EXPECT_TRUE(tree.exists("a", &type));
  EXPECT_EQ(type, core::EntryType::directory);
  EXPECT_TRUE(tree.exists("./a/x.yaml", &type));
  EXPECT_EQ(type, core::EntryType::file);
  EXPECT_FALSE(tree.exists("a/missing.yaml"));
  EXPECT_FALSE(tree.exists("b.yaml/below"));
}

TEST_F(CommitTreeTest, ReadAndListFailuresNameThePathAndCommit) {
  repo.commit({{"app/cm.yaml", "x"}}, "one");
  CommitTree tree = tree_at("HEAD");
  auto missing = tree.read("app/nope.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, core::ErrorKind::source);
  EXPECT_EQ(missing.error().message, prefix(tree, "reading", "app/nope.yaml") + "no such file");
  EXPECT_EQ(tree.read("app").error().message,
            prefix(tree, "reading", "app") + "is a folder, not a file");
  EXPECT_EQ(tree.list("nope").error().message, prefix(tree, "listing", "nope") + "no such folder");
  EXPECT_EQ(tree.list("app/cm.yaml").error().message,
            prefix(tree, "listing", "app/cm.yaml") + "is a file, not a folder");
}

TEST_F(CommitTreeTest, DotDotPathsAreRefused) {
  repo.commit({{"app/cm.yaml", "x"}}, "one");
  CommitTree tree = tree_at("HEAD");
  auto escaped = tree.read("app/../../etc/passwd");
  ASSERT_FALSE(escaped.ok());
  EXPECT_EQ(escaped.error().kind, core::ErrorKind::source);
  EXPECT_EQ(escaped.error().message,
            prefix(tree, "reading", "app/../../etc/passwd") +
                "path \"app/../../etc/passwd\" climbs above the root of the tree");
  EXPECT_EQ(tree.list("..").error().message,
            prefix(tree, "listing", "..") + "path \"..\" climbs above the root of the tree");
  EXPECT_EQ(tree.read("/etc/passwd").error().message,
            prefix(tree, "reading", "/etc/passwd") +
                "path \"/etc/passwd\" is absolute; tree paths are relative to the root");
  EXPECT_FALSE(tree.exists("../app"));
  EXPECT_EQ(*tree.read("app/../app/cm.yaml"), "x");
}

TEST_F(CommitTreeTest, SourceFolderValidatesThePathOption) {
  repo.commit({{"app/cm.yaml", "x"}}, "one");
  CommitTree tree = tree_at("HEAD");
  EXPECT_EQ(*source_folder(tree, "./app/"), "app");
  EXPECT_EQ(*source_folder(tree, "."), "");
  std::string what = "using --path ";
  auto escaped = source_folder(tree, "app/../../x");
  ASSERT_FALSE(escaped.ok());
  EXPECT_EQ(escaped.error().kind, core::ErrorKind::source);
  EXPECT_EQ(escaped.error().message,
            what + "\"app/../../x\" in " + tree.describe() +
                ": path \"app/../../x\" climbs above the root of the tree");
  EXPECT_EQ(source_folder(tree, "nope").error().message,
            what + "\"nope\" in " + tree.describe() + ": no such folder");
  EXPECT_EQ(source_folder(tree, "app/cm.yaml").error().message,
            what + "\"app/cm.yaml\" in " + tree.describe() + ": is a file, not a folder");
}

TEST_F(CommitTreeTest, SymlinksInsideTheTreeAreFollowed) {
  link("app/link.yaml", "../shared/base.yaml");
  link("app/base", "../shared");
  link("app/chain.yaml", "link.yaml");
  repo.commit({{"shared/base.yaml", "kind: Base\n"}}, "links");
  CommitTree tree = tree_at("HEAD");
  EXPECT_EQ(*tree.read("app/link.yaml"), "kind: Base\n");
  EXPECT_EQ(*tree.read("app/chain.yaml"), "kind: Base\n");
  EXPECT_EQ(*tree.read("app/base/base.yaml"), "kind: Base\n");
  EXPECT_EQ(names(*tree.list("app")), "base/ chain.yaml link.yaml ");
  EXPECT_EQ(names(*tree.list("app/base")), "base.yaml ");
}

TEST_F(CommitTreeTest, SymlinkLeavingTheTreeIsRefused) {
  link("app/evil.yaml", "../../etc/passwd");
  repo.commit({{"app/cm.yaml", "x"}}, "evil");
  CommitTree tree = tree_at("HEAD");
  auto read = tree.read("app/evil.yaml");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind, core::ErrorKind::source);
  EXPECT_EQ(read.error().message,
            prefix(tree, "reading", "app/evil.yaml") +
                "symlink \"app/evil.yaml\" points outside the repository (\"../../etc/passwd\")");
  EXPECT_EQ(tree.list("app").error().message,
            prefix(tree, "listing", "app") +
                "symlink \"app/evil.yaml\" points outside the repository (\"../../etc/passwd\")");
  EXPECT_FALSE(tree.exists("app/evil.yaml"));
}

TEST_F(CommitTreeTest, SymlinkChainLeavingTheTreeIsRefused) {
  link("app/a.yaml", "b.yaml");
  link("app/b.yaml", "../sub/c.yaml");
  link("sub/c.yaml", "../../outside.yaml");
  repo.commit({}, "chain");
  CommitTree tree = tree_at("HEAD");
  EXPECT_EQ(tree.read("app/a.yaml").error().message,
            prefix(tree, "reading", "app/a.yaml") +
                "symlink \"sub/c.yaml\" points outside the repository (\"../../outside.yaml\")");
}

TEST_F(CommitTreeTest, AbsoluteSymlinkIsRefused) {
  link("app/abs.yaml", "/etc/passwd");
  repo.commit({}, "abs");
  CommitTree tree = tree_at("HEAD");
  EXPECT_EQ(tree.read("app/abs.yaml").error().message,
            prefix(tree, "reading", "app/abs.yaml") +
                "symlink \"app/abs.yaml\" points to an absolute path (\"/etc/passwd\")");
}

TEST_F(CommitTreeTest, SymlinkLoopIsRefused) {
  link("a", "b");
  link("b", "a");
  repo.commit({}, "loop");
  CommitTree tree = tree_at("HEAD");
  EXPECT_EQ(tree.read("a").error().message,
            prefix(tree, "reading", "a") + "too many levels of symlinks (more than 40)");
}

TEST_F(CommitTreeTest, DanglingSymlinkIsAbsent) {
  link("app/gone.yaml", "missing.yaml");
  repo.commit({{"app/cm.yaml", "x"}}, "dangling");
  CommitTree tree = tree_at("HEAD");
  EXPECT_FALSE(tree.exists("app/gone.yaml"));
  EXPECT_EQ(names(*tree.list("app")), "cm.yaml ");
  EXPECT_EQ(tree.read("app/gone.yaml").error().message,
            prefix(tree, "reading", "app/gone.yaml") + "no such file");
}

TEST_F(CommitTreeTest, SubmodulesAreAbsent) {
  std::string c1 = repo.commit({{"vendor/keep.txt", "k"}}, "one");
  repo.git({"update-index", "--add", "--cacheinfo", "160000," + c1 + ",vendor/sub"});
  repo.git({"commit", "-q", "-m", "submodule"});
  EXPECT_EQ(repo.git({"ls-tree", "HEAD", "vendor/sub"}), "160000 commit " + c1 + "\tvendor/sub");
  CommitTree tree = tree_at("HEAD");
  EXPECT_FALSE(tree.exists("vendor/sub"));
  EXPECT_EQ(names(*tree.list("vendor")), "keep.txt ");
  EXPECT_EQ(tree.read("vendor/sub/file").error().message,
            prefix(tree, "reading", "vendor/sub/file") + "no such file");
}

}  // namespace
}  // namespace gitops::git

namespace gitops::git {
namespace {

TEST(CommitTreeWorktree, ReadsCommitsThroughALinkedWorktree) {
  testing::GitRepo repo;
  std::string c1 = repo.commit({{"app/cm.yaml", "main\n"}}, "one");
  testing::TempDir dir;
  std::filesystem::path linked = dir.path() / "wt";
  repo.git({"worktree", "add", "-q", "-b", "topic", linked.string()});
  auto opened = Repository::open((linked / "app").string());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->display_name(), linked.string());
  auto head = resolve_ref(*opened, "HEAD");
  ASSERT_TRUE(head.ok()) << head.error().message;
  EXPECT_EQ(head->sha, c1);
  auto tree = CommitTree::open(*opened, *head, {.cache_dir = dir.path() / "cache"});
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(*tree->read("app/cm.yaml"), "main\n");
}

}  // namespace
}  // namespace gitops::git
