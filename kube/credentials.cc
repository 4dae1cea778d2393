// Credential selection and caching (token file by mtime, exec plugin by expiry).
#include "kube/credentials.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "kube/base64.h"

namespace gitops::kube {

CredentialProvider::CredentialProvider(AuthConfig auth, ExecRunner runner, Clock clock)
    : m_auth(std::move(auth)), m_runner(std::move(runner)), m_clock(std::move(clock)) {
  remember_secret(m_auth.token);
  remember_secret(m_auth.password);
  remember_secret(m_auth.client_key_pem);
  if (!m_auth.username.empty() || !m_auth.password.empty()) {
    remember_secret(base64_encode(m_auth.username + ":" + m_auth.password));
  }
}

void CredentialProvider::remember_secret(const std::string& secret) {
  if (secret.empty()) return;
  if (std::find(m_secrets.begin(), m_secrets.end(), secret) == m_secrets.end()) {
    m_secrets.push_back(secret);
  }
}

core::Status CredentialProvider::refresh_token_file(bool force) {
  std::error_code ec;
  const auto mtime = std::filesystem::last_write_time(m_auth.token_file, ec);
  const auto size = ec ? 0 : std::filesystem::file_size(m_auth.token_file, ec);
  if (ec) {
    return core::Error{core::ErrorKind::cluster,
                       "cannot read token file " + m_auth.token_file.string() + ": " + ec.message()};
  }
  if (!force && m_file_read && mtime == m_file_mtime && size == m_file_size) return {};
  std::ifstream in(m_auth.token_file, std::ios::binary);
  if (!in) {
    return core::Error{core::ErrorKind::cluster, "cannot read token file " +
                                                     m_auth.token_file.string() + ": " +
                                                     std::strerror(errno)};
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
    token.pop_back();
  }
  m_file_token = std::move(token);
  m_file_mtime = mtime;
  m_file_size = size;
  m_file_read = true;
  remember_secret(m_file_token);
  return {};
}

core::Status CredentialProvider::refresh_exec() {
  if (m_exec && (!m_exec->expiration || m_clock() < *m_exec->expiration)) return {};
  m_exec.reset();
  ++m_exec_runs;
  auto cred = m_runner(*m_auth.exec);
  if (!cred) return cred.error();
  remember_secret(cred->token);
  remember_secret(cred->client_key_pem);
  m_exec = std::move(*cred);
  return {};
}

core::Result<RequestCredentials> CredentialProvider::get() {
  std::lock_guard lock(m_mutex);
  RequestCredentials out;
  out.client_certificate_pem = m_auth.client_certificate_pem;
  out.client_key_pem = m_auth.client_key_pem;
  if (m_auth.exec) {
    if (auto s = refresh_exec(); !s) return s.error();
    if (!m_exec->token.empty()) out.authorization = "Bearer " + m_exec->token;
    if (!m_exec->client_certificate_pem.empty()) {
      out.client_certificate_pem = m_exec->client_certificate_pem;
      out.client_key_pem = m_exec->client_key_pem;
    }
    return out;
  }
  if (!m_auth.token.empty()) {
    out.authorization = "Bearer " + m_auth.token;
  } else if (!m_auth.token_file.empty()) {
    if (auto s = refresh_token_file(false); !s) return s.error();
    if (!m_file_token.empty()) out.authorization = "Bearer " + m_file_token;
  } else if (!m_auth.username.empty() || !m_auth.password.empty()) {
    out.authorization = "Basic " + base64_encode(m_auth.username + ":" + m_auth.password);
  }
  return out;
}

bool CredentialProvider::invalidate() {
  std::lock_guard lock(m_mutex);
  if (m_auth.exec) {
    m_exec.reset();
    return true;
  }
  if (m_auth.token.empty() && !m_auth.token_file.empty()) {
    const std::string before = m_file_token;
    if (!refresh_token_file(true)) return false;
    return m_file_token != before;
  }
  return false;
}

std::vector<std::string> CredentialProvider::secrets() const {
  std::lock_guard lock(m_mutex);
  return m_secrets;
}

int CredentialProvider::exec_runs() const {
  std::lock_guard lock(m_mutex);
  return m_exec_runs;
}

}  // namespace gitops::kube
