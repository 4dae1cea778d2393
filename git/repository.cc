// Opening local repositories and remote mirrors.
#include "git/repository.h"

#include <system_error>

#include "git/cache_dir.h"
#include "git/mirror.h"
#include "git/redact.h"

namespace gitops::git {
namespace {

std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

Repository::Repository(RepositoryHandle repo, std::string display_name, LocationKind kind)
    : m_repo(std::move(repo)), m_display_name(std::move(display_name)), m_kind(kind) {
  m_git_dir = without_trailing_slash(git_repository_path(m_repo.get()));
}

core::Result<Repository> Repository::open(std::string_view location, const OpenOptions& options) {
  ensure_libgit2();
  auto where = classify_location(location);
  if (!where) return where.error();
  if (where->kind == LocationKind::local_path) {
    std::error_code ec;
    std::filesystem::path absolute = std::filesystem::absolute(where->value, ec);
    std::string path = without_trailing_slash(absolute.lexically_normal().string());
    RepositoryHandle repo;
    int rc = git_repository_open_ext(repo.out(), path.c_str(), 0, nullptr);
    if (rc == GIT_ENOTFOUND) {
      return core::Error{core::ErrorKind::source,
                         "opening repository " + path + ": no Git repository at or above it"};
    }
    if (rc != 0) return libgit2_error(core::ErrorKind::source, "opening repository " + path);
    const char* workdir = git_repository_workdir(repo.get());
    std::string display =
        without_trailing_slash(workdir != nullptr ? workdir : git_repository_path(repo.get()));
    return Repository(std::move(repo), std::move(display), LocationKind::local_path);
  }
  std::filesystem::path cache = options.cache_dir;
  if (cache.empty()) {
    auto dir = default_cache_dir();
    if (!dir) return dir.error();
    cache = *dir;
  }
  auto mirror = update_mirror(where->value, {.cache_dir = cache, .offline = options.offline});
  if (!mirror) return mirror.error();
  RepositoryHandle repo;
  if (git_repository_open_bare(repo.out(), mirror->c_str()) != 0) {
    return libgit2_error(core::ErrorKind::source,
                         "opening the cached mirror of " + redact_url(where->value));
  }
  return Repository(std::move(repo), redact_url(where->value), LocationKind::remote);
}

}  // namespace gitops::git
