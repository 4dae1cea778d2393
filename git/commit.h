// Commit: what the rest of the program knows about a resolved commit (full and short SHA,
// subject, author, time), read from a libgit2 commit.
#pragma once

#include <git2.h>

#include <cstdint>
#include <string>

#include "core/result.h"

namespace gitops::git {

struct Commit {
  std::string sha;        // 40 hex digits
  std::string short_sha;  // the first 7 hex digits
  std::string subject;    // first line of the message
  std::string author_name;
  std::string author_email;
  std::int64_t author_time = 0;  // seconds since the epoch
  int author_utc_offset = 0;     // minutes east of UTC

  bool operator==(const Commit&) const = default;
};

// The Commit for `commit`; never fails.
Commit describe_commit(const git_commit* commit);

// The Commit with id `oid` in `repo`; fails (kind source) when it is not a commit there.
core::Result<Commit> read_commit(git_repository* repo, const git_oid& oid);

}  // namespace gitops::git
