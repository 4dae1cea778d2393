// Source folder checks shared by detection and the renderers.
#include "render/source_folder.h"

namespace gitops::render {

core::Result<std::string> normalize_source_path(std::string_view path) {
  auto normalized = path.starts_with('/') ? core::Result<std::string>(core::Error{})
                                          : core::normalize_tree_path(path);
  if (!normalized) {
    return core::Error{core::ErrorKind::source,
                       "source path " + std::string(path) + " leaves the repository"};
  }
  if (*normalized == ".") return std::string();
  return *normalized;
}

core::Result<std::vector<core::TreeEntry>> list_source_folder(const core::FileTree& tree,
                                                              std::string_view path) {
  auto folder = normalize_source_path(path);
  if (!folder) return folder.error();
  std::string shown = folder->empty() ? "." : *folder;
  core::EntryType type = core::EntryType::file;
  if (!tree.exists(*folder, &type)) {
    return core::Error{core::ErrorKind::source,
                       "source path " + shown + " not found in " + tree.describe()};
  }
  if (type != core::EntryType::directory) {
    return core::Error{core::ErrorKind::source,
                       "source path " + shown + " in " + tree.describe() + " is a file, not a folder"};
  }
  return tree.list(*folder);
}

std::string join_path(std::string_view dir, std::string_view name) {
  if (dir.empty() || dir == ".") return std::string(name);
  return std::string(dir) + "/" + std::string(name);
}

}  // namespace gitops::render
