// run_process: posix_spawnp with POSIX_SPAWN_SETPGROUP, a poll loop draining both pipes against a
// steady-clock deadline, and SIGKILL to the process group when the deadline passes.
#include "render/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace gitops::render {
namespace {

using Clock = std::chrono::steady_clock;

// A move-only owner of a file descriptor.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : m_fd(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset();
      m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }
  int get() const { return m_fd; }
  void reset() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }

 private:
  int m_fd = -1;
};

// The spawn attribute and file-action objects, destroyed on every path.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

struct Pipe {
  UniqueFd read;
  UniqueFd write;
};

core::Result<Pipe> make_pipe() {
  std::array<int, 2> fds{};
  if (pipe2(fds.data(), O_CLOEXEC) != 0) {
    return core::Error{core::ErrorKind::internal, std::string("pipe: ") + std::strerror(errno)};
  }
  return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// Reads what is available on `fd` into `sink`; false at end of file or on error.
bool drain(int fd, std::string& sink) {
  std::array<char, 65536> buffer{};
  ssize_t n = ::read(fd, buffer.data(), buffer.size());
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (n <= 0) return false;
  sink.append(buffer.data(), static_cast<std::size_t>(n));
  return true;
}

// Collects stdout and stderr until both close or the deadline passes; true when it passed.
bool collect(UniqueFd& out, UniqueFd& err, ProcessResult& result, Clock::time_point deadline) {
  while (out.get() >= 0 || err.get() >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return true;
    std::array<pollfd, 2> fds{pollfd{out.get(), POLLIN, 0}, pollfd{err.get(), POLLIN, 0}};
    int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) return false;
    if (ready <= 0) continue;
    if (fds[0].revents != 0 && !drain(out.get(), result.out)) out.reset();
    if (fds[1].revents != 0 && !drain(err.get(), result.err)) err.reset();
  }
  return false;
}

// Waits for `pid` until the deadline; true when it was reaped, filling `result`.
bool reap(pid_t pid, ProcessResult& result, Clock::time_point deadline) {
  while (true) {
    int wstatus = 0;
    pid_t done = ::waitpid(pid, &wstatus, WNOHANG);
    if (done == pid) {
      if (WIFSIGNALED(wstatus)) {
        result.end = ProcessEnd::signalled;
        result.status = WTERMSIG(wstatus);
      } else {
        result.end = ProcessEnd::exited;
        result.status = WEXITSTATUS(wstatus);
      }
      return true;
    }
    if (done < 0 && errno != EINTR) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void kill_group(pid_t pid, ProcessResult& result) {
  ::kill(-pid, SIGKILL);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  result.end = ProcessEnd::timed_out;
  result.status = SIGKILL;
}

}  // namespace

std::string_view to_string(ProcessEnd end) {
  switch (end) {
    case ProcessEnd::exited: return "exited";
    case ProcessEnd::signalled: return "signalled";
    case ProcessEnd::timed_out: return "timed_out";
  }
  return "unknown";
}

core::Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                        std::chrono::milliseconds timeout) {
  auto out = make_pipe();
  if (!out) return out.error();
  auto err = make_pipe();
  if (!err) return err.error();
  SpawnSetup setup;
  posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&setup.actions, out->write.get(), 1);
  posix_spawn_file_actions_adddup2(&setup.actions, err->write.get(), 2);
  posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&setup.attributes, 0);

  std::vector<std::string> args = argv;
  std::vector<char*> pointers;
  for (std::string& arg : args) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  pid_t pid = 0;
  int failed = posix_spawnp(&pid, pointers[0], &setup.actions, &setup.attributes, pointers.data(),
                            environ);
  if (failed != 0) {
    return core::Error{core::ErrorKind::source,
                       "cannot start " + argv[0] + ": " + std::strerror(failed)};
  }
  out->write.reset();
  err->write.reset();

  ProcessResult result;
  Clock::time_point deadline = Clock::now() + timeout;
  bool late = collect(out->read, err->read, result, deadline);
  if (late || !reap(pid, result, deadline)) kill_group(pid, result);
  return result;
}

std::string stderr_message(const ProcessResult& run) {
  std::string message;
  std::size_t start = 0;
  while (start < run.err.size()) {
    std::size_t end = run.err.find('\n', start);
    if (end == std::string::npos) end = run.err.size();
    std::string_view line(run.err.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) {
      if (!message.empty()) message += '\n';
      message += line;
    }
    start = end + 1;
  }
  return message.empty() ? "exited with status " + std::to_string(run.status) : message;
}

}  // namespace gitops::render
