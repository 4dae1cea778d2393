// Path history by comparing the path's object id between each commit and its parents.
#include "git/path_log.h"

#include <optional>

#include "core/file_tree.h"
#include "git/libgit2.h"
#include "git/ref.h"
#include "git/tree_path.h"

namespace gitops::git {
namespace {

// The id of `path` in `commit`'s tree, nullopt when absent.
std::optional<git_oid> path_id(const git_commit* commit, const std::string& path) {
  if (path.empty()) return *git_commit_tree_id(commit);
  TreeHandle tree;
  if (git_commit_tree(tree.out(), commit) != 0) return std::nullopt;
  TreeEntryHandle entry;
  if (git_tree_entry_bypath(entry.out(), tree.get(), path.c_str()) != 0) return std::nullopt;
  return *git_tree_entry_id(entry.get());
}

bool same(const std::optional<git_oid>& a, const std::optional<git_oid>& b) {
  if (!a || !b) return !a && !b;
  return git_oid_equal(&*a, &*b) != 0;
}

bool changed(const git_commit* commit, const std::string& path) {
  std::optional<git_oid> mine = path_id(commit, path);
  unsigned int parents = git_commit_parentcount(commit);
  if (parents == 0) return mine.has_value();
  for (unsigned int i = 0; i < parents; ++i) {
    CommitHandle parent;
    if (git_commit_parent(parent.out(), commit, i) != 0) return true;
    if (same(mine, path_id(parent.get(), path))) return false;
  }
  return true;
}

}  // namespace

core::Result<std::vector<Commit>> log_for_path(const Repository& repo, std::string_view ref,
                                               std::string_view path, std::size_t limit) {
  std::string what = "reading the history of \"" + std::string(path) + "\"";
  auto normalized = core::normalize_tree_path(path);
  if (!normalized) return normalized.error().context(what);
  auto start = resolve_ref(repo, ref);
  if (!start) return start.error().context(what);
  git_oid start_id;
  git_oid_fromstr(&start_id, start->sha.c_str());
  RevwalkHandle walk;
  if (git_revwalk_new(walk.out(), repo.raw()) != 0 ||
      git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) != 0 ||
      git_revwalk_push(walk.get(), &start_id) != 0) {
    return libgit2_error(core::ErrorKind::source, what + " in " + repo.display_name());
  }
  std::vector<Commit> out;
  git_oid id;
  while ((limit == 0 || out.size() < limit) && git_revwalk_next(&id, walk.get()) == 0) {
    CommitHandle commit;
    if (git_commit_lookup(commit.out(), repo.raw(), &id) != 0) {
      return libgit2_error(core::ErrorKind::source, what + " in " + repo.display_name());
    }
    if (changed(commit.get(), *normalized)) out.push_back(describe_commit(commit.get()));
  }
  return out;
}

}  // namespace gitops::git
