// CommitTree: the files of one commit as a core::FileTree, read from the object database only;
// the work tree (and anything uncommitted in it) is never looked at. Symlinks are followed
// inside the tree (see tree_resolver.h): a link that leaves it, or is absolute, is an error
// naming it; dangling links and submodules (gitlinks) are absent. on_disk() exports the
// commit once per SHA into the private cache (see tree_export.h).
// Not for concurrent use from several threads (one libgit2 repository handle inside).
#pragma once

#include <git2.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_tree.h"
#include "core/result.h"
#include "git/commit.h"
#include "git/libgit2.h"
#include "git/repository.h"

namespace gitops::git {

struct CommitTreeOptions {
  std::filesystem::path cache_dir;  // where on_disk() exports; empty: default_cache_dir()
};

class CommitTree final : public core::FileTree {
 public:
  // The tree of `commit` in `repo` (which may be closed afterwards). Fails (kind source) when
  // the commit cannot be read.
  static core::Result<CommitTree> open(const Repository& repo, const Commit& commit,
                                       const CommitTreeOptions& options = {});

  core::Result<std::vector<core::TreeEntry>> list(std::string_view dir) const override;
  core::Result<std::string> read(std::string_view path) const override;
  bool exists(std::string_view path, core::EntryType* type = nullptr) const override;
  core::Result<std::filesystem::path> on_disk() const override;
  // "commit 3f2c1a9 of /path/repo" (or of the redacted URL).
  std::string describe() const override;

  const Commit& commit() const { return m_commit; }

 private:
  CommitTree(RepositoryHandle repo, const git_oid& tree, Commit commit, std::string origin,
             std::filesystem::path cache_dir);
  core::Error failure(std::string_view doing, std::string_view path, std::string message) const;

  RepositoryHandle m_repo;
  git_oid m_tree;
  Commit m_commit;
  std::string m_origin;
  std::filesystem::path m_cache_dir;
};

// The normalised folder `path` (--path) inside `tree`: fails (kind source) naming it when it
// leaves the repository with "..", is absolute, or is not a folder of the tree.
core::Result<std::string> source_folder(const core::FileTree& tree, std::string_view path);

}  // namespace gitops::git
