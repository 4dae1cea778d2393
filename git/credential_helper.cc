// Environment tokens and `git credential fill` through posix_spawn with pipes.
#include "git/credential_helper.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <vector>

#include "git/redact.h"

extern char** environ;

namespace gitops::git {
namespace {

// The inherited environment with GIT_TERMINAL_PROMPT=0, so the helper never waits on a tty.
std::vector<std::string> child_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "GIT_TERMINAL_PROMPT=", 20) != 0) env.emplace_back(*e);
  }
  env.emplace_back("GIT_TERMINAL_PROMPT=0");
  return env;
}

struct Pipe {
  int fds[2] = {-1, -1};
  ~Pipe() {
    for (int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  }
  void close_end(int i) {
    if (fds[i] >= 0) ::close(fds[i]);
    fds[i] = -1;
  }
};

core::Error spawn_error(int error) {
  return core::Error{core::ErrorKind::source,
                     std::string("running git credential fill: ") + std::strerror(error)};
}

// Starts `git credential fill` (no shell) reading `in` and writing `out`; stderr is dropped.
core::Result<pid_t> spawn_fill(const Pipe& in, const Pipe& out) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fds[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out.fds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> env = child_environment();
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  char arg0[] = "git", arg1[] = "credential", arg2[] = "fill";
  char* argv[] = {arg0, arg1, arg2, nullptr};
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return spawn_error(rc);
  return pid;
}

// Writes `input` to `fd`. A helper that exits early closes its stdin: SIGPIPE is blocked on this
// thread during the write and a pending one is dropped.
void write_input(int fd, const std::string& input) {
  sigset_t pipe_signal, previous;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
  for (std::size_t written = 0; written < input.size();) {
    ssize_t n = ::write(fd, input.data() + written, input.size() - written);
    if (n <= 0 && errno != EINTR) break;
    if (n > 0) written += static_cast<std::size_t>(n);
  }
  struct timespec no_wait {};
  while (::sigtimedwait(&pipe_signal, nullptr, &no_wait) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

std::string read_output(int fd) {
  std::string output;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    output.append(buffer, static_cast<std::size_t>(n));
  }
  return output;
}

// Runs `git credential fill` with `input` on stdin; its stdout, or nullopt on a non-zero exit.
core::Result<std::optional<std::string>> run_fill(const std::string& input) {
  Pipe in, out;
  if (::pipe2(in.fds, O_CLOEXEC) != 0 || ::pipe2(out.fds, O_CLOEXEC) != 0) {
    return spawn_error(errno);
  }
  auto pid = spawn_fill(in, out);
  if (!pid) return pid.error();
  in.close_end(0);
  out.close_end(1);
  write_input(in.fds[1], input);
  in.close_end(1);
  std::string output = read_output(out.fds[0]);
  int status = 0;
  while (::waitpid(*pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::optional<std::string>();
  return std::optional<std::string>(std::move(output));
}

}  // namespace

std::optional<std::string> token_from_environment() {
  for (const char* name : {"GITOPS_GIT_TOKEN", "GIT_TOKEN"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && value[0] != '\0') return std::string(value);
  }
  return std::nullopt;
}

core::Result<std::optional<Credential>> credential_fill(std::string_view url) {
  if (url.find('\n') != std::string_view::npos || url.find('\0') != std::string_view::npos) {
    return core::Error{
        core::ErrorKind::source,
        "asking git for credentials for \"" + redact_url(url) + "\": the URL contains a newline"};
  }
  auto output = run_fill("url=" + std::string(url) + "\n\n");
  if (!output) return output.error();
  if (!output->has_value()) return std::optional<Credential>();
  Credential credential;
  std::istringstream lines(**output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("username=", 0) == 0) credential.username = line.substr(9);
    if (line.rfind("password=", 0) == 0) credential.password = line.substr(9);
  }
  if (credential.password.empty()) return std::optional<Credential>();
  return std::optional<Credential>(std::move(credential));
}

}  // namespace gitops::git
