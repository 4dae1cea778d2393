// GitDaemon: `git daemon` serving a folder on 127.0.0.1 and a free port for one test, started in
// its own process group and killed (with its children) when the object goes away.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

extern char** environ;

namespace gitops::testing {

class GitDaemon {
 public:
  explicit GitDaemon(const std::filesystem::path& base) : m_port(free_port()) {
    std::vector<std::string> args = {"git",
                                     "daemon",
                                     "--export-all",
                                     "--reuseaddr",
                                     "--base-path=" + base.string(),
                                     "--listen=127.0.0.1",
                                     "--port=" + std::to_string(m_port),
                                     base.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    int rc = posix_spawnp(&m_pid, "git", nullptr, &attr, argv.data(), environ);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
      ADD_FAILURE() << "cannot start git daemon: " << rc;
      m_pid = -1;
      return;
    }
    wait_until_listening();
  }
  ~GitDaemon() {
    if (m_pid <= 0) return;
    ::kill(-m_pid, SIGKILL);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
  }
  GitDaemon(const GitDaemon&) = delete;
  GitDaemon& operator=(const GitDaemon&) = delete;

  std::string url(const std::string& name) const {
    return "git://127.0.0.1:" + std::to_string(m_port) + "/" + name;
  }

 private:
  static int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
  }

  bool accepts_connections() const {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(m_port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
  }

  // Readiness, not timing: poll until the port accepts, failing if the daemon exits first.
  void wait_until_listening() {
    for (int i = 0; i < 3000; ++i) {
      if (accepts_connections()) return;
      int status = 0;
      if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
        ADD_FAILURE() << "git daemon exited before listening";
        m_pid = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "git daemon never listened on port " << m_port;
  }

  int m_port;
  pid_t m_pid = -1;
};

}  // namespace gitops::testing
