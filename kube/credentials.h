// CredentialProvider: the credentials each request carries, from the resolved AuthConfig. Static
// client certificates, tokens and basic auth are constant; a tokenFile is re-read when its mtime
// or size changes; an exec plugin runs on first use and its credential is cached until its
// expirationTimestamp, or until invalidate() after the server answered 401. Thread-safe.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "kube/client_config.h"
#include "kube/exec_credential.h"

namespace gitops::kube {

struct RequestCredentials {
  std::string authorization;  // the Authorization header value ("Bearer ...", "Basic ..."), or ""
  std::string client_certificate_pem;
  std::string client_key_pem;
};

using Clock = std::function<TimePoint()>;

class CredentialProvider {
 public:
  explicit CredentialProvider(AuthConfig auth, ExecRunner runner = run_exec_plugin,
                              Clock clock = [] { return std::chrono::system_clock::now(); });

  // The credentials for the next request; fails when the token file cannot be read or the exec
  // plugin fails.
  core::Result<RequestCredentials> get();

  // Called after a 401: drops cached exec credentials and re-reads the token file. Returns whether
  // a retry may succeed (an exec plugin, or a token file whose token changed).
  bool invalidate();

  // Every secret handed out so far (tokens, passwords, keys): for redaction.
  std::vector<std::string> secrets() const;

  // How many times the exec plugin ran (for tests and -v logs).
  int exec_runs() const;

 private:
  core::Status refresh_token_file(bool force);
  core::Status refresh_exec();
  void remember_secret(const std::string& secret);

  AuthConfig m_auth;
  ExecRunner m_runner;
  Clock m_clock;
  mutable std::mutex m_mutex;
  std::string m_file_token;
  std::filesystem::file_time_type m_file_mtime{};
  std::uintmax_t m_file_size = 0;
  bool m_file_read = false;
  std::optional<ExecCredential> m_exec;
  int m_exec_runs = 0;
  std::vector<std::string> m_secrets;
};

}  // namespace gitops::kube
