// Clone-or-fetch of bare mirrors with libgit2, under a file lock.
#include "git/mirror.h"

#include <system_error>

#include "git/cache_dir.h"
#include "git/file_lock.h"
#include "git/libgit2.h"
#include "git/location.h"
#include "git/redact.h"
#include "git/remote_auth.h"

namespace gitops::git {
namespace {

// Why a transfer failed: a callback's refusal, else libgit2's message. Callers add context.
core::Error transfer_error(const RemoteAuth* auth) {
  if (auth != nullptr && auth->refusal()) return *auth->refusal();
  return core::Error{core::ErrorKind::source, last_error_message()};
}

// Points HEAD at the remote's default branch, so "HEAD" means what it means on the server.
void set_head(git_repository* repo, git_remote* remote) {
  Buffer branch;
  if (git_remote_default_branch(branch.out(), remote) == 0) {
    git_repository_set_head(repo, branch.str().c_str());
  }
}

core::Status fetch_into(git_repository* repo, std::string_view url) {
  RemoteHandle remote;
  std::string url_text(url);
  if (git_remote_create_anonymous(remote.out(), repo, url_text.c_str()) != 0) {
    return transfer_error(nullptr);
  }
  RemoteAuth auth(url_text);
  git_remote_callbacks callbacks = auth.callbacks();
  git_proxy_options proxy = GIT_PROXY_OPTIONS_INIT;
  proxy.type = GIT_PROXY_AUTO;  // http.proxy from Git config, else the proxy environment
  if (git_remote_connect(remote.get(), GIT_DIRECTION_FETCH, &callbacks, &proxy, nullptr) != 0) {
    return transfer_error(&auth);
  }
  set_head(repo, remote.get());
  char heads[] = "+refs/heads/*:refs/heads/*";
  char tags[] = "+refs/tags/*:refs/tags/*";
  char* specs[] = {heads, tags};
  git_strarray refspecs{specs, 2};
  git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
  options.callbacks = callbacks;
  options.proxy_opts = proxy;
  options.prune = GIT_FETCH_PRUNE;
  options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
  options.update_fetchhead = 0;  // FETCH_HEAD would record the URL
  if (git_remote_fetch(remote.get(), &refspecs, &options, "kubectl-gitops fetch") != 0) {
    return transfer_error(&auth);
  }
  return {};
}

core::Status fetch_existing(const std::filesystem::path& dir, std::string_view url) {
  RepositoryHandle repo;
  if (git_repository_open_bare(repo.out(), dir.c_str()) != 0) {
    return libgit2_error(core::ErrorKind::source, "opening the cached mirror " + dir.string());
  }
  if (auto status = fetch_into(repo.get(), url); !status) {
    return status.error().context("fetching " + redact_url(url));
  }
  return {};
}

core::Status clone_new(const std::filesystem::path& dir, std::string_view url) {
  std::filesystem::path partial = dir.string() + ".partial";
  std::error_code ec;
  std::filesystem::remove_all(partial, ec);
  RepositoryHandle repo;
  if (git_repository_init(repo.out(), partial.c_str(), 1) != 0) {
    return libgit2_error(core::ErrorKind::internal, "creating mirror " + partial.string());
  }
  if (auto status = fetch_into(repo.get(), url); !status) {
    std::filesystem::remove_all(partial, ec);
    return status.error().context("cloning " + redact_url(url));
  }
  repo.reset();
  std::filesystem::rename(partial, dir, ec);
  if (ec) {
    return core::Error{core::ErrorKind::internal,
                       "moving mirror into place at " + dir.string() + ": " + ec.message()};
  }
  return {};
}

}  // namespace

core::Result<std::filesystem::path> update_mirror(std::string_view url,
                                                  const MirrorOptions& options) {
  ensure_libgit2();
  std::filesystem::path repos = options.cache_dir / "repos";
  std::filesystem::path dir = repos / mirror_name(url);
  if (options.offline) {
    if (std::filesystem::is_directory(dir)) return dir;
    return core::Error{core::ErrorKind::source,
                       "opening " + redact_url(url) + " offline: it has no cached copy in " +
                           repos.string() + " (run once without offline mode first)"};
  }
  for (const auto& folder : {options.cache_dir, repos}) {
    if (auto status = ensure_private_dir(folder); !status) return status.error();
  }
  auto lock = FileLock::acquire(dir.string() + ".lock");
  if (!lock) return lock.error();
  core::Status status =
      std::filesystem::is_directory(dir) ? fetch_existing(dir, url) : clone_new(dir, url);
  if (!status) return status.error();
  return dir;
}

}  // namespace gitops::git
