// LocalTree: listing, reading, and refusing `..` and symlinks that leave the root.
#include "render/local_tree.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "tests/support/process.h"

namespace gitops::render {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

class LocalTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir.write("repo/a.yaml", "a: 1\n");
    m_dir.write("repo/sub/b.yaml", "b: 2\n");
    m_dir.write("outside/secret.txt", "secret\n");
    m_root = m_dir.path() / "repo";
  }
  LocalTree open() {
    auto tree = LocalTree::open(m_root);
    EXPECT_TRUE(tree.ok());
    return std::move(*tree);
  }
  TempDir m_dir;
  fs::path m_root;
};

std::vector<std::string> names(const std::vector<core::TreeEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) {
    out.push_back(e.name + (e.type == core::EntryType::directory ? "/" : ""));
  }
  return out;
}

TEST_F(LocalTreeTest, ListsSortedWithTypes) {
  m_dir.write("repo/.git/config", "x");
  m_dir.write("repo/0.json", "{}");
  LocalTree tree = open();
  auto entries = tree.list("");
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  EXPECT_EQ(names(*entries), (std::vector<std::string>{"0.json", "a.yaml", "sub/"}));
  auto sub = tree.list("./sub/");
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(names(*sub), (std::vector<std::string>{"b.yaml"}));
}

TEST_F(LocalTreeTest, ReadsFilesAndReportsMissingOnes) {
  LocalTree tree = open();
  EXPECT_EQ(*tree.read("sub/b.yaml"), "b: 2\n");
  EXPECT_EQ(*tree.read("sub/../a.yaml"), "a: 1\n");
  auto missing = tree.read("nope.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, core::ErrorKind::source);
  EXPECT_EQ(missing.error().message,
            "reading nope.yaml in folder " + m_root.string() + ": no such file");
  auto folder = tree.read("sub");
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.error().message, "reading sub in folder " + m_root.string() + ": is a folder");
}

TEST_F(LocalTreeTest, ExistsReportsTypes) {
  LocalTree tree = open();
  core::EntryType type = core::EntryType::file;
  EXPECT_TRUE(tree.exists("sub", &type));
  EXPECT_EQ(type, core::EntryType::directory);
  EXPECT_TRUE(tree.exists("a.yaml", &type));
  EXPECT_EQ(type, core::EntryType::file);
  EXPECT_FALSE(tree.exists("b.yaml"));
  EXPECT_FALSE(tree.exists("../outside/secret.txt"));
}

TEST_F(LocalTreeTest, RefusesDotDotEscapes) {
  LocalTree tree = open();
  auto escaped = tree.read("../outside/secret.txt");
  ASSERT_FALSE(escaped.ok());
  EXPECT_EQ(escaped.error().kind, core::ErrorKind::source);
  EXPECT_EQ(escaped.error().message, "reading ../outside/secret.txt in folder " +
                                         m_root.string() + ": the path leaves the tree");
  auto absolute = tree.read("/etc/passwd");
  ASSERT_FALSE(absolute.ok());
  EXPECT_EQ(absolute.error().message,
            "reading /etc/passwd in folder " + m_root.string() + ": the path leaves the tree");
  auto listed = tree.list("sub/../..");
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().message,
            "listing sub/../.. in folder " + m_root.string() + ": the path leaves the tree");
}

TEST_F(LocalTreeTest, RefusesASymlinkLeavingTheRoot) {
  fs::create_symlink(m_dir.path() / "outside" / "secret.txt", m_root / "sub" / "link.txt");
  LocalTree tree = open();
  auto read = tree.read("sub/link.txt");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind, core::ErrorKind::source);
  std::string target = fs::canonical(m_dir.path() / "outside" / "secret.txt").string();
  EXPECT_EQ(read.error().message, "reading sub/link.txt in folder " + m_root.string() +
                                      ": symlink sub/link.txt points outside the tree (to " +
                                      target + ")");
  auto listed = tree.list("sub");
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().message, "listing sub/link.txt in folder " + m_root.string() +
                                        ": symlink sub/link.txt points outside the tree (to " +
                                        target + ")");
}

TEST_F(LocalTreeTest, RefusesAChainOfSymlinksLeavingTheRoot) {
  // first -> second (inside) -> ../outside (outside): the link named is the one that leaves.
  fs::create_symlink("../outside", m_root / "second");
  fs::create_symlink("second", m_root / "first");
  LocalTree tree = open();
  auto read = tree.read("first/secret.txt");
  ASSERT_FALSE(read.ok());
  std::string target = fs::canonical(m_dir.path() / "outside").string();
  EXPECT_EQ(read.error().message, "reading first/secret.txt in folder " + m_root.string() +
                                      ": symlink first points outside the tree (to " + target +
                                      ")");
}

TEST_F(LocalTreeTest, RefusesASymlinkedFolderLeavingTheRoot) {
  fs::create_symlink(m_dir.path() / "outside", m_root / "out");
  LocalTree tree = open();
  auto listed = tree.list("out");
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().message,
            "listing out in folder " + m_root.string() +
                ": symlink out points outside the tree (to " +
                fs::canonical(m_dir.path() / "outside").string() + ")");
  EXPECT_FALSE(tree.exists("out/secret.txt"));
}

TEST_F(LocalTreeTest, FollowsSymlinksThatStayInside) {
  fs::create_symlink("sub/b.yaml", m_root / "b-link.yaml");
  fs::create_symlink("sub", m_root / "sub-link");
  LocalTree tree = open();
  EXPECT_EQ(*tree.read("b-link.yaml"), "b: 2\n");
  EXPECT_EQ(*tree.read("sub-link/b.yaml"), "b: 2\n");
  auto entries = tree.list("");
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  EXPECT_EQ(names(*entries),
            (std::vector<std::string>{"a.yaml", "b-link.yaml", "sub/", "sub-link/"}));
}

TEST_F(LocalTreeTest, OnDiskIsTheCanonicalRoot) {
  LocalTree tree = open();
  EXPECT_EQ(*tree.on_disk(), fs::canonical(m_root));
  EXPECT_EQ(tree.describe(), "folder " + m_root.string());
}

TEST_F(LocalTreeTest, OpeningAMissingFolderFails) {
  auto tree = LocalTree::open(m_dir.path() / "missing");
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.error().kind, core::ErrorKind::source);
  EXPECT_EQ(tree.error().message,
            "opening folder " + (m_dir.path() / "missing").string() + ": No such file or directory");
  auto file = LocalTree::open(m_root / "a.yaml");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().message, "opening folder " + (m_root / "a.yaml").string() + ": not a folder");
}

}  // namespace
}  // namespace gitops::render
