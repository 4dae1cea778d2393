// Reading commit metadata.
#include "git/commit.h"

#include "git/libgit2.h"

namespace gitops::git {

Commit describe_commit(const git_commit* commit) {
  Commit out;
  out.sha = to_hex(*git_commit_id(commit));
  out.short_sha = out.sha.substr(0, 7);
  const char* message = git_commit_message(commit);
  std::string_view text = message != nullptr ? message : "";
  out.subject = std::string(text.substr(0, text.find('\n')));
  while (!out.subject.empty() && out.subject.back() == '\r') out.subject.pop_back();
  const git_signature* author = git_commit_author(commit);
  out.author_name = author->name != nullptr ? author->name : "";
  out.author_email = author->email != nullptr ? author->email : "";
  out.author_time = author->when.time;
  out.author_utc_offset = author->when.offset;
  return out;
}

core::Result<Commit> read_commit(git_repository* repo, const git_oid& oid) {
  CommitHandle commit;
  if (git_commit_lookup(commit.out(), repo, &oid) != 0) {
    return libgit2_error(core::ErrorKind::source, "reading commit " + to_hex(oid));
  }
  return describe_commit(commit.get());
}

}  // namespace gitops::git
