// libgit2 initialisation and error conversion.
#include "git/libgit2.h"

#include <mutex>

#include "git/redact.h"

namespace gitops::git {

void ensure_libgit2() {
  static std::once_flag once;
  // Never shut down: handles may outlive any owner we could tie git_libgit2_shutdown() to.
  std::call_once(once, [] {
    git_libgit2_init();
    // libgit2 caches trees only up to 4 KiB by default, so every file read from a folder of
    // thousands of files would inflate that folder's tree again. Keep trees up to 4 MiB.
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, static_cast<size_t>(4) << 20);
  });
}

std::string last_error_message() {
  const git_error* e = git_error_last();
  if (e == nullptr || e->message == nullptr || e->message[0] == '\0') {
    return "unknown libgit2 error";
  }
  std::string message = redact_urls_in_text(e->message);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

core::Error libgit2_error(core::ErrorKind kind, std::string_view what) {
  std::string message(what);
  message.append(": ").append(last_error_message());
  return core::Error{kind, std::move(message)};
}

std::string to_hex(const git_oid& oid) {
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

}  // namespace gitops::git
