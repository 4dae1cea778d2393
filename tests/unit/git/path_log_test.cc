// log_for_path: exactly the commits that changed a folder, newest first.
#include "git/path_log.h"

#include <gtest/gtest.h>

#include "tests/support/git_repo.h"

namespace gitops::git {
namespace {

std::vector<std::string> subjects(const std::vector<Commit>& commits) {
  std::vector<std::string> out;
  for (const auto& c : commits) out.push_back(c.subject);
  return out;
}

class PathLog : public ::testing::Test {
 protected:
  void SetUp() override {
    repo.commit({{"app/a.yaml", "1"}, {"other/x.yaml", "1"}}, "c1 both");
    repo.commit({{"other/x.yaml", "2"}}, "c2 other");
    repo.commit({{"app/a.yaml", "2"}}, "c3 app");
    repo.commit({{"app/sub/b.yaml", "1"}}, "c4 app sub");
    repo.commit({{"README", "r"}}, "c5 readme");
    repo.remove({"app/sub/b.yaml"}, "c6 app remove");
    auto opened = Repository::open(repo.path().string());
    ASSERT_TRUE(opened.ok());
    opened_repo.emplace(std::move(*opened));
  }
  testing::GitRepo repo;
  std::optional<Repository> opened_repo;
};

TEST_F(PathLog, ReturnsExactlyTheCommitsThatTouchedTheFolder) {
  auto log = log_for_path(*opened_repo, "HEAD", "app", 0);
  ASSERT_TRUE(log.ok()) << log.error().message;
  EXPECT_EQ(subjects(*log),
            (std::vector<std::string>{"c6 app remove", "c4 app sub", "c3 app", "c1 both"}));
  EXPECT_EQ(log->front().sha, repo.git({"rev-parse", "HEAD"}));
  EXPECT_EQ(subjects(*log_for_path(*opened_repo, "HEAD", "other/", 0)),
            (std::vector<std::string>{"c2 other", "c1 both"}));
  EXPECT_EQ(subjects(*log_for_path(*opened_repo, "HEAD", "app/sub", 0)),
            (std::vector<std::string>{"c6 app remove", "c4 app sub"}));
}

TEST_F(PathLog, StartsFromTheGivenRefAndHonoursTheLimit) {
  EXPECT_EQ(subjects(*log_for_path(*opened_repo, "HEAD~2", "app", 0)),
            (std::vector<std::string>{"c4 app sub", "c3 app", "c1 both"}));
  EXPECT_EQ(subjects(*log_for_path(*opened_repo, "HEAD", "app", 2)),
            (std::vector<std::string>{"c6 app remove", "c4 app sub"}));
}

TEST_F(PathLog, RootMeansEveryCommit) {
  EXPECT_EQ(log_for_path(*opened_repo, "HEAD", ".", 0)->size(), 6u);
}

TEST_F(PathLog, FollowsBothSidesOfAMerge) {
  repo.git({"checkout", "-q", "-b", "side", "HEAD"});
  repo.commit({{"app/side.yaml", "s"}}, "c7 side app");
  repo.git({"checkout", "-q", "main"});
  repo.commit({{"other/y.yaml", "y"}}, "c8 main other");
  repo.git({"merge", "-q", "--no-edit", "side", "-m", "c9 merge"});
  auto log = log_for_path(*opened_repo, "main", "app", 0);
  ASSERT_TRUE(log.ok()) << log.error().message;
  EXPECT_EQ(subjects(*log), (std::vector<std::string>{"c7 side app", "c6 app remove", "c4 app sub",
                                                      "c3 app", "c1 both"}));
}

TEST_F(PathLog, UnknownFolderHasNoHistory) {
  EXPECT_TRUE(log_for_path(*opened_repo, "HEAD", "nope", 0)->empty());
}

TEST_F(PathLog, RefusesAPathLeavingTheRepository) {
  auto log = log_for_path(*opened_repo, "HEAD", "app/../..", 0);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error().kind, core::ErrorKind::source);
  EXPECT_EQ(
      log.error().message,
      "reading the history of \"app/../..\": path \"app/../..\" climbs above the root of the tree");
}

TEST_F(PathLog, UnknownRefIsAnError) {
  auto log = log_for_path(*opened_repo, "nope", "app", 0);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error().message,
            "reading the history of \"app\": unknown revision \"nope\" in " + repo.path().string());
}

}  // namespace
}  // namespace gitops::git
