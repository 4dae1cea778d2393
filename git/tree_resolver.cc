// Path lookup in Git trees with contained symlink resolution.
#include "git/tree_resolver.h"

#include <vector>

#include "core/file_tree.h"
#include "git/libgit2.h"
#include "git/tree_path.h"

namespace gitops::git {
namespace {

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string join_all(const std::vector<std::string>& parts, std::size_t from = 0,
                     std::size_t to = std::string::npos) {
  std::string out;
  for (std::size_t i = from; i < parts.size() && i < to; ++i) out = join_path(out, parts[i]);
  return out;
}

// The path `link` (at `link_path`, target `target`) leads to, with `rest` appended.
core::Result<std::string> follow(std::string_view link_path, const std::string& target,
                                 const std::string& parent, const std::string& rest) {
  if (!target.empty() && target.front() == '/') {
    return core::Error{
        core::ErrorKind::source,
        "symlink " + in_quotes(link_path) + " points to an absolute path (" + in_quotes(target) + ")"};
  }
  auto next = core::normalize_tree_path(join_path(join_path(parent, target), rest));
  if (!next) {
    return core::Error{
        core::ErrorKind::source,
        "symlink " + in_quotes(link_path) + " points outside the repository (" + in_quotes(target) + ")"};
  }
  return next;
}

}  // namespace

std::string_view to_string(NodeKind kind) {
  switch (kind) {
    case NodeKind::absent:
      return "absent";
    case NodeKind::file:
      return "file";
    case NodeKind::directory:
      return "directory";
  }
  return "absent";
}

core::Result<std::string> TreeResolver::blob(const git_oid& oid) const {
  BlobHandle blob;
  if (git_blob_lookup(blob.out(), m_repo, &oid) != 0) {
    return libgit2_error(core::ErrorKind::source, "reading blob " + to_hex(oid));
  }
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

core::Result<Node> TreeResolver::resolve(std::string_view path) const {
  std::vector<std::string> parts = split_path(path);
  git_oid tree_id = m_root;
  int links = 0;
  std::size_t i = 0;
  while (i < parts.size()) {
    TreeHandle tree;
    if (git_tree_lookup(tree.out(), m_repo, &tree_id) != 0) {
      return libgit2_error(core::ErrorKind::source, "reading tree " + to_hex(tree_id));
    }
    const git_tree_entry* entry = git_tree_entry_byname(tree.get(), parts[i].c_str());
    if (entry == nullptr) return Node{};
    git_filemode_t mode = git_tree_entry_filemode(entry);
    const git_oid& id = *git_tree_entry_id(entry);
    if (mode == GIT_FILEMODE_TREE) {
      tree_id = id;
      ++i;
      continue;
    }
    if (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
      if (i + 1 < parts.size()) return Node{};
      return Node{NodeKind::file, join_all(parts), id, mode == GIT_FILEMODE_BLOB_EXECUTABLE};
    }
    if (mode != GIT_FILEMODE_LINK) return Node{};  // a gitlink: submodules are never fetched
    if (++links > k_max_links) {
      return core::Error{core::ErrorKind::source, "too many levels of symlinks (more than " +
                                                      std::to_string(k_max_links) + ")"};
    }
    auto target = blob(id);
    if (!target) return target.error();
    auto next =
        follow(join_all(parts, 0, i + 1), *target, join_all(parts, 0, i), join_all(parts, i + 1));
    if (!next) return next.error();
    parts = split_path(*next);
    tree_id = m_root;
    i = 0;
  }
  return Node{NodeKind::directory, join_all(parts), tree_id, false};
}

}  // namespace gitops::git
