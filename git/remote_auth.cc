// Credential and host-key callbacks for libgit2 remotes.
#include "git/remote_auth.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "git/credential_helper.h"
#include "git/known_hosts.h"
#include "git/libgit2.h"
#include "git/redact.h"

namespace gitops::git {
namespace {

constexpr const char* k_token_user = "x-access-token";

std::optional<std::string> key_type_name(git_cert_ssh_raw_type_t type) {
  switch (type) {
    case GIT_CERT_SSH_RAW_TYPE_RSA:
      return "ssh-rsa";
    case GIT_CERT_SSH_RAW_TYPE_DSS:
      return "ssh-dss";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_256:
      return "ecdsa-sha2-nistp256";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_384:
      return "ecdsa-sha2-nistp384";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_521:
      return "ecdsa-sha2-nistp521";
    case GIT_CERT_SSH_RAW_TYPE_KEY_ED25519:
      return "ssh-ed25519";
    case GIT_CERT_SSH_RAW_TYPE_UNKNOWN:
      return std::nullopt;
  }
  return std::nullopt;
}

// The port of an ssh:// URL (22 when absent or scp-like).
int ssh_port(std::string_view url) {
  std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) return 22;
  std::string_view authority = url.substr(sep + 3);
  authority = authority.substr(0, authority.find('/'));
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::size_t colon = authority.rfind(':');
  if (colon == std::string_view::npos || authority.find(']', colon) != std::string_view::npos) {
    return 22;
  }
  int port = std::atoi(std::string(authority.substr(colon + 1)).c_str());
  return port > 0 ? port : 22;
}

// `url` without the password of its user-info, for the credential helper.
std::string without_password(std::string_view url) {
  std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) return std::string(url);
  std::size_t at = url.find('@', sep);
  std::size_t colon = url.find(':', sep + 3);
  std::size_t slash = url.find('/', sep + 3);
  if (at == std::string_view::npos || colon == std::string_view::npos || colon > at || at > slash) {
    return std::string(url);
  }
  return std::string(url.substr(0, colon)) + std::string(url.substr(at));
}

std::string read_file_or_empty(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

RemoteAuth::RemoteAuth(std::string url, std::filesystem::path home) : m_url(std::move(url)) {
  ensure_libgit2();
  if (home.empty()) {
    const char* env_home = std::getenv("HOME");
    home = env_home != nullptr ? env_home : "";
  }
  m_ssh_dir = home / ".ssh";
}

git_remote_callbacks RemoteAuth::callbacks() {
  git_remote_callbacks callbacks = GIT_REMOTE_CALLBACKS_INIT;
  callbacks.credentials = &RemoteAuth::on_credential;
  callbacks.certificate_check = &RemoteAuth::on_certificate;
  callbacks.payload = this;
  return callbacks;
}

int RemoteAuth::on_credential(git_credential** out, const char* /*url*/,
                              const char* username_from_url, unsigned int allowed_types,
                              void* payload) {
  auto* self = static_cast<RemoteAuth*>(payload);
  if ((allowed_types & GIT_CREDENTIAL_USERNAME) != 0) {
    return git_credential_username_new(out, username_from_url ? username_from_url : "git");
  }
  if ((allowed_types & GIT_CREDENTIAL_SSH_KEY) != 0) {
    return self->ssh_credential(out, username_from_url ? username_from_url : "git");
  }
  if ((allowed_types & GIT_CREDENTIAL_USERPASS_PLAINTEXT) != 0) {
    return self->http_credential(out, username_from_url);
  }
  self->m_refusal = core::Error{core::ErrorKind::source,
                                "authenticating to " + redact_url(self->m_url) +
                                    ": the server asks for an unsupported credential type"};
  return GIT_EUSER;
}

int RemoteAuth::ssh_credential(git_credential** out, const char* username) {
  // Attempt 0: the agent; then each key file that exists, in order.
  if (m_ssh_attempt == 0) {
    ++m_ssh_attempt;
    const char* sock = std::getenv("SSH_AUTH_SOCK");
    if (sock != nullptr && sock[0] != '\0') return git_credential_ssh_key_from_agent(out, username);
  }
  static constexpr const char* k_keys[] = {"id_ed25519", "id_rsa"};
  while (m_ssh_attempt <= 2) {
    std::filesystem::path key = m_ssh_dir / k_keys[m_ssh_attempt - 1];
    ++m_ssh_attempt;
    if (!std::filesystem::exists(key)) continue;
    std::filesystem::path pub = key.string() + ".pub";
    bool has_pub = std::filesystem::exists(pub);
    return git_credential_ssh_key_new(out, username, has_pub ? pub.c_str() : nullptr, key.c_str(),
                                      nullptr);
  }
  m_refusal = core::Error{
      core::ErrorKind::source,
      "authenticating to " + redact_url(m_url) + ": no SSH key was accepted (tried ssh-agent, " +
          (m_ssh_dir / "id_ed25519").string() + ", " + (m_ssh_dir / "id_rsa").string() + ")"};
  return GIT_EUSER;
}

int RemoteAuth::http_credential(git_credential** out, const char* username) {
  if (m_http_attempt == 0) {
    ++m_http_attempt;
    if (auto token = token_from_environment()) {
      return git_credential_userpass_plaintext_new(out, username ? username : k_token_user,
                                                   token->c_str());
    }
  }
  if (m_http_attempt == 1) {
    ++m_http_attempt;
    auto filled = credential_fill(without_password(m_url));
    if (filled.ok() && filled->has_value()) {
      const Credential& credential = **filled;
      return git_credential_userpass_plaintext_new(out, credential.username.c_str(),
                                                   credential.password.c_str());
    }
  }
  m_refusal = core::Error{core::ErrorKind::source,
                          "authenticating to " + redact_url(m_url) +
                              ": no credential was accepted (set GITOPS_GIT_TOKEN, or configure "
                              "a git credential helper)"};
  return GIT_EUSER;
}

int RemoteAuth::on_certificate(git_cert* cert, int /*valid*/, const char* host, void* payload) {
  auto* self = static_cast<RemoteAuth*>(payload);
  if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2) return GIT_PASSTHROUGH;
  return self->check_host_key(*reinterpret_cast<git_cert_hostkey*>(cert), host ? host : "");
}

int RemoteAuth::check_host_key(const git_cert_hostkey& key, const char* host) {
  int port = ssh_port(m_url);
  std::optional<std::string> type;
  if ((key.type & GIT_CERT_SSH_RAW) != 0) type = key_type_name(key.raw_type);
  if (!type) {
    m_refusal = core::Error{core::ErrorKind::source,
                            std::string("refusing SSH host \"") + host +
                                "\": its host key type cannot be checked against known_hosts"};
    return GIT_ECERTIFICATE;
  }
  HostKey offered{*type, base64_encode(std::string_view(key.hostkey, key.hostkey_len))};
  std::filesystem::path file = m_ssh_dir / "known_hosts";
  HostKeyStatus status = check_known_hosts(read_file_or_empty(file), host, port, offered);
  if (status == HostKeyStatus::trusted) return 0;
  m_refusal = host_key_error(status, host, port, offered, file);
  return GIT_ECERTIFICATE;
}

}  // namespace gitops::git
