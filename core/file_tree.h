// FileTree: a read-only folder of files, the input of every renderer. Git commits (git/) and
// folders on disk (render/local_tree.h) implement it, so render/ never depends on git/.
// Paths are relative to the tree's root, '/'-separated, without "." or ".." segments; an
// implementation refuses any path or symlink that would leave the root.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gitops::core {

enum class EntryType { file, directory };

struct TreeEntry {
  std::string name;  // base name
  EntryType type = EntryType::file;
  bool executable = false;
};

class FileTree {
 public:
  virtual ~FileTree() = default;

  // The entries of folder `dir` ("" or "." is the root), sorted by name. Symlinks are resolved:
  // one that points inside the tree appears as its target's type; one that leaves it is an error.
  virtual Result<std::vector<TreeEntry>> list(std::string_view dir) const = 0;
  // The bytes of file `path`; an error when it does not exist, is a folder, or leaves the tree.
  virtual Result<std::string> read(std::string_view path) const = 0;
  // Whether `path` exists, and as what; nullopt-like false when absent.
  virtual bool exists(std::string_view path, EntryType* type = nullptr) const = 0;
  // A folder on disk holding exactly this tree's files (for tools that need files, such as
  // kustomize). Git trees export the commit into a private cache folder; disk trees return
  // their own root.
  virtual Result<std::filesystem::path> on_disk() const = 0;
  // For messages: "commit 3f2c1a9 of /repo" or "folder ./app".
  virtual std::string describe() const = 0;
};

// Joins and normalises a tree path: "a/./b/../c" -> "a/c"; an error (kind source) when the result
// would climb above the root, naming `path`.
Result<std::string> normalize_tree_path(std::string_view path);
Result<std::string> join_tree_path(std::string_view base, std::string_view relative);

}  // namespace gitops::core
