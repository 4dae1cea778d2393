// Ref resolution with libgit2's rev-parse, plus the checks and messages git gives.
#include "git/ref.h"

#include <algorithm>
#include <optional>

#include "git/libgit2.h"
#include "git/suggest.h"

namespace gitops::git {
namespace {

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

// The name part of a revision: "main~2" -> "main", "v1.0^{}" -> "v1.0".
std::string_view base_name(std::string_view ref) {
  return ref.substr(0, std::min(ref.find_first_of("~^:"), ref.find("@{")));
}

std::optional<git_oid> peeled_ref(git_repository* repo, const std::string& name) {
  ObjectHandle object;
  if (git_revparse_single(object.out(), repo, name.c_str()) != 0) return std::nullopt;
  ObjectHandle commit;
  if (git_object_peel(commit.out(), object.get(), GIT_OBJECT_COMMIT) != 0) return std::nullopt;
  return *git_object_id(commit.get());
}

core::Status check_branch_tag_clash(const Repository& repo, std::string_view base) {
  if (base.empty() || base.rfind("refs/", 0) == 0) return {};
  auto branch = peeled_ref(repo.raw(), "refs/heads/" + std::string(base));
  auto tag = peeled_ref(repo.raw(), "refs/tags/" + std::string(base));
  if (!branch || !tag || git_oid_equal(&*branch, &*tag)) return {};
  return core::Error{core::ErrorKind::source,
                     "ambiguous revision " + in_quotes(base) + " in " + repo.display_name() +
                         ": it is both a branch and a tag (use refs/heads/" + std::string(base) +
                         " or refs/tags/" + std::string(base) + ")"};
}

int revparse(const Repository& repo, std::string_view ref, ObjectHandle& out) {
  std::string spec(ref);
  int rc = git_revparse_single(out.out(), repo.raw(), spec.c_str());
  if (rc != 0 && rc != GIT_EAMBIGUOUS && repo.kind() == LocationKind::remote &&
      spec.rfind("origin/", 0) == 0) {
    std::string mirrored = "refs/heads/" + spec.substr(7);
    int retry = git_revparse_single(out.out(), repo.raw(), mirrored.c_str());
    if (retry == 0) return 0;
  }
  return rc;
}

core::Error unknown_revision(const Repository& repo, std::string_view ref) {
  std::string message = "unknown revision " + in_quotes(ref) + " in " + repo.display_name();
  return core::Error{core::ErrorKind::source,
                     message + did_you_mean(near_misses(base_name(ref), ref_names(repo)))};
}

}  // namespace

std::vector<std::string> ref_names(const Repository& repo) {
  std::vector<std::string> names;
  ReferenceIteratorHandle it;
  if (git_reference_iterator_new(it.out(), repo.raw()) != 0) return names;
  const char* name = nullptr;
  while (git_reference_next_name(&name, it.get()) == 0) {
    std::string_view full = name;
    for (std::string_view prefix : {"refs/heads/", "refs/tags/", "refs/remotes/"}) {
      if (full.rfind(prefix, 0) != 0) continue;
      std::string_view short_name = full.substr(prefix.size());
      if (short_name.size() >= 5 && short_name.substr(short_name.size() - 5) == "/HEAD") break;
      names.emplace_back(short_name);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

core::Result<Commit> resolve_ref(const Repository& repo, std::string_view ref) {
  if (ref.empty()) {
    return core::Error{core::ErrorKind::usage, "empty revision for " + repo.display_name()};
  }
  if (ref.front() == '-') return unknown_revision(repo, ref);
  if (auto status = check_branch_tag_clash(repo, base_name(ref)); !status) return status.error();
  ObjectHandle object;
  int rc = revparse(repo, ref, object);
  if (rc == GIT_EAMBIGUOUS) {
    return core::Error{core::ErrorKind::source,
                       "ambiguous revision " + in_quotes(ref) + " in " + repo.display_name() +
                           ": several objects start with it (give more digits)"};
  }
  if (rc != 0) return unknown_revision(repo, ref);
  ObjectHandle commit;
  if (git_object_peel(commit.out(), object.get(), GIT_OBJECT_COMMIT) != 0) {
    return core::Error{core::ErrorKind::source,
                       "revision " + in_quotes(ref) + " in " + repo.display_name() + " is a " +
                           git_object_type2string(git_object_type(object.get())) +
                           ", not a commit"};
  }
  return describe_commit(reinterpret_cast<const git_commit*>(commit.get()));
}

}  // namespace gitops::git
