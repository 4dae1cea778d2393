// The history of one folder (or file): the commits that changed it, for `history` and
// `rollback`. A commit changed the path when the path's tree (or blob) id differs from its id in
// every parent; a root commit changed it when the path exists there.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "git/commit.h"
#include "git/repository.h"

namespace gitops::git {

// The commits reachable from `ref` that changed `path` ("" or "." for any change), newest first
// (topological, then by time), at most `limit` of them (0: all). Fails (kind source) when
// `ref` does not resolve or `path` leaves the repository.
core::Result<std::vector<Commit>> log_for_path(const Repository& repo, std::string_view ref,
                                               std::string_view path, std::size_t limit);

}  // namespace gitops::git
