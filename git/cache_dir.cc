// Location and creation of the on-disk cache.
#include "git/cache_dir.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace gitops::git {

core::Result<std::filesystem::path> default_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::filesystem::path(xdg) / "kubectl-gitops";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') {
    return std::filesystem::path(home) / ".cache" / "kubectl-gitops";
  }
  return core::Error{core::ErrorKind::usage,
                     "finding the cache folder: neither XDG_CACHE_HOME nor HOME is set"};
}

core::Status ensure_private_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir.parent_path(), ec);
  if (ec) {
    return core::Error{core::ErrorKind::internal,
                       "creating folder " + dir.parent_path().string() + ": " + ec.message()};
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return core::Error{core::ErrorKind::internal,
                       "creating folder " + dir.string() + ": " + std::strerror(errno)};
  }
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return core::Error{core::ErrorKind::internal,
                       "creating folder " + dir.string() + ": exists and is not a folder"};
  }
  return {};
}

}  // namespace gitops::git
