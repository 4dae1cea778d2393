// Credentials for HTTPS remotes from outside the repository: a token in the environment, or
// the user's Git credential helper (`git credential fill`, run without a shell). What they
// return is handed to libgit2 only; it never appears in a message.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gitops::git {

struct Credential {
  std::string username;
  std::string password;
};

// The token in GITOPS_GIT_TOKEN, else GIT_TOKEN; nullopt when both are unset or empty.
std::optional<std::string> token_from_environment();

// Asks `git credential fill` for `url` (given without a password) with terminal prompts off;
// nullopt when git has no credential for it. Fails (kind source) only when git cannot be run.
core::Result<std::optional<Credential>> credential_fill(std::string_view url);

}  // namespace gitops::git
