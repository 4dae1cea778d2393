// Test support for long-running programs (the agent, git daemon): started in the background in
// their own process group with stdout and stderr going to files the test reads while they run;
// signalled, awaited with a deadline, killed at the end of the test. Plus polling and free ports.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace gitops::testing {

class BackgroundProcess {
 public:
  // Starts argv (argv[0] looked up on options.env PATH, else this process's PATH).
  BackgroundProcess(const std::vector<std::string>& argv, const RunOptions& options = {});
  ~BackgroundProcess();  // SIGKILL to the process group when still running
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return m_pid; }
  // Sends `sig` to the process (not its group).
  void signal(int sig);
  // The exit code (128 + signal when killed) once it ended, or nullopt after `timeout`.
  std::optional<int> wait_for(std::chrono::seconds timeout);
  bool running();
  // What it wrote so far.
  std::string out() const;
  std::string err() const;

 private:
  TempDir m_dir;
  pid_t m_pid = -1;
  std::optional<int> m_exit;
};

// Calls `condition` every 100 ms until it returns true (true) or `timeout` passes (false).
bool eventually(const std::function<bool()>& condition, std::chrono::seconds timeout);

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_port();

// `git daemon` on a free loopback port exporting every repository under `base`.
class GitDaemon {
 public:
  explicit GitDaemon(const std::string& base);
  // git://127.0.0.1:PORT/NAME
  std::string url(const std::string& name) const;

 private:
  int m_port;
  std::unique_ptr<BackgroundProcess> m_process;
};

}  // namespace gitops::testing
