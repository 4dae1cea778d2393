// GitRepo: drives the git CLI with a fixed identity and clock.
#include "tests/support/git_repo.h"

#include <gtest/gtest.h>

namespace gitops::testing {

GitRepo::GitRepo() {
  git({"init", "-q", "-b", "main"});
}

std::string GitRepo::git(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"git", "-C", path().string(), "-c", "user.name=Test Author",
                                   "-c", "user.email=test@example.com", "-c",
                                   "commit.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string date = std::to_string(1700000000 + 60 * m_clock) + " +0000";
  RunResult r = run(argv, {.env = {{"GIT_AUTHOR_DATE", date}, {"GIT_COMMITTER_DATE", date},
                                   {"GIT_CONFIG_NOSYSTEM", "1"}, {"HOME", path().string()}}});
  EXPECT_EQ(r.exit_code, 0) << "git failed: " << r.err;
  while (!r.out.empty() && (r.out.back() == '\n' || r.out.back() == ' ')) r.out.pop_back();
  return r.out;
}

std::string GitRepo::commit(const std::map<std::string, std::string>& files,
                            const std::string& message) {
  for (const auto& [name, content] : files) m_dir.write(name, content);
  ++m_clock;
  git({"add", "-A"});
  git({"commit", "-q", "--allow-empty", "-m", message});
  return git({"rev-parse", "HEAD"});
}

std::string GitRepo::remove(const std::vector<std::string>& files, const std::string& message) {
  for (const auto& f : files) std::filesystem::remove_all(path() / f);
  ++m_clock;
  git({"add", "-A"});
  git({"commit", "-q", "--allow-empty", "-m", message});
  return git({"rev-parse", "HEAD"});
}

void GitRepo::write_uncommitted(const std::string& relative, const std::string& content) {
  m_dir.write(relative, content);
}

}  // namespace gitops::testing
