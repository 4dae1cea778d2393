// ExecCredential parsing and the posix_spawn runner of exec credential plugins.
#include "kube/exec_credential.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <map>
#include <vector>

#include "kube/base64.h"

extern char** environ;

namespace gitops::kube {
namespace {

core::Error cluster_error(std::string message) {
  return core::Error{core::ErrorKind::cluster, std::move(message)};
}

std::string with_hint(std::string message, const ExecConfig& config) {
  if (!config.install_hint.empty()) {
    std::string hint = config.install_hint;
    while (!hint.empty() && (hint.back() == '\n' || hint.back() == ' ')) hint.pop_back();
    for (auto& c : hint) c = c == '\n' ? ' ' : c;
    message += "; " + hint;
  }
  return message;
}

// A pipe whose ends close themselves.
class Pipe {
 public:
  Pipe() {
    if (pipe2(m_fds, O_CLOEXEC) != 0) m_fds[0] = m_fds[1] = -1;
  }
  ~Pipe() { close_both(); }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  bool ok() const { return m_fds[0] >= 0; }
  int read_end() const { return m_fds[0]; }
  int write_end() const { return m_fds[1]; }
  void close_write() {
    if (m_fds[1] >= 0) ::close(m_fds[1]);
    m_fds[1] = -1;
  }
  void close_both() {
    close_write();
    if (m_fds[0] >= 0) ::close(m_fds[0]);
    m_fds[0] = -1;
  }

 private:
  int m_fds[2] = {-1, -1};
};

std::vector<std::string> plugin_environment(const ExecConfig& config, bool interactive) {
  std::map<std::string, std::string> merged;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [k, v] : config.env) merged[k] = v;
  merged["KUBERNETES_EXEC_INFO"] = exec_info(config, interactive);
  std::vector<std::string> out;
  for (const auto& [k, v] : merged) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Reads both pipes until they close.
void drain(int out_fd, int err_fd, std::string& out, std::string& err) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open_count = 2;
  char buffer[16384];
  while (open_count > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        (i == 0 ? out : err).append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) {
    text.pop_back();
  }
  for (auto& c : text) c = c == '\n' ? ' ' : c;
  return text;
}

}  // namespace

std::string_view to_string(InteractiveMode mode) {
  switch (mode) {
    case InteractiveMode::never: return "Never";
    case InteractiveMode::if_available: return "IfAvailable";
    case InteractiveMode::always: return "Always";
  }
  return "IfAvailable";
}

std::string describe_plugin(const ExecConfig& config) {
  return "exec plugin \"" + config.command + "\" of user \"" + config.user_name + "\"";
}

std::optional<TimePoint> parse_rfc3339(std::string_view text) {
  std::tm tm{};
  int consumed = 0;
  std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      consumed != 19) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
  }
  long offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
    offset = 0;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    int hours = 0, minutes = 0;
    if (std::sscanf(s.c_str() + pos + 1, "%2d:%2d", &hours, &minutes) != 2) return std::nullopt;
    offset = (hours * 60L + minutes) * 60L * (s[pos] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  // system_clock counts nanoseconds and ends in 2262: later expiries mean "never".
  const auto limit = std::chrono::duration_cast<std::chrono::seconds>(TimePoint::max().time_since_epoch());
  if (t - offset >= limit.count()) return TimePoint::max();
  return std::chrono::system_clock::from_time_t(t - offset);
}

std::string exec_info(const ExecConfig& config, bool interactive) {
  nlohmann::json info = {{"apiVersion", config.api_version},
                         {"kind", "ExecCredential"},
                         {"spec", {{"interactive", interactive}}}};
  if (config.provide_cluster_info && !config.cluster.is_null()) {
    info["spec"]["cluster"] = config.cluster;
  }
  return info.dump();
}

core::Result<ExecCredential> parse_exec_credential(std::string_view output,
                                                   const ExecConfig& config) {
  const std::string who = describe_plugin(config);
  nlohmann::json doc = nlohmann::json::parse(output, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return cluster_error(who + " printed no JSON ExecCredential");
  }
  const std::string api_version = doc.value("apiVersion", "");
  if (doc.value("kind", "") != "ExecCredential" || api_version != config.api_version) {
    return cluster_error(who + " printed kind \"" + doc.value("kind", "") + "\" apiVersion \"" +
                         api_version + "\", want ExecCredential " + config.api_version);
  }
  const nlohmann::json status = doc.value("status", nlohmann::json::object());
  if (!status.is_object()) return cluster_error(who + " printed an ExecCredential without status");
  ExecCredential cred;
  auto text = [&](const char* key) {
    auto it = status.find(key);
    return it != status.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  cred.token = text("token");
  cred.client_certificate_pem = text("clientCertificateData");
  cred.client_key_pem = text("clientKeyData");
  if (cred.client_certificate_pem.empty() != cred.client_key_pem.empty()) {
    return cluster_error(who + " printed " +
                         (cred.client_key_pem.empty() ? "clientCertificateData without clientKeyData"
                                                      : "clientKeyData without clientCertificateData"));
  }
  if (cred.token.empty() && cred.client_certificate_pem.empty()) {
    return cluster_error(who + " printed an ExecCredential with neither a token nor a client certificate");
  }
  if (const std::string expiry = text("expirationTimestamp"); !expiry.empty()) {
    cred.expiration = parse_rfc3339(expiry);
    if (!cred.expiration) {
      return cluster_error(who + " printed an invalid expirationTimestamp \"" + expiry + "\"");
    }
  }
  return cred;
}

core::Result<ExecCredential> run_exec_plugin(const ExecConfig& config) {
  const std::string who = describe_plugin(config);
  const bool terminal = isatty(STDIN_FILENO) == 1;
  if (config.interactive_mode == InteractiveMode::always && !terminal) {
    return cluster_error(with_hint(who + " needs a terminal (interactiveMode: Always) but standard input is not one", config));
  }
  const bool interactive = terminal && config.interactive_mode != InteractiveMode::never;
  std::string program = config.command;
  if (program.find('/') != std::string::npos && program.front() != '/') {
    program = (config.kubeconfig_dir / program).lexically_normal().string();
  }
  Pipe out, err;
  if (!out.ok() || !err.ok()) return cluster_error(who + ": cannot create a pipe: " + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!interactive) posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end(), 1);
  posix_spawn_file_actions_adddup2(&actions, err.write_end(), 2);
  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), config.args.begin(), config.args.end());
  std::vector<std::string> env_strings = plugin_environment(config, interactive);
  auto argv = c_strings(argv_strings);
  auto envp = c_strings(env_strings);
  pid_t pid = 0;
  const bool search_path = program.find('/') == std::string::npos;
  int rc = search_path ? posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data())
                       : posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return cluster_error(with_hint(who + ": cannot run it: " + std::strerror(rc), config));
  }
  out.close_write();
  err.close_write();
  std::string stdout_text, stderr_text;
  drain(out.read_end(), err.read_end(), stdout_text, stderr_text);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string how = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                        : "signal " + std::to_string(WTERMSIG(status));
    std::string message = who + " failed (" + how + ")";
    if (auto e = trimmed(stderr_text); !e.empty()) message += ": " + e;
    return cluster_error(with_hint(message, config));
  }
  return parse_exec_credential(stdout_text, config);
}

}  // namespace gitops::kube
