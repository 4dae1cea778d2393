// Tree export with write-then-rename.
#include "git/tree_export.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "git/cache_dir.h"
#include "git/libgit2.h"
#include "git/tree_path.h"
#include "git/tree_resolver.h"

namespace gitops::git {
namespace {

core::Error os_error(std::string_view doing, const std::filesystem::path& path, int error) {
  return core::Error{core::ErrorKind::internal,
                     std::string(doing) + " " + path.string() + ": " + std::strerror(error)};
}

core::Status write_file(const std::filesystem::path& path, const std::string& bytes,
                        bool executable) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  executable ? 0700 : 0600);
  if (fd < 0) return os_error("writing", path, errno);
  std::size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      return os_error("writing", path, saved);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return os_error("writing", path, errno);
  return {};
}

class Exporter {
 public:
  Exporter(git_repository* repo, const git_oid& root) : m_repo(repo), m_resolver(repo, root) {}

  // Writes tree `id` (at `folder` inside the commit) into existing folder `disk`.
  core::Status write_tree(const git_oid& id, const std::string& folder,
                          const std::filesystem::path& disk) const {
    TreeHandle tree;
    if (git_tree_lookup(tree.out(), m_repo, &id) != 0) {
      return libgit2_error(core::ErrorKind::internal, "reading tree " + to_hex(id));
    }
    for (std::size_t i = 0; i < git_tree_entrycount(tree.get()); ++i) {
      const git_tree_entry* entry = git_tree_entry_byindex(tree.get(), i);
      if (auto status = write_entry(entry, folder, disk); !status) return status;
    }
    return {};
  }

 private:
  core::Status write_entry(const git_tree_entry* entry, const std::string& folder,
                           const std::filesystem::path& disk) const {
    std::string name = git_tree_entry_name(entry);
    std::filesystem::path target = disk / name;
    const git_oid& id = *git_tree_entry_id(entry);
    switch (git_tree_entry_filemode(entry)) {
      case GIT_FILEMODE_TREE:
        if (::mkdir(target.c_str(), 0700) != 0) return os_error("creating", target, errno);
        return write_tree(id, join_path(folder, name), target);
      case GIT_FILEMODE_BLOB:
      case GIT_FILEMODE_BLOB_EXECUTABLE:
        return write_blob(id, target,
                          git_tree_entry_filemode(entry) == GIT_FILEMODE_BLOB_EXECUTABLE);
      case GIT_FILEMODE_LINK:
        return write_link(join_path(folder, name), folder, target);
      default:
        return {};  // gitlinks: submodules are not exported
    }
  }

  core::Status write_blob(const git_oid& id, const std::filesystem::path& target,
                          bool executable) const {
    auto bytes = m_resolver.blob(id);
    if (!bytes) return bytes.error();
    return write_file(target, *bytes, executable);
  }

  core::Status write_link(const std::string& path, const std::string& folder,
                          const std::filesystem::path& target) const {
    auto node = m_resolver.resolve(path);
    if (!node || node->kind == NodeKind::absent) return {};  // leaves the tree, or dangling
    if (node->kind == NodeKind::file) return write_blob(node->oid, target, node->executable);
    std::filesystem::path root("/");
    std::filesystem::path relative = (root / node->path).lexically_relative(root / folder);
    if (relative.empty()) relative = ".";
    if (::symlink(relative.c_str(), target.c_str()) != 0) {
      return os_error("creating symlink", target, errno);
    }
    return {};
  }

  git_repository* m_repo;
  TreeResolver m_resolver;
};

}  // namespace

core::Result<std::filesystem::path> export_tree(git_repository* repo, const git_oid& tree,
                                                std::string_view sha,
                                                const std::filesystem::path& cache_dir) {
  std::filesystem::path exports = cache_dir / "exports";
  std::filesystem::path final_dir = exports / std::string(sha);
  if (std::filesystem::is_directory(final_dir)) return final_dir;
  for (const auto& folder : {cache_dir, exports}) {
    if (auto status = ensure_private_dir(folder); !status) return status.error();
  }
  std::string pattern = (exports / (".tmp-" + std::string(sha) + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) return os_error("creating", pattern, errno);
  std::filesystem::path temp = pattern;
  std::error_code ec;
  if (auto status = Exporter(repo, tree).write_tree(tree, "", temp); !status) {
    std::filesystem::remove_all(temp, ec);
    return status.error();
  }
  if (::rename(temp.c_str(), final_dir.c_str()) != 0) {
    int saved = errno;
    std::filesystem::remove_all(temp, ec);
    // Another run finished the same export first: theirs is complete, use it.
    if (std::filesystem::is_directory(final_dir)) return final_dir;
    return os_error("moving export into place at", final_dir, saved);
  }
  return final_dir;
}

}  // namespace gitops::git
