// MemoryTree: an in-memory core::FileTree for render tests (files by tree path; folders implied).
#pragma once

#include <map>
#include <set>
#include <string>

#include "core/file_tree.h"

namespace gitops::render {

class MemoryTree final : public core::FileTree {
 public:
  explicit MemoryTree(std::map<std::string, std::string> files) : m_files(std::move(files)) {}

  core::Result<std::vector<core::TreeEntry>> list(std::string_view dir) const override {
    auto folder = core::normalize_tree_path(dir);
    if (!folder) return folder.error();
    std::string prefix = folder->empty() ? "" : *folder + "/";
    std::map<std::string, core::EntryType> found;
    for (const auto& [path, content] : m_files) {
      if (!path.starts_with(prefix)) continue;
      std::string rest = path.substr(prefix.size());
      auto slash = rest.find('/');
      if (slash == std::string::npos) {
        found[rest] = core::EntryType::file;
      } else {
        found[rest.substr(0, slash)] = core::EntryType::directory;
      }
    }
    std::vector<core::TreeEntry> entries;
    for (const auto& [name, type] : found) entries.push_back({name, type, false});
    return entries;
  }
  core::Result<std::string> read(std::string_view path) const override {
    auto normal = core::normalize_tree_path(path);
    if (!normal) return normal.error();
    auto it = m_files.find(*normal);
    if (it == m_files.end()) {
      return core::Error{core::ErrorKind::source, "reading " + *normal + ": no such file"};
    }
    ++m_reads[*normal];
    return it->second;
  }
  bool exists(std::string_view path, core::EntryType* type) const override {
    auto normal = core::normalize_tree_path(path);
    if (!normal) return false;
    if (m_files.count(*normal) != 0) {
      if (type != nullptr) *type = core::EntryType::file;
      return true;
    }
    std::string prefix = normal->empty() ? "" : *normal + "/";
    for (const auto& [file, content] : m_files) {
      if (file.starts_with(prefix)) {
        if (type != nullptr) *type = core::EntryType::directory;
        return true;
      }
    }
    return false;
  }
  core::Result<std::filesystem::path> on_disk() const override {
    return core::Error{core::ErrorKind::internal, "memory trees have no folder on disk"};
  }
  std::string describe() const override { return "memory tree"; }

  // How many times each path was read.
  const std::map<std::string, int>& reads() const { return m_reads; }

 private:
  std::map<std::string, std::string> m_files;
  mutable std::map<std::string, int> m_reads;
};

}  // namespace gitops::render
