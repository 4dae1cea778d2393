// FileTree over a commit's tree.
#include "git/commit_tree.h"

#include <algorithm>
#include <optional>

#include "core/file_tree.h"
#include "git/cache_dir.h"
#include "git/tree_export.h"
#include "git/tree_path.h"
#include "git/tree_resolver.h"

namespace gitops::git {
namespace {

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

// The entry for one child of a folder, symlinks resolved; nullopt when it is absent.
core::Result<std::optional<core::TreeEntry>> child_entry(const TreeResolver& resolver,
                                                         const std::string& folder,
                                                         const git_tree_entry* entry) {
  std::string name = git_tree_entry_name(entry);
  git_filemode_t mode = git_tree_entry_filemode(entry);
  core::TreeEntry out{name, core::EntryType::file, mode == GIT_FILEMODE_BLOB_EXECUTABLE};
  if (mode == GIT_FILEMODE_TREE) out.type = core::EntryType::directory;
  if (mode == GIT_FILEMODE_COMMIT) return std::optional<core::TreeEntry>();
  if (mode != GIT_FILEMODE_LINK) return std::optional<core::TreeEntry>(out);
  auto node = resolver.resolve(join_path(folder, name));
  if (!node) return node.error();
  if (node->kind == NodeKind::absent) return std::optional<core::TreeEntry>();
  out.type = node->kind == NodeKind::directory ? core::EntryType::directory : core::EntryType::file;
  out.executable = node->executable;
  return std::optional<core::TreeEntry>(out);
}

}  // namespace

CommitTree::CommitTree(RepositoryHandle repo, const git_oid& tree, Commit commit,
                       std::string origin, std::filesystem::path cache_dir)
    : m_repo(std::move(repo)),
      m_tree(tree),
      m_commit(std::move(commit)),
      m_origin(std::move(origin)),
      m_cache_dir(std::move(cache_dir)) {}

core::Result<CommitTree> CommitTree::open(const Repository& repo, const Commit& commit,
                                          const CommitTreeOptions& options) {
  std::string what = "reading commit " + commit.short_sha + " of " + repo.display_name();
  RepositoryHandle own;
  if (git_repository_open_bare(own.out(), repo.git_dir().c_str()) != 0) {
    return libgit2_error(core::ErrorKind::source, what);
  }
  git_oid oid;
  CommitHandle handle;
  if (git_oid_fromstr(&oid, commit.sha.c_str()) != 0 ||
      git_commit_lookup(handle.out(), own.get(), &oid) != 0) {
    return libgit2_error(core::ErrorKind::source, what);
  }
  git_oid tree = *git_commit_tree_id(handle.get());
  return CommitTree(std::move(own), tree, commit, repo.display_name(), options.cache_dir);
}

std::string CommitTree::describe() const {
  return "commit " + m_commit.short_sha + " of " + m_origin;
}

core::Error CommitTree::failure(std::string_view doing, std::string_view path,
                                std::string message) const {
  return core::Error{core::ErrorKind::source, std::string(doing) + " " + in_quotes(path) + " from " +
                                                  describe() + ": " + message};
}

core::Result<std::vector<core::TreeEntry>> CommitTree::list(std::string_view dir) const {
  auto path = core::normalize_tree_path(dir);
  if (!path) return failure("listing", dir, path.error().message);
  TreeResolver resolver(m_repo.get(), m_tree);
  auto node = resolver.resolve(*path);
  if (!node) return failure("listing", dir, node.error().message);
  if (node->kind == NodeKind::absent) return failure("listing", dir, "no such folder");
  if (node->kind == NodeKind::file) return failure("listing", dir, "is a file, not a folder");
  TreeHandle tree;
  if (git_tree_lookup(tree.out(), m_repo.get(), &node->oid) != 0) {
    return failure("listing", dir, last_error_message());
  }
  std::vector<core::TreeEntry> entries;
  for (std::size_t i = 0; i < git_tree_entrycount(tree.get()); ++i) {
    auto entry = child_entry(resolver, node->path, git_tree_entry_byindex(tree.get(), i));
    if (!entry) return failure("listing", dir, entry.error().message);
    if (entry->has_value()) entries.push_back(std::move(**entry));
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return entries;
}

core::Result<std::string> CommitTree::read(std::string_view path) const {
  auto normalized = core::normalize_tree_path(path);
  if (!normalized) return failure("reading", path, normalized.error().message);
  TreeResolver resolver(m_repo.get(), m_tree);
  auto node = resolver.resolve(*normalized);
  if (!node) return failure("reading", path, node.error().message);
  if (node->kind == NodeKind::absent) return failure("reading", path, "no such file");
  if (node->kind == NodeKind::directory) return failure("reading", path, "is a folder, not a file");
  auto content = resolver.blob(node->oid);
  if (!content) return failure("reading", path, content.error().message);
  return content;
}

bool CommitTree::exists(std::string_view path, core::EntryType* type) const {
  auto normalized = core::normalize_tree_path(path);
  if (!normalized) return false;
  auto node = TreeResolver(m_repo.get(), m_tree).resolve(*normalized);
  if (!node || node->kind == NodeKind::absent) return false;
  if (type != nullptr) {
    *type = node->kind == NodeKind::directory ? core::EntryType::directory : core::EntryType::file;
  }
  return true;
}

core::Result<std::filesystem::path> CommitTree::on_disk() const {
  std::filesystem::path cache = m_cache_dir;
  if (cache.empty()) {
    auto dir = default_cache_dir();
    if (!dir) return dir.error();
    cache = *dir;
  }
  auto exported = export_tree(m_repo.get(), m_tree, m_commit.sha, cache);
  if (!exported) return exported.error().context("exporting " + describe());
  return exported;
}

core::Result<std::string> source_folder(const core::FileTree& tree, std::string_view path) {
  auto normalized = core::normalize_tree_path(path);
  std::string what = "using --path " + in_quotes(path) + " in " + tree.describe();
  if (!normalized) return normalized.error().context(what);
  core::EntryType type = core::EntryType::file;
  if (!tree.exists(*normalized, &type)) {
    return core::Error{core::ErrorKind::source, what + ": no such folder"};
  }
  if (type != core::EntryType::directory) {
    return core::Error{core::ErrorKind::source, what + ": is a file, not a folder"};
  }
  return normalized;
}

}  // namespace gitops::git
