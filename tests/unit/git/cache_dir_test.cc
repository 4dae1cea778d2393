// The cache folder location, private folder creation, and lock file failures.
#include "git/cache_dir.h"

#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "git/file_lock.h"
#include "tests/support/process.h"
#include "tests/unit/git/scoped_env.h"

namespace gitops::git {
namespace {

TEST(DefaultCacheDir, PrefersAnAbsoluteXdgCacheHome) {
  testing::ScopedEnv env;
  env.set("XDG_CACHE_HOME", "/xdg/cache");
  env.set("HOME", "/home/u");
  EXPECT_EQ(*default_cache_dir(), "/xdg/cache/kubectl-gitops");
}

TEST(DefaultCacheDir, FallsBackToHomeWhenXdgIsUnsetOrRelative) {
  testing::ScopedEnv env;
  env.set("HOME", "/home/u");
  env.unset("XDG_CACHE_HOME");
  EXPECT_EQ(*default_cache_dir(), "/home/u/.cache/kubectl-gitops");
  env.set("XDG_CACHE_HOME", "relative/cache");
  EXPECT_EQ(*default_cache_dir(), "/home/u/.cache/kubectl-gitops");
}

TEST(DefaultCacheDir, FailsWithoutHome) {
  testing::ScopedEnv env;
  env.unset("XDG_CACHE_HOME");
  env.unset("HOME");
  auto dir = default_cache_dir();
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(dir.error().message,
            "finding the cache folder: neither XDG_CACHE_HOME nor HOME is set");
}

TEST(EnsurePrivateDir, CreatesParentsAndAMode0700Folder) {
  testing::TempDir root;
  std::filesystem::path dir = root.path() / "a" / "b" / "kubectl-gitops";
  ASSERT_TRUE(ensure_private_dir(dir).ok());
  struct stat st {};
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_TRUE(ensure_private_dir(dir).ok());
}

TEST(EnsurePrivateDir, FailsWhenAFileIsInTheWay) {
  testing::TempDir root;
  std::filesystem::path file = root.write("cache", "not a folder");
  auto status = ensure_private_dir(file);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, core::ErrorKind::internal);
  EXPECT_EQ(status.error().message,
            "creating folder " + file.string() + ": exists and is not a folder");
}

TEST(FileLock, FailsNamingTheLockFile) {
  testing::TempDir root;
  std::filesystem::path path = root.path() / "missing" / "x.lock";
  auto lock = FileLock::acquire(path);
  ASSERT_FALSE(lock.ok());
  EXPECT_EQ(lock.error().kind, core::ErrorKind::internal);
  EXPECT_EQ(lock.error().message,
            "opening lock file " + path.string() + ": No such file or directory");
}

TEST(FileLock, IsHeldUntilReleased) {
  testing::TempDir root;
  std::filesystem::path path = root.path() / "x.lock";
  auto lock = FileLock::acquire(path);
  ASSERT_TRUE(lock.ok()) << lock.error().message;
  // flock(1) -n fails at once while we hold the lock, and succeeds after we release it.
  EXPECT_EQ(testing::run({"flock", "-n", path.string(), "true"}).exit_code, 1);
  { FileLock released = std::move(*lock); }
  EXPECT_EQ(testing::run({"flock", "-n", path.string(), "true"}).exit_code, 0);
}

}  // namespace
}  // namespace gitops::git
