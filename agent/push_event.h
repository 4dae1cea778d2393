// Push events from Git hosts: which repository and branch a webhook payload names (GitHub,
// Gitea and Gogs send `ref` and `repository.{clone_url,ssh_url,git_url,html_url}`; GitLab sends
// `ref` and `project.{git_http_url,git_ssh_url,web_url}`; Bitbucket Server sends `changes` and
// `repository.links.clone`), and whether an app watches it. Repository URLs are compared after
// normalisation, so https://host/o/r.git, git@host:o/r and ssh://git@host/o/r are one repository.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/object.h"
#include "core/result.h"

namespace gitops::agent {

struct PushEvent {
  std::vector<std::string> repo_urls;  // every URL the payload gives for the repository
  std::vector<std::string> branches;   // "main" for refs/heads/main; tags are not branches
  std::string default_branch;          // when the payload says
};

// The event in a JSON payload. Fails (kind usage) on invalid JSON or a payload that names no
// repository URL or no ref ("the payload names no repository").
core::Result<PushEvent> parse_push_event(std::string_view body);

// "host/owner/repo": scheme, user, port-less scp syntax, trailing ".git" and "/" removed, host
// lowercased. Local paths are returned cleaned of a trailing "/" and ".git".
std::string normalize_repo_url(std::string_view url);

// Whether an app on `repo` at `ref` (as given in its spec: "main", "refs/heads/main",
// "origin/main", or "HEAD" = the default branch) is affected by `event`.
bool push_matches(const PushEvent& event, const std::string& repo, const std::string& ref);

}  // namespace gitops::agent
