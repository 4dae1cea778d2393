// Repository: an open Git repository, local (a folder inside a work tree, or a bare repository,
// found by searching upwards like git does) or the cached bare mirror of a remote URL.
// Everything read from it comes from the object database; the work tree is never looked at.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"
#include "git/libgit2.h"
#include "git/location.h"

namespace gitops::git {

struct OpenOptions {
  bool offline = false;             // remotes: use the cached mirror without fetching
  std::filesystem::path cache_dir;  // empty: default_cache_dir()
};

class Repository {
 public:
  // Opens `location` (see classify_location): a local path directly, a remote through its
  // cached mirror (cloned or fetched first unless offline). Fails with kind usage for a refused
  // location, kind source when there is no repository there or the clone/fetch fails.
  static core::Result<Repository> open(std::string_view location, const OpenOptions& options = {});

  // For messages: the work tree (or bare repository) folder, or the redacted URL of a remote.
  const std::string& display_name() const { return m_display_name; }
  // The .git folder (or the bare repository / mirror folder).
  const std::filesystem::path& git_dir() const { return m_git_dir; }
  // remote: a mirror whose branches are the remote's branches.
  LocationKind kind() const { return m_kind; }
  git_repository* raw() const { return m_repo.get(); }

 private:
  Repository(RepositoryHandle repo, std::string display_name, LocationKind kind);
  RepositoryHandle m_repo;
  std::string m_display_name;
  std::filesystem::path m_git_dir;
  LocationKind m_kind;
};

}  // namespace gitops::git
