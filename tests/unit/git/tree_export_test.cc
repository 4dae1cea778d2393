// CommitTree::on_disk: a private, complete, reused export of the commit.
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "git/commit_tree.h"
#include "git/ref.h"
#include "tests/support/git_repo.h"
#include "tests/unit/git/scoped_env.h"

namespace gitops::git {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

// Every entry under `root` as "path" (files), "path/" (folders) or "path -> target" (links).
std::string listing(const std::filesystem::path& root) {
  std::vector<std::string> lines;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    std::string rel = entry.path().lexically_relative(root).string();
    if (entry.is_symlink()) {
      lines.push_back(rel + " -> " + std::filesystem::read_symlink(entry.path()).string());
    } else {
      lines.push_back(rel + (entry.is_directory() ? "/" : ""));
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

class TreeExport : public ::testing::Test {
 protected:
  CommitTree tree_at(std::string_view ref, std::filesystem::path cache_dir) {
    auto opened = Repository::open(repo.path().string());
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    auto commit = resolve_ref(*opened, ref);
    EXPECT_TRUE(commit.ok()) << commit.error().message;
    auto tree = CommitTree::open(*opened, *commit, {.cache_dir = cache_dir});
    EXPECT_TRUE(tree.ok()) << tree.error().message;
    return std::move(*tree);
  }
  void link(const std::string& path, const std::string& target) {
    std::filesystem::create_directories((repo.path() / path).parent_path());
    std::filesystem::create_symlink(target, repo.path() / path);
  }

  testing::GitRepo repo;
  testing::TempDir cache;
};

TEST_F(TreeExport, WritesThePrivateFolderWithTheCommitsFiles) {
  link("app/link.yaml", "../shared/base.yaml");
  link("app/base", "../shared");
  link("app/evil.yaml", "../../etc/passwd");
  link("app/abs.yaml", "/etc/passwd");
  link("app/gone.yaml", "missing.yaml");
  repo.commit({{"app/cm.yaml", "v1\n"}, {"shared/base.yaml", "base\n"}, {"run.sh", "#!/bin/sh\n"}},
              "one");
  std::filesystem::permissions(repo.path() / "run.sh", std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  std::string sha = repo.commit({}, "exec");
  repo.write_uncommitted("app/cm.yaml", "uncommitted\n");
  CommitTree tree = tree_at("HEAD", cache.path());
  auto dir = tree.on_disk();
  ASSERT_TRUE(dir.ok()) << dir.error().message;
  EXPECT_EQ(*dir, cache.path() / "exports" / sha);
  EXPECT_EQ(mode_of(*dir), 0700u);
  EXPECT_EQ(listing(*dir),
            "app/\n"
            "app/base -> ../shared\n"
            "app/cm.yaml\n"
            "app/link.yaml\n"
            "run.sh\n"
            "shared/\n"
            "shared/base.yaml\n");
  EXPECT_EQ(slurp(*dir / "app/cm.yaml"), "v1\n");
  EXPECT_EQ(slurp(*dir / "app/link.yaml"), "base\n");
  EXPECT_EQ(slurp(*dir / "app/base/base.yaml"), "base\n");
  EXPECT_EQ(mode_of(*dir / "run.sh"), 0700u);
  EXPECT_EQ(mode_of(*dir / "app/cm.yaml"), 0600u);
  EXPECT_EQ(mode_of(*dir / "app"), 0700u);
}

TEST_F(TreeExport, AnExistingExportIsReused) {
  std::string sha = repo.commit({{"a.yaml", "a\n"}}, "one");
  CommitTree tree = tree_at("HEAD", cache.path());
  auto first = tree.on_disk();
  ASSERT_TRUE(first.ok()) << first.error().message;
  std::ofstream(*first / "marker") << "kept";
  auto again = tree_at(sha, cache.path()).on_disk();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, *first);
  EXPECT_EQ(slurp(*again / "marker"), "kept");
  EXPECT_EQ(listing(cache.path() / "exports"), sha + "/\n" + sha + "/a.yaml\n" + sha + "/marker\n");
}

TEST_F(TreeExport, DefaultsToTheXdgCacheFolder) {
  testing::ScopedEnv env;
  env.set("XDG_CACHE_HOME", cache.path().string());
  std::string sha = repo.commit({{"a.yaml", "a\n"}}, "one");
  auto dir = tree_at("HEAD", {}).on_disk();
  ASSERT_TRUE(dir.ok()) << dir.error().message;
  EXPECT_EQ(*dir, cache.path() / "kubectl-gitops" / "exports" / sha);
  EXPECT_EQ(mode_of(cache.path() / "kubectl-gitops"), 0700u);
  EXPECT_EQ(slurp(*dir / "a.yaml"), "a\n");
}

TEST_F(TreeExport, ConcurrentExportsOfOneCommitAgree) {
  std::string sha = repo.commit({{"a.yaml", "a\n"}, {"b/c.yaml", "c\n"}}, "one");
  constexpr int k_threads = 4;
  std::vector<CommitTree> trees;
  for (int i = 0; i < k_threads; ++i) trees.push_back(tree_at(sha, cache.path()));
  std::vector<std::string> results(k_threads);
  std::vector<std::thread> threads;
  for (int i = 0; i < k_threads; ++i) {
    threads.emplace_back([&, i] {
      auto dir = trees[i].on_disk();
      results[i] = dir.ok() ? dir->string() : dir.error().message;
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& result : results) EXPECT_EQ(result, (cache.path() / "exports" / sha).string());
  EXPECT_EQ(listing(cache.path() / "exports"),
            sha + "/\n" + sha + "/a.yaml\n" + sha + "/b/\n" + sha + "/b/c.yaml\n");
}

TEST_F(TreeExport, TwoCommitsGetTwoExports) {
  std::string c1 = repo.commit({{"a.yaml", "1\n"}}, "one");
  std::string c2 = repo.commit({{"a.yaml", "2\n"}}, "two");
  auto d1 = tree_at(c1, cache.path()).on_disk();
  auto d2 = tree_at(c2, cache.path()).on_disk();
  ASSERT_TRUE(d1.ok() && d2.ok());
  EXPECT_EQ(slurp(*d1 / "a.yaml"), "1\n");
  EXPECT_EQ(slurp(*d2 / "a.yaml"), "2\n");
}

}  // namespace
}  // namespace gitops::git
