// Writing a commit's tree to disk for tools that need real files: into
// <cache>/exports/<sha> (folders mode 0700), built under a temporary name and renamed into
// place, so an existing export is always complete and is reused as it is.
// Symlinks: one to a file inside the tree is written as a regular file holding the target's
// bytes; one to a folder inside the tree as a relative symlink to that folder (which stays
// inside the export); links that are dangling, absolute or leave the tree are left out.
// Submodules (gitlinks) are left out.
#pragma once

#include <git2.h>

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace gitops::git {

// The folder holding tree `tree` of commit `sha`, exported now or by an earlier run. Fails
// (kind internal) naming the folder when it cannot be written.
core::Result<std::filesystem::path> export_tree(git_repository* repo, const git_oid& tree,
                                                std::string_view sha,
                                                const std::filesystem::path& cache_dir);

}  // namespace gitops::git
