// Test support: a Git repository in a temporary folder, built commit by commit with the real git
// CLI, for tests of the Git sources and of end-to-end flows.
#pragma once

#include <filesystem>
#include <map>
#include <vector>
#include <string>

#include "tests/support/process.h"

namespace gitops::testing {

class GitRepo {
 public:
  // `git init -b main` in a new temporary folder, with a fixed author and commit dates so SHAs are
  // reproducible within a test.
  GitRepo();
  const std::filesystem::path& path() const { return m_dir.path(); }
  // Writes files (relative path -> content), `git add -A`, commits with `message`; returns the SHA.
  std::string commit(const std::map<std::string, std::string>& files, const std::string& message);
  // Removes files and commits; returns the SHA.
  std::string remove(const std::vector<std::string>& files, const std::string& message);
  // Writes a file without committing it (work-tree changes that must never leak into renders).
  void write_uncommitted(const std::string& relative, const std::string& content);
  // Runs `git ARGS...` in the repository; fails the test on a non-zero exit; returns stdout trimmed.
  std::string git(const std::vector<std::string>& args);

 private:
  TempDir m_dir;
  int m_clock = 0;
};

}  // namespace gitops::testing
