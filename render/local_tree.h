// LocalTree: a core::FileTree over a folder on disk, for `--local DIR` and tests. Every access is
// confined to the folder: `..` segments that climb above it and symlinks that leave it (directly or
// through a chain of links) are refused with an error naming the path or the link.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_tree.h"

namespace gitops::render {

class LocalTree final : public core::FileTree {
 public:
  // A tree over folder `root`; an error (kind source) when it does not exist or is not a folder.
  static core::Result<LocalTree> open(const std::filesystem::path& root);

  // Entries sorted by name; symlinks inside the tree appear as their target's type, ".git" and
  // entries that are neither files nor folders (sockets, dangling links) are left out.
  core::Result<std::vector<core::TreeEntry>> list(std::string_view dir) const override;
  core::Result<std::string> read(std::string_view path) const override;
  bool exists(std::string_view path, core::EntryType* type = nullptr) const override;
  // The canonical root folder.
  core::Result<std::filesystem::path> on_disk() const override;
  // "folder ROOT", ROOT as given to open().
  std::string describe() const override;

 private:
  LocalTree(std::filesystem::path root, std::string display);
  // The on-disk path of tree path `path` (normalised), after checking that neither `..` nor a
  // symlink takes it out of the root; `doing` names the operation for messages.
  core::Result<std::filesystem::path> resolve(std::string_view path, std::string_view doing) const;
  // An error when on-disk `full` (for tree path `path`) resolves outside the root.
  core::Status check_inside(const std::filesystem::path& full, const std::string& path,
                            std::string_view doing) const;
  bool inside_root(const std::filesystem::path& canonical) const;

  std::filesystem::path m_root;  // canonical
  std::string m_display;
};

}  // namespace gitops::render
