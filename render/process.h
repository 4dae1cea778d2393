// Running a helper program (kustomize) safely: no shell, standard input from /dev/null, its own
// process group, stdout and stderr captured, and a deadline after which the whole group is killed.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/result.h"

namespace gitops::render {

// How a process run ended.
enum class ProcessEnd { exited, signalled, timed_out };

std::string_view to_string(ProcessEnd end);

struct ProcessResult {
  ProcessEnd end = ProcessEnd::exited;
  int status = 0;  // the exit status, or the signal number when signalled
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up on PATH when it has no '/') with argv, waits at most `timeout`, and
// returns how it ended and what it printed; on timeout its process group has been sent SIGKILL.
// An error (kind source) only when the program cannot be started.
core::Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                        std::chrono::milliseconds timeout);

// What a finished run printed on stderr, without blank lines and carriage returns; "exited with
// status N" when it printed nothing.
std::string stderr_message(const ProcessResult& run);

}  // namespace gitops::render
