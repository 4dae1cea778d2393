// Test helpers for the chart layer: an in-memory core::FileTree built from a path -> content map,
// and a .tgz builder (libarchive) for chart archives, including hostile entries.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/file_tree.h"

namespace gitops::render::helm::testing {

class MemoryTree final : public core::FileTree {
 public:
  explicit MemoryTree(std::map<std::string, std::string> files) : m_files(std::move(files)) {}

  core::Result<std::vector<core::TreeEntry>> list(std::string_view dir) const override {
    std::string prefix = dir.empty() || dir == "." ? "" : std::string(dir) + "/";
    std::map<std::string, core::EntryType> names;
    for (const auto& [path, data] : m_files) {
      if (path.rfind(prefix, 0) != 0) continue;
      std::string rest = path.substr(prefix.size());
      auto slash = rest.find('/');
      names[rest.substr(0, slash)] =
          slash == std::string::npos ? core::EntryType::file : core::EntryType::directory;
    }
    std::vector<core::TreeEntry> out;
    for (const auto& [name, type] : names) out.push_back(core::TreeEntry{name, type});
    return out;
  }
  core::Result<std::string> read(std::string_view path) const override {
    auto it = m_files.find(std::string(path));
    if (it == m_files.end()) {
      return core::Error{core::ErrorKind::source, "no file " + std::string(path)};
    }
    return it->second;
  }
  bool exists(std::string_view path, core::EntryType* type) const override {
    std::string p(path);
    if (p == "." || p.empty() || m_files.count(p)) {
      if (type) *type = m_files.count(p) ? core::EntryType::file : core::EntryType::directory;
      return true;
    }
    for (const auto& [name, data] : m_files) {
      if (name.rfind(p + "/", 0) == 0) {
        if (type) *type = core::EntryType::directory;
        return true;
      }
    }
    return false;
  }
  core::Result<std::filesystem::path> on_disk() const override {
    return core::Error{core::ErrorKind::internal, "memory tree"};
  }
  std::string describe() const override { return "memory tree"; }

 private:
  std::map<std::string, std::string> m_files;
};

struct TarEntry {
  std::string name;
  std::string data;
  int type = AE_IFREG;
  std::string link;  // hard link target when set
};

// A gzip-compressed tar of `entries`.
inline std::string make_tgz(const std::vector<TarEntry>& entries) {
  std::string out;
  archive* a = archive_write_new();
  archive_write_add_filter_gzip(a);
  archive_write_set_format_pax_restricted(a);
  archive_write_open(
      a, &out, nullptr,
      [](archive*, void* client, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(client)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr);
  for (const auto& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_filetype(entry, static_cast<unsigned>(e.type));
    archive_entry_set_perm(entry, 0644);
    if (!e.link.empty()) archive_entry_set_hardlink(entry, e.link.c_str());
    archive_entry_set_size(entry, e.type == AE_IFREG && e.link.empty()
                                      ? static_cast<la_int64_t>(e.data.size())
                                      : 0);
    archive_write_header(a, entry);
    if (e.type == AE_IFREG && e.link.empty()) archive_write_data(a, e.data.data(), e.data.size());
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

}  // namespace gitops::render::helm::testing
