// Test support: run a program as a subprocess and capture what it did, and make temporary folders
// and Git repositories. Used by integration and end-to-end tests to drive real binaries.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gitops::testing {

struct RunResult {
  int exit_code = -1;  // 128 + signal when killed by a signal
  std::string out;
  std::string err;
};

struct RunOptions {
  std::filesystem::path cwd;                  // empty: the current folder
  std::map<std::string, std::string> env;     // added to (or replacing in) the inherited environment
  std::vector<std::string> unset_env;         // removed from the inherited environment
  std::optional<std::string> input;           // standard input; /dev/null when absent
  int timeout_seconds = 300;                  // killed (SIGKILL to its process group) after this
};

// Runs argv[0] (looked up on PATH) without a shell. Never throws for a failing program.
RunResult run(const std::vector<std::string>& argv, const RunOptions& options = {});

// A fresh private folder under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  // Writes `content` to path()/relative, creating parent folders.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path m_path;
};

// The value of environment variable `name`; fails the calling test (ADD_FAILURE) when unset.
std::string required_env(const char* name);

}  // namespace gitops::testing
