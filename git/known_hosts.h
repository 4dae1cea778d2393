// SSH host key verification against an OpenSSH known_hosts file: plain, comma-separated,
// wildcard (*, ?), negated (!) and hashed (|1|salt|hash) host patterns, [host]:port entries for
// non-default ports, and @revoked markers (@cert-authority lines are ignored: no CA support).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"

namespace gitops::git {

enum class HostKeyStatus { trusted, unknown_host, mismatch, revoked };
std::string_view to_string(HostKeyStatus status);

struct HostKey {
  std::string type;    // as known_hosts spells it: "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256"
  std::string base64;  // the key blob, base64 as in known_hosts
};

// How `key`, offered by `host` on `port`, stands in `known_hosts` (the file's text): trusted
// when an entry for the host holds this key; revoked when a @revoked line holds it; mismatch
// when the host is listed with other keys of the same type; unknown_host otherwise.
HostKeyStatus check_known_hosts(std::string_view known_hosts, std::string_view host, int port,
                                const HostKey& key);

// The error (kind source) for a host key that is not trusted, naming the host and the file.
core::Error host_key_error(HostKeyStatus status, std::string_view host, int port,
                           const HostKey& key, const std::filesystem::path& known_hosts_file);

// Base64 (with padding) of `bytes`, as known_hosts writes key blobs.
std::string base64_encode(std::string_view bytes);

}  // namespace gitops::git
