// The private cache this module keeps on disk: ${XDG_CACHE_HOME:-~/.cache}/kubectl-gitops, with
// repos/ (bare mirrors of remotes) and exports/ (commit trees written out for tools).
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace gitops::git {

// $XDG_CACHE_HOME/kubectl-gitops when XDG_CACHE_HOME is an absolute path, else
// $HOME/.cache/kubectl-gitops; fails (kind usage) when neither is set. Creates nothing.
core::Result<std::filesystem::path> default_cache_dir();

// Creates `dir` and its missing parents; `dir` itself gets mode 0700. Fails (kind internal)
// naming the folder when it cannot be created or is not a folder.
core::Status ensure_private_dir(const std::filesystem::path& dir);

}  // namespace gitops::git
