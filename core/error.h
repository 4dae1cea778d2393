// Errors as values: every failure carries the kind that decides the process exit code
// (DESIGN.md section 3) and a message that names what was being done to which object.
// Context is added once per module boundary with Error::context().
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gitops::core {

// The closed set of failure kinds; each maps to one exit code.
enum class ErrorKind {
  usage,     // 2: flags, kubeconfig, app spec
  source,    // 3: unknown ref, template error, invalid YAML; nothing touched
  cluster,   // 4: unreachable, authentication or authorization failure
  rejected,  // 5: server validation or dry-run rejection; nothing touched
  partial,   // 6: apply failed part way
  conflict,  // 7: field-manager conflict
  timeout,   // 8: waiting for health or a lock
  guard,     // 9: refused by a safety guard
  internal,  // 10: a bug in kubectl-gitops
};

std::string_view to_string(ErrorKind kind);

// The process exit code of DESIGN.md section 3 for `kind`.
int exit_code(ErrorKind kind);

// The kind whose exit_code() is `code` (for a child kubectl-gitops process); nullopt for 0, 1
// and codes outside the table.
std::optional<ErrorKind> error_kind_of_exit_code(int code);

struct Error {
  ErrorKind kind = ErrorKind::internal;
  // One line per problem; several lines when all problems of a pass are reported together.
  std::string message;
  // The API server's machine-readable reason (AlreadyExists, NotFound, Invalid, ...) when the
  // error is one API response; "" otherwise.
  std::string reason;

  // Returns a copy whose every line is prefixed with "what: ".
  [[nodiscard]] Error context(std::string_view what) const;
};

}  // namespace gitops::core
