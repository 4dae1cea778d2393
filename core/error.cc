// Error kinds, their exit codes, and context prefixing.
#include "core/error.h"

namespace gitops::core {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage: return "usage";
    case ErrorKind::source: return "source";
    case ErrorKind::cluster: return "cluster";
    case ErrorKind::rejected: return "rejected";
    case ErrorKind::partial: return "partial";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::timeout: return "timeout";
    case ErrorKind::guard: return "guard";
    case ErrorKind::internal: return "internal";
  }
  return "internal";
}

int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage: return 2;
    case ErrorKind::source: return 3;
    case ErrorKind::cluster: return 4;
    case ErrorKind::rejected: return 5;
    case ErrorKind::partial: return 6;
    case ErrorKind::conflict: return 7;
    case ErrorKind::timeout: return 8;
    case ErrorKind::guard: return 9;
    case ErrorKind::internal: return 10;
  }
  return 10;
}

std::optional<ErrorKind> error_kind_of_exit_code(int code) {
  for (ErrorKind kind : {ErrorKind::usage, ErrorKind::source, ErrorKind::cluster, ErrorKind::rejected,
                         ErrorKind::partial, ErrorKind::conflict, ErrorKind::timeout, ErrorKind::guard,
                         ErrorKind::internal}) {
    if (exit_code(kind) == code) return kind;
  }
  return std::nullopt;
}

Error Error::context(std::string_view what) const {
  Error out{kind, {}, reason};
  std::string_view rest = message;
  while (true) {
    auto nl = rest.find('\n');
    out.message.append(what).append(": ").append(rest.substr(0, nl));
    if (nl == std::string_view::npos) break;
    out.message.push_back('\n');
    rest.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace gitops::core
