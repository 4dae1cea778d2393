// ApiError: a failed API call as the server described it in its Status body (code, reason,
// message, causes), and its translation into a core::Error decorated once, like kapp:
// "applying v1 ConfigMap shop/web: API server says: <message> (reason: <reason>)".
// Kinds: 401/403 -> cluster; 409 -> conflict; other 4xx on writes -> rejected; 429 and 5xx ->
// cluster; 504 and reason Timeout -> timeout; other 4xx on reads -> cluster.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "kube/transport.h"

namespace gitops::kube {

struct ApiErrorCause {
  std::string field;
  std::string message;
  std::string reason;
};

struct ApiError {
  int code = 0;
  std::string reason;  // NotFound, AlreadyExists, Conflict, Invalid, Forbidden, Unauthorized, ...
  std::string message;
  std::vector<ApiErrorCause> causes;
};

// The ApiError of an HTTP error response: from its Status body when it has one, else from the
// status code (reason as the API server would name it, message the body's first line).
ApiError parse_api_error(const Response& response);

// The reason the API server uses for `code` (404 -> NotFound, 422 -> Invalid, ...); "" if none.
std::string_view reason_for_code(int code);

// What an operation was, for messages and the error kind.
struct Operation {
  std::string verb;    // "applying", "getting", "listing", "deleting", ...
  std::string target;  // "v1 ConfigMap shop/web", or "v1 ConfigMap in namespace shop"
  bool write = false;  // a write (including dry-runs): 4xx means rejected
};

// The ErrorKind of `error` for `operation` (see the file comment).
core::ErrorKind error_kind(const ApiError& error, const Operation& operation);

// "<verb> <target>: API server says: <message> (reason: <reason>)", with the causes' fields
// appended when the message does not name them; kind from error_kind().
core::Error to_error(const ApiError& error, const Operation& operation);

}  // namespace gitops::kube
