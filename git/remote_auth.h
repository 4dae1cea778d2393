// RemoteAuth: the libgit2 callbacks of one connection to a remote. SSH: ssh-agent, then
// ~/.ssh/id_ed25519, then ~/.ssh/id_rsa, with the server's host key checked against
// ~/.ssh/known_hosts (unknown or changed hosts are refused). HTTPS: GITOPS_GIT_TOKEN or
// GIT_TOKEN (user name from the URL, else "x-access-token"), then `git credential fill`.
// TLS certificates are left to libgit2's own verification.
#pragma once

#include <git2.h>

#include <filesystem>
#include <optional>
#include <string>

#include "core/error.h"

namespace gitops::git {

class RemoteAuth {
 public:
  // `url` is the remote as given; `home` holds .ssh/ (empty: $HOME).
  explicit RemoteAuth(std::string url, std::filesystem::path home = {});
  RemoteAuth(const RemoteAuth&) = delete;
  RemoteAuth& operator=(const RemoteAuth&) = delete;

  // libgit2 callbacks whose payload is this object; it must outlive the connection.
  git_remote_callbacks callbacks();
  // Why a callback refused (host key, no usable credential), if one did: a better message for
  // the failed operation than libgit2's.
  const std::optional<core::Error>& refusal() const { return m_refusal; }

 private:
  static int on_credential(git_credential** out, const char* url, const char* username_from_url,
                           unsigned int allowed_types, void* payload);
  static int on_certificate(git_cert* cert, int valid, const char* host, void* payload);
  int ssh_credential(git_credential** out, const char* username);
  int http_credential(git_credential** out, const char* username);
  int check_host_key(const git_cert_hostkey& key, const char* host);

  std::string m_url;
  std::filesystem::path m_ssh_dir;
  int m_ssh_attempt = 0;
  int m_http_attempt = 0;
  std::optional<core::Error> m_refusal;
};

}  // namespace gitops::git
