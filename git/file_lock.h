// FileLock: an exclusive flock(2) on a lock file, held for the lifetime of the object, so
// concurrent processes (and threads) never clone or fetch into the same mirror at once.
#pragma once

#include <filesystem>

#include "core/result.h"

namespace gitops::git {

class FileLock {
 public:
  // Opens (creating, mode 0600) `path` and blocks until the exclusive lock is held; fails
  // (kind internal) naming the file when it cannot be opened or locked.
  static core::Result<FileLock> acquire(const std::filesystem::path& path);

  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;

 private:
  explicit FileLock(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

}  // namespace gitops::git
