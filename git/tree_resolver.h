// TreeResolver: finds a path in a commit's tree, following symlinks the way the kernel would
// (each target relative to the link's folder) but inside the tree only: an absolute target, a
// target that climbs above the root, or more than 40 links in one lookup is an error.
// Submodule entries (gitlinks) are absent: their commits are never fetched.
#pragma once

#include <git2.h>

#include <string>
#include <string_view>

#include "core/result.h"

namespace gitops::git {

enum class NodeKind { absent, file, directory };
std::string_view to_string(NodeKind kind);

struct Node {
  NodeKind kind = NodeKind::absent;
  std::string path;  // where it really is, symlinks followed ("" for the root)
  git_oid oid{};     // the blob or tree
  bool executable = false;
};

class TreeResolver {
 public:
  static constexpr int k_max_links = 40;

  // `repo` must outlive the resolver; `root` is the commit's tree.
  TreeResolver(git_repository* repo, const git_oid& root) : m_repo(repo), m_root(root) {}

  // What normalised `path` is; absent when nothing is there. Fails (kind source) naming the
  // offending symlink and its target when a link leaves the tree or is absolute, or on a loop.
  core::Result<Node> resolve(std::string_view path) const;
  // The bytes of blob `oid`; fails (kind source) when it cannot be read.
  core::Result<std::string> blob(const git_oid& oid) const;

 private:
  git_repository* m_repo;
  git_oid m_root;
};

}  // namespace gitops::git
