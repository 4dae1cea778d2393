// libgit2 initialisation and error conversion.
#include "git/libgit2.h"

#include <mutex>

#include "git/redact.h"

namespace gitops::git {

void ensure_libgit2() {
  static std::once_flag once;
  // Never shut down: handles may outlive any owner we could tie git_libgit2_shutdown() to.
  std::call_once(once, [] { git_libgit2_init(); });
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
