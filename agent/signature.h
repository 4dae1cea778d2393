// Webhook authentication: the shared secret proves a request came from the Git host. GitHub and
// Gitea sign the body with HMAC-SHA256 (`X-Hub-Signature-256: sha256=HEX`); GitLab sends the
// secret itself (`X-Gitlab-Token`). Both comparisons take constant time; the secret is never
// part of any message.
#pragma once

#include <string>
#include <string_view>

namespace gitops::agent {

// Lowercase hex of HMAC-SHA256(secret, body).
std::string hmac_sha256_hex(std::string_view secret, std::string_view body);

// Whether `header` is "sha256=" followed by the HMAC-SHA256 of `body` under `secret` (hex in
// either case). False for an empty secret or header.
bool valid_hub_signature(std::string_view secret, std::string_view body, std::string_view header);

// Whether `token` equals `secret` (GitLab's X-Gitlab-Token). False for an empty secret.
bool valid_token(std::string_view secret, std::string_view token);

}  // namespace gitops::agent
