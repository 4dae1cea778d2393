// Served repositories, background agents, HTTP and history helpers.
#include "tests/support/agent_e2e.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "tests/support/e2e.h"

namespace gitops::testing {

ServedRepo::ServedRepo() {
  run({"git", "init", "-q", "--bare", "-b", "main", (m_served.path() / "repo.git").string()});
  m_daemon = std::make_unique<GitDaemon>(m_served.path().string());
}

std::string ServedRepo::push(const std::map<std::string, std::string>& files,
                             const std::string& message) {
  std::string sha = m_work.commit(files, message);
  m_work.git({"push", "-q", (m_served.path() / "repo.git").string(), "HEAD:refs/heads/main"});
  return sha;
}

std::string ServedRepo::push_removal(const std::vector<std::string>& files, const std::string& message) {
  std::string sha = m_work.remove(files, message);
  m_work.git({"push", "-q", (m_served.path() / "repo.git").string(), "HEAD:refs/heads/main"});
  return sha;
}

std::string ServedRepo::url() const { return m_daemon->url("repo.git"); }

std::unique_ptr<BackgroundProcess> start_agent(const std::vector<std::string>& args,
                                               std::map<std::string, std::string> env) {
  std::filesystem::path binary = required_env("GITOPS_BINARY");
  const char* path = std::getenv("PATH");
  RunOptions options;
  options.env = std::move(env);
  options.env["PATH"] = binary.parent_path().string() + ":" + (path ? path : "/usr/bin:/bin");
  options.env["KUBECONFIG"] = test_kubeconfig();
  options.env["XDG_CACHE_HOME"] =
      (std::filesystem::temp_directory_path() / "kubectl-gitops-test-cache").string();
  std::vector<std::string> argv = {binary.string(), "agent"};
  argv.insert(argv.end(), args.begin(), args.end());
  return std::make_unique<BackgroundProcess>(argv, options);
}

HttpResult http(int port, const std::string& method, const std::string& path,
                const std::map<std::string, std::string>& headers, const std::string& body) {
  HttpResult result;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return result;
  }
  std::string raw = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n";
  for (const auto& [k, v] : headers) raw += k + ": " + v + "\r\n";
  raw += "\r\n" + body;
  (void)!::write(fd, raw.data(), raw.size());
  std::string response;
  char buffer[8192];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
    response.append(buffer, static_cast<size_t>(n));
  ::close(fd);
  if (response.rfind("HTTP/1.1 ", 0) != 0) return result;
  result.status = std::atoi(response.c_str() + 9);
  auto end = response.find("\r\n\r\n");
  if (end != std::string::npos) result.body = response.substr(end + 4);
  return result;
}

std::vector<core::Json> revisions(const std::string& app, const std::string& namespace_) {
  RunResult r = kubectl_gitops({"history", app, "-n", namespace_, "-o", "json"});
  if (r.exit_code != 0) return {};
  core::Json all = core::Json::parse(r.out, nullptr, false);
  if (!all.is_array()) return {};
  return all.get<std::vector<core::Json>>();
}

double metric(const std::string& text, const std::string& series) {
  size_t at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::atof(text.c_str() + at + 1 + series.size() + 1);
}

}  // namespace gitops::testing
