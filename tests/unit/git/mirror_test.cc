// Remote repositories: bare mirrors in the cache, fetched on use, offline mode, concurrency,
// git:// through a local git daemon, and refused or failing URLs that must not leak secrets.
#include "git/mirror.h"

#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "git/location.h"
#include "git/redact.h"
#include "git/ref.h"
#include "git/repository.h"
#include "tests/support/git_repo.h"
#include "tests/unit/git/git_daemon.h"
#include "tests/unit/git/scoped_env.h"

namespace gitops::git {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> entries(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class Mirror : public ::testing::Test {
 protected:
  void SetUp() override {
    env.set("XDG_CACHE_HOME", cache.path().string());
    c1 = origin.commit({{"app/cm.yaml", "v1\n"}}, "one");
    origin.git({"tag", "-a", "v1", "-m", "release 1"});
    origin.git({"branch", "feature"});
    url = "file://" + origin.path().string();
  }

  Repository open(const std::string& location, const OpenOptions& options = {}) {
    auto repo = Repository::open(location, options);
    EXPECT_TRUE(repo.ok()) << repo.error().message;
    return std::move(*repo);
  }

  std::string sha(const Repository& repo, std::string_view ref) {
    auto commit = resolve_ref(repo, ref);
    EXPECT_TRUE(commit.ok()) << commit.error().message;
    return commit.ok() ? commit->sha : "";
  }

  std::filesystem::path repos() const { return cache.path() / "kubectl-gitops" / "repos"; }

  testing::ScopedEnv env;
  testing::TempDir cache;
  testing::GitRepo origin;
  std::string c1;
  std::string url;
};

TEST_F(Mirror, FileRemoteIsClonedIntoTheCacheAsABareMirror) {
  Repository repo = open(url);
  EXPECT_EQ(repo.kind(), LocationKind::remote);
  EXPECT_EQ(repo.display_name(), url);
  std::filesystem::path dir = repos() / mirror_name(url);
  EXPECT_EQ(repo.git_dir(), dir);
  EXPECT_EQ(entries(repos()),
            (std::vector<std::string>{mirror_name(url), mirror_name(url) + ".lock"}));
  EXPECT_EQ(origin.git({"-C", dir.string(), "rev-parse", "--is-bare-repository"}), "true");
  EXPECT_EQ(slurp(dir / "config").find(origin.path().string()), std::string::npos);
  EXPECT_EQ(sha(repo, "main"), c1);
  EXPECT_EQ(sha(repo, "HEAD"), c1);
  EXPECT_EQ(sha(repo, "origin/main"), c1);
  EXPECT_EQ(sha(repo, "feature"), c1);
  EXPECT_EQ(sha(repo, "origin/feature"), c1);
  EXPECT_EQ(sha(repo, "v1"), c1);
  EXPECT_EQ(sha(repo, c1.substr(0, 8)), c1);
}

TEST_F(Mirror, ClonedOnceThenFetched) {
  open(url);
  std::filesystem::path dir = repos() / mirror_name(url);
  std::ofstream(dir / "marker") << "same mirror";
  std::string c2 = origin.commit({{"app/cm.yaml", "v2\n"}}, "two");
  Repository again = open(url);
  EXPECT_EQ(slurp(dir / "marker"), "same mirror");
  EXPECT_EQ(sha(again, "main"), c2);
}

TEST_F(Mirror, OfflineDoesNotFetch) {
  open(url);
  std::string c2 = origin.commit({{"app/cm.yaml", "v2\n"}}, "two");
  Repository offline = open(url, {.offline = true});
  EXPECT_EQ(sha(offline, "main"), c1);
  auto missing = resolve_ref(offline, c2);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "unknown revision \"" + c2 + "\" in " + url);
  Repository online = open(url);
  EXPECT_EQ(sha(online, "main"), c2);
}

TEST_F(Mirror, FetchFollowsNewAndDeletedBranchesAndTags) {
  open(url);
  std::string c2 = origin.commit({{"b.yaml", "b\n"}}, "two");
  origin.git({"branch", "-D", "feature"});
  origin.git({"branch", "release"});
  origin.git({"tag", "v2"});
  Repository repo = open(url);
  EXPECT_EQ(sha(repo, "release"), c2);
  EXPECT_EQ(sha(repo, "v2"), c2);
  auto gone = resolve_ref(repo, "feature");
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().message, "unknown revision \"feature\" in " + url);
}

TEST_F(Mirror, HeadFollowsTheRemoteDefaultBranch) {
  origin.git({"checkout", "-q", "-b", "trunk"});
  std::string c2 = origin.commit({{"b.yaml", "b\n"}}, "on trunk");
  Repository repo = open(url);
  EXPECT_EQ(sha(repo, "HEAD"), c2);
  EXPECT_EQ(sha(repo, "main"), c1);
}

TEST_F(Mirror, OfflineWithoutACachedCopyFails) {
  auto repo = Repository::open(url, {.offline = true});
  ASSERT_FALSE(repo.ok());
  EXPECT_EQ(repo.error().kind, core::ErrorKind::source);
  EXPECT_EQ(repo.error().message, "opening " + url + " offline: it has no cached copy in " +
                                      repos().string() + " (run once without offline mode first)");
}

TEST_F(Mirror, ExplicitCacheFolder) {
  testing::TempDir other;
  auto repo = Repository::open(url, {.cache_dir = other.path()});
  ASSERT_TRUE(repo.ok()) << repo.error().message;
  EXPECT_EQ(repo->git_dir(), other.path() / "repos" / mirror_name(url));
  EXPECT_FALSE(std::filesystem::exists(cache.path() / "kubectl-gitops"));
}

TEST_F(Mirror, LocalPathsAreNotMirrored) {
  Repository repo = open(origin.path().string());
  EXPECT_EQ(repo.kind(), LocationKind::local_path);
  EXPECT_FALSE(std::filesystem::exists(cache.path() / "kubectl-gitops"));
}

TEST_F(Mirror, MissingRemoteRepositoryFailsAndLeavesNothingBehind) {
  std::string missing = "file://" + (cache.path() / "nope").string();
  auto repo = Repository::open(missing);
  ASSERT_FALSE(repo.ok());
  EXPECT_EQ(repo.error().kind, core::ErrorKind::source);
  EXPECT_EQ(repo.error().message.rfind("cloning " + missing + ": ", 0), 0u) << repo.error().message;
  EXPECT_EQ(entries(repos()), (std::vector<std::string>{mirror_name(missing) + ".lock"}));
}

TEST_F(Mirror, UnreachableRemoteErrorsNeverShowTheSecret) {
  for (std::string secret_url :
       {"https://user:s3cr3t@127.0.0.1:1/org/repo.git", "http://s3cr3t@127.0.0.1:1/org/repo.git"}) {
    auto repo = Repository::open(secret_url);
    ASSERT_FALSE(repo.ok());
    EXPECT_EQ(repo.error().kind, core::ErrorKind::source);
    EXPECT_EQ(repo.error().message.find("s3cr3t"), std::string::npos) << repo.error().message;
    EXPECT_EQ(repo.error().message.rfind("cloning " + redact_url(secret_url) + ": ", 0), 0u)
        << repo.error().message;
  }
}

TEST_F(Mirror, CommandTransportsAreRefusedBeforeAnythingRuns) {
  std::filesystem::path pwned = cache.path() / "pwned";
  auto repo = Repository::open("ext::sh -c touch% " + pwned.string());
  ASSERT_FALSE(repo.ok());
  EXPECT_EQ(repo.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(repo.error().message, "refusing repository \"ext::sh -c touch% " + pwned.string() +
                                      "\": the \"ext\" transport runs commands");
  EXPECT_FALSE(std::filesystem::exists(pwned));
  EXPECT_FALSE(std::filesystem::exists(cache.path() / "kubectl-gitops"));
}

TEST_F(Mirror, ConcurrentOpensShareOneIntactMirror) {
  constexpr int k_threads = 4;
  std::vector<std::string> shas(k_threads);
  std::vector<std::string> errors(k_threads);
  std::vector<std::thread> threads;
  for (int i = 0; i < k_threads; ++i) {
    threads.emplace_back([&, i] {
      auto repo = Repository::open(url);
      if (!repo.ok()) {
        errors[i] = repo.error().message;
        return;
      }
      auto commit = resolve_ref(*repo, "main");
      if (commit.ok()) shas[i] = commit->sha;
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < k_threads; ++i) {
    EXPECT_EQ(errors[i], "");
    EXPECT_EQ(shas[i], c1);
  }
  EXPECT_EQ(entries(repos()),
            (std::vector<std::string>{mirror_name(url), mirror_name(url) + ".lock"}));
  testing::RunResult fsck =
      testing::run({"git", "-C", (repos() / mirror_name(url)).string(), "fsck", "--strict"});
  EXPECT_EQ(fsck.exit_code, 0) << fsck.err;
}

TEST_F(Mirror, ConcurrentProcessesShareOneIntactMirror) {
  std::string c2 = origin.commit({{"app/cm.yaml", "v2\n"}}, "two");
  std::vector<pid_t> children;
  for (int i = 0; i < 3; ++i) {
    pid_t pid = ::fork();
    if (pid == 0) {
      auto repo = Repository::open(url);
      bool ok =
          repo.ok() && resolve_ref(*repo, "main").ok() && resolve_ref(*repo, "main")->sha == c2;
      ::_exit(ok ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  testing::RunResult fsck =
      testing::run({"git", "-C", (repos() / mirror_name(url)).string(), "fsck", "--strict"});
  EXPECT_EQ(fsck.exit_code, 0) << fsck.err;
  EXPECT_EQ(sha(open(url, {.offline = true}), "main"), c2);
}

TEST_F(Mirror, GitDaemonRemoteWorksTheSame) {
  testing::TempDir served;
  testing::RunResult cloned = testing::run({"git", "clone", "-q", "--bare", origin.path().string(),
                                            (served.path() / "app.git").string()});
  ASSERT_EQ(cloned.exit_code, 0) << cloned.err;
  testing::GitDaemon daemon(served.path());
  std::string git_url = daemon.url("app.git");
  Repository repo = open(git_url);
  EXPECT_EQ(repo.display_name(), git_url);
  EXPECT_EQ(sha(repo, "main"), c1);
  EXPECT_EQ(sha(repo, "v1"), c1);
  std::string c2 = origin.commit({{"app/cm.yaml", "v2\n"}}, "two");
  origin.git({"push", "-q", (served.path() / "app.git").string(), "main"});
  EXPECT_EQ(sha(open(git_url, {.offline = true}), "main"), c1);
  EXPECT_EQ(sha(open(git_url), "main"), c2);
  EXPECT_EQ(sha(open(git_url), "origin/main"), c2);
}

TEST_F(Mirror, MessagesAboutARemoteWithCredentialsNeverShowThem) {
  testing::TempDir served;
  testing::RunResult cloned = testing::run({"git", "clone", "-q", "--bare", origin.path().string(),
                                            (served.path() / "app.git").string()});
  ASSERT_EQ(cloned.exit_code, 0) << cloned.err;
  testing::GitDaemon daemon(served.path());
  std::string secret_url = daemon.url("app.git").insert(6, "user:s3cr3t@");
  ASSERT_EQ(secret_url.rfind("git://user:s3cr3t@127.0.0.1:", 0), 0u);
  Repository repo = open(secret_url);
  EXPECT_EQ(repo.display_name(), redact_url(secret_url));
  EXPECT_EQ(sha(repo, "main"), c1);
  auto unknown = resolve_ref(repo, "mian");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, "unknown revision \"mian\" in git://user:***@" +
                                         secret_url.substr(secret_url.find('@') + 1) +
                                         " (did you mean \"main\"?)");
  std::filesystem::path dir = repos() / mirror_name(secret_url);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      EXPECT_EQ(slurp(entry.path()).find("s3cr3t"), std::string::npos) << entry.path();
    }
  }
}

}  // namespace
}  // namespace gitops::git
