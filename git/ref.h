// Resolving a --ref the way `git rev-parse REF^{commit}` does: branches, remote branches
// ("origin/main"), tags (annotated ones peeled to their commit), full and short SHAs, HEAD,
// and the suffixes ~N and ^N. In a remote's mirror "main" is the remote's branch, and
// "origin/main" means it too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "git/commit.h"
#include "git/repository.h"

namespace gitops::git {

// The commit `ref` names in `repo`. Fails (kind source) naming the ref and the repository when
// it is unknown (suggesting near-miss branch or tag names), ambiguous (a short SHA matching
// several objects, or a name that is both a branch and a tag at different commits), or names
// something that is not a commit.
core::Result<Commit> resolve_ref(const Repository& repo, std::string_view ref);

// The short names of every branch, remote branch ("origin/main") and tag in `repo`, sorted.
std::vector<std::string> ref_names(const Repository& repo);

}  // namespace gitops::git
