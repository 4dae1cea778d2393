// resolve_ref: every revision form git rev-parse accepts for a commit, and the errors.
#include "git/ref.h"

#include <gtest/gtest.h>

#include "git/libgit2.h"
#include "git/repository.h"
#include "tests/support/git_repo.h"

namespace gitops::git {
namespace {

class ResolveRef : public ::testing::Test {
 protected:
  void SetUp() override {
    c1 = repo.commit({{"a.txt", "one\n"}}, "first\n\nbody text");
    repo.git({"tag", "-a", "v1", "-m", "release 1"});
    c2 = repo.commit({{"a.txt", "two\n"}}, "second");
    repo.git({"tag", "light"});
    repo.git({"branch", "feature"});
    c3 = repo.commit({{"a.txt", "three\n"}}, "third");
    repo.git({"update-ref", "refs/remotes/origin/main", c1});
    auto opened = Repository::open(repo.path().string());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    opened_repo.emplace(std::move(*opened));
  }

  std::string sha(std::string_view ref) {
    auto commit = resolve_ref(*opened_repo, ref);
    EXPECT_TRUE(commit.ok()) << ref << ": " << commit.error().message;
    return commit.ok() ? commit->sha : "";
  }

  core::Error failure(std::string_view ref) {
    auto commit = resolve_ref(*opened_repo, ref);
    EXPECT_FALSE(commit.ok()) << ref;
    return commit.ok() ? core::Error{} : commit.error();
  }

  testing::GitRepo repo;
  std::string c1, c2, c3;
  std::optional<Repository> opened_repo;
};

TEST_F(ResolveRef, Branches) {
  EXPECT_EQ(sha("main"), c3);
  EXPECT_EQ(sha("feature"), c2);
  EXPECT_EQ(sha("refs/heads/feature"), c2);
}

TEST_F(ResolveRef, RemoteBranches) { EXPECT_EQ(sha("origin/main"), c1); }

TEST_F(ResolveRef, AnnotatedTagsArePeeledToTheirCommit) {
  EXPECT_EQ(sha("v1"), c1);
  EXPECT_EQ(sha("refs/tags/v1"), c1);
}

TEST_F(ResolveRef, LightweightTags) { EXPECT_EQ(sha("light"), c2); }

TEST_F(ResolveRef, FullAndShortShas) {
  EXPECT_EQ(sha(c2), c2);
  EXPECT_EQ(sha(c1.substr(0, 7)), c1);
  EXPECT_EQ(sha(c1.substr(0, 4)), c1);
}

TEST_F(ResolveRef, HeadAndAncestry) {
  EXPECT_EQ(sha("HEAD"), c3);
  EXPECT_EQ(sha("HEAD~1"), c2);
  EXPECT_EQ(sha("HEAD~2"), c1);
  EXPECT_EQ(sha("HEAD^"), c2);
  EXPECT_EQ(sha("main^^"), c1);
  EXPECT_EQ(sha("feature~1"), c1);
  EXPECT_EQ(sha("v1^0"), c1);
  EXPECT_EQ(sha(c3 + "~2"), c1);
}

TEST_F(ResolveRef, ReturnsTheCommitDetails) {
  auto commit = resolve_ref(*opened_repo, "v1");
  ASSERT_TRUE(commit.ok());
  EXPECT_EQ(commit->sha, c1);
  EXPECT_EQ(commit->short_sha, c1.substr(0, 7));
  EXPECT_EQ(commit->subject, "first");
  EXPECT_EQ(commit->author_name, "Test Author");
  EXPECT_EQ(commit->author_email, "test@example.com");
  EXPECT_EQ(commit->author_time, 1700000060);
  EXPECT_EQ(commit->author_utc_offset, 0);
}

TEST_F(ResolveRef, UnknownRefSuggestsANearBranch) {
  core::Error error = failure("mian");
  EXPECT_EQ(error.kind, core::ErrorKind::source);
  EXPECT_EQ(error.message,
            "unknown revision \"mian\" in " + repo.path().string() + " (did you mean \"main\"?)");
}

TEST_F(ResolveRef, UnknownRefSuggestsNearTagsToo) {
  EXPECT_EQ(failure("v2~1").message,
            "unknown revision \"v2~1\" in " + repo.path().string() + " (did you mean \"v1\"?)");
  EXPECT_EQ(failure("feture").message, "unknown revision \"feture\" in " + repo.path().string() +
                                           " (did you mean \"feature\"?)");
}

TEST_F(ResolveRef, UnknownRefWithoutNearMiss) {
  core::Error error = failure("release-2024");
  EXPECT_EQ(error.kind, core::ErrorKind::source);
  EXPECT_EQ(error.message, "unknown revision \"release-2024\" in " + repo.path().string());
}

TEST_F(ResolveRef, AncestorBeyondTheRootIsUnknown) {
  EXPECT_EQ(failure("HEAD~3").message, "unknown revision \"HEAD~3\" in " + repo.path().string());
}

TEST_F(ResolveRef, OptionLikeRefIsUnknown) {
  EXPECT_EQ(failure("--all").message, "unknown revision \"--all\" in " + repo.path().string());
}

TEST_F(ResolveRef, EmptyRefIsAUsageError) {
  core::Error error = failure("");
  EXPECT_EQ(error.kind, core::ErrorKind::usage);
  EXPECT_EQ(error.message, "empty revision for " + repo.path().string());
}

TEST_F(ResolveRef, NameThatIsBothBranchAndTagIsAmbiguous) {
  repo.git({"branch", "dup", c1});
  repo.git({"tag", "dup", c2});
  core::Error error = failure("dup");
  EXPECT_EQ(error.kind, core::ErrorKind::source);
  EXPECT_EQ(error.message, "ambiguous revision \"dup\" in " + repo.path().string() +
                               ": it is both a branch and a tag (use refs/heads/dup or "
                               "refs/tags/dup)");
  EXPECT_EQ(sha("refs/tags/dup"), c2);
}

TEST_F(ResolveRef, BranchAndTagAtTheSameCommitAreNotAmbiguous) {
  repo.git({"tag", "feature", c2});
  EXPECT_EQ(sha("feature"), c2);
}

TEST_F(ResolveRef, AmbiguousShortShaIsAnError) {
  // Write blobs until two share their first four hex digits.
  std::map<std::string, std::string> seen;
  std::string prefix;
  for (int i = 0; prefix.empty(); ++i) {
    std::string content = "blob " + std::to_string(i);
    git_oid oid;
    ASSERT_EQ(git_blob_create_from_buffer(&oid, opened_repo->raw(), content.data(), content.size()),
              0);
    std::string hex = to_hex(oid).substr(0, 4);
    if (!seen.emplace(hex, content).second) prefix = hex;
  }
  core::Error error = failure(prefix);
  EXPECT_EQ(error.kind, core::ErrorKind::source);
  EXPECT_EQ(error.message, "ambiguous revision \"" + prefix + "\" in " + repo.path().string() +
                               ": several objects start with it (give more digits)");
}

TEST_F(ResolveRef, NonCommitObjectIsAnError) {
  core::Error error = failure("HEAD:a.txt");
  EXPECT_EQ(error.kind, core::ErrorKind::source);
  EXPECT_EQ(error.message,
            "revision \"HEAD:a.txt\" in " + repo.path().string() + " is a blob, not a commit");
}

TEST(OpenRepository, FindsTheRepositoryFromASubfolder) {
  testing::GitRepo repo;
  std::string c1 = repo.commit({{"deep/er/file.txt", "x"}}, "first");
  auto opened = Repository::open((repo.path() / "deep" / "er").string());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->display_name(), repo.path().string());
  EXPECT_EQ(opened->kind(), LocationKind::local_path);
  EXPECT_EQ(resolve_ref(*opened, "HEAD")->sha, c1);
}

TEST(OpenRepository, OpensABareRepository) {
  testing::GitRepo repo;
  std::string c1 = repo.commit({{"a", "x"}}, "first");
  testing::TempDir dir;
  std::string bare = (dir.path() / "bare.git").string();
  repo.git({"clone", "-q", "--bare", repo.path().string(), bare});
  auto opened = Repository::open(bare);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->display_name(), bare);
  EXPECT_EQ(resolve_ref(*opened, "main")->sha, c1);
}

TEST(OpenRepository, FailsOutsideAnyRepository) {
  testing::TempDir dir;
  auto opened = Repository::open(dir.path().string());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().kind, core::ErrorKind::source);
  EXPECT_EQ(opened.error().message,
            "opening repository " + dir.path().string() + ": no Git repository at or above it");
}

}  // namespace
}  // namespace gitops::git
