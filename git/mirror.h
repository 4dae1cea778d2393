// Bare mirrors of remote repositories in the cache (repos/<mirror_name(url)>): cloned on first
// use, fetched (every branch and tag, pruned) on each use unless offline. An exclusive file
// lock (repos/<name>.lock) serialises clone and fetch across processes and threads; a clone is
// built under a temporary name and renamed into place, so a killed run leaves no half mirror.
// The URL (and any credential in it) is never written into the mirror's config.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace gitops::git {

struct MirrorOptions {
  std::filesystem::path cache_dir;  // the kubectl-gitops cache root
  bool offline = false;             // use the mirror as it is; fail when there is none
};

// The path of the bare mirror of `url`, brought up to date with the remote unless offline.
// Fails (kind source) naming the redacted URL when the clone or fetch fails, or when offline
// and no mirror exists yet.
core::Result<std::filesystem::path> update_mirror(std::string_view url,
                                                  const MirrorOptions& options);

}  // namespace gitops::git
