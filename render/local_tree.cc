// LocalTree: resolves tree paths under a canonical root and refuses anything that leaves it. A
// path is checked once with weakly_canonical; only when it lands outside is the path walked again
// to name the symlink responsible.
#include "render/local_tree.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

namespace gitops::render {
namespace fs = std::filesystem;
namespace {

core::Error source_error(std::string message) {
  return core::Error{core::ErrorKind::source, std::move(message)};
}

std::string join(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
}

}  // namespace

LocalTree::LocalTree(fs::path root, std::string display)
    : m_root(std::move(root)), m_display(std::move(display)) {}

core::Result<LocalTree> LocalTree::open(const fs::path& root) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (ec) return source_error("opening folder " + root.string() + ": " + ec.message());
  if (!fs::is_directory(canonical, ec)) {
    return source_error("opening folder " + root.string() + ": not a folder");
  }
  return LocalTree(canonical, root.string());
}

bool LocalTree::inside_root(const fs::path& canonical) const {
  const std::string& root = m_root.native();
  const std::string& path = canonical.native();
  if (path.compare(0, root.size(), root) != 0) return false;
  return path.size() == root.size() || path[root.size()] == '/' || root == "/";
}

core::Status LocalTree::check_inside(const fs::path& full, const std::string& path,
                                     std::string_view doing) const {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(full, ec);
  if (!ec && inside_root(canonical)) return {};
  std::string where = std::string(doing) + " " + path + " in " + describe() + ": ";
  fs::path prefix = m_root;
  std::string relative;
  for (const fs::path& part : fs::path(path)) {
    prefix /= part;
    relative = join(relative, part.string());
    if (!fs::is_symlink(prefix, ec)) continue;
    fs::path target = fs::weakly_canonical(prefix, ec);
    if (ec) {
      return source_error(where + "symlink " + relative + " cannot be resolved: " + ec.message());
    }
    if (!inside_root(target)) {
      return source_error(where + "symlink " + relative + " points outside the tree (to " +
                          target.string() + ")");
    }
  }
  return source_error(where + "the path resolves outside the tree");
}

core::Result<fs::path> LocalTree::resolve(std::string_view path, std::string_view doing) const {
  auto leaves = [&] {
    return source_error(std::string(doing) + " " + std::string(path) + " in " + describe() +
                        ": the path leaves the tree");
  };
  if (!path.empty() && path.front() == '/') return leaves();
  auto normalized = core::normalize_tree_path(path);
  if (!normalized) return leaves();
  const std::string& relative = *normalized;
  if (relative.empty() || relative == ".") return m_root;
  fs::path full = m_root / relative;
  if (auto inside = check_inside(full, relative, doing); !inside) return inside.error();
  return full;
}

core::Result<std::vector<core::TreeEntry>> LocalTree::list(std::string_view dir) const {
  auto full = resolve(dir, "listing");
  if (!full) return full.error();
  auto normalized = core::normalize_tree_path(dir);
  std::string base = normalized && *normalized != "." ? *normalized : "";
  std::error_code ec;
  fs::directory_iterator it(*full, ec);
  if (ec) {
    return source_error("listing " + std::string(dir) + " in " + describe() + ": " + ec.message());
  }
  std::vector<core::TreeEntry> entries;
  for (const fs::directory_entry& entry : it) {
    std::string name = entry.path().filename().string();
    if (name == ".git") continue;
    if (entry.is_symlink(ec)) {
      auto inside = check_inside(entry.path(), join(base, name), "listing");
      if (!inside) return inside.error();
    }
    fs::file_status status = entry.status(ec);
    if (ec) continue;  // a dangling link inside the tree: nothing to read
    if (fs::is_directory(status)) {
      entries.push_back({name, core::EntryType::directory, false});
    } else if (fs::is_regular_file(status)) {
      bool executable = (status.permissions() & fs::perms::owner_exec) != fs::perms::none;
      entries.push_back({name, core::EntryType::file, executable});
    }
  }
  std::sort(entries.begin(), entries.end(),
            [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.name < b.name; });
  return entries;
}

core::Result<std::string> LocalTree::read(std::string_view path) const {
  auto full = resolve(path, "reading");
  if (!full) return full.error();
  std::string where = "reading " + std::string(path) + " in " + describe() + ": ";
  std::error_code ec;
  fs::file_status status = fs::status(*full, ec);
  if (ec || !fs::exists(status)) return source_error(where + "no such file");
  if (fs::is_directory(status)) return source_error(where + "is a folder");
  std::ifstream in(*full, std::ios::binary);
  if (!in) return source_error(where + "cannot open the file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return source_error(where + "read failed");
  return bytes.str();
}

bool LocalTree::exists(std::string_view path, core::EntryType* type) const {
  auto full = resolve(path, "checking");
  if (!full) return false;
  std::error_code ec;
  fs::file_status status = fs::status(*full, ec);
  if (ec) return false;
  if (fs::is_directory(status)) {
    if (type != nullptr) *type = core::EntryType::directory;
    return true;
  }
  if (fs::is_regular_file(status)) {
    if (type != nullptr) *type = core::EntryType::file;
    return true;
  }
  return false;
}

core::Result<fs::path> LocalTree::on_disk() const { return m_root; }

std::string LocalTree::describe() const { return "folder " + m_display; }

}  // namespace gitops::render
