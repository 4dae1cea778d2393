// Status-body parsing and error decoration.
#include "kube/api_error.h"

#include <nlohmann/json.hpp>

namespace gitops::kube {

std::string_view reason_for_code(int code) {
  switch (code) {
    case 400: return "BadRequest";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "NotFound";
    case 405: return "MethodNotAllowed";
    case 406: return "NotAcceptable";
    case 409: return "Conflict";
    case 410: return "Expired";
    case 413: return "RequestEntityTooLarge";
    case 415: return "UnsupportedMediaType";
    case 422: return "Invalid";
    case 429: return "TooManyRequests";
    case 500: return "InternalError";
    case 503: return "ServiceUnavailable";
    case 504: return "Timeout";
    default: return "";
  }
}

ApiError parse_api_error(const Response& response) {
  ApiError error;
  error.code = response.status;
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object() && body.value("kind", "") == "Status") {
    if (auto it = body.find("code"); it != body.end() && it->is_number_integer()) {
      error.code = it->get<int>();
    }
    error.reason = body.value("reason", "");
    error.message = body.value("message", "");
    const auto details = body.value("details", nlohmann::json::object());
    if (auto causes = details.find("causes"); causes != details.end() && causes->is_array()) {
      for (const auto& c : *causes) {
        if (!c.is_object()) continue;
        error.causes.push_back(
            {c.value("field", ""), c.value("message", ""), c.value("reason", "")});
      }
    }
  }
  if (error.reason.empty()) error.reason = std::string(reason_for_code(error.code));
  if (error.message.empty()) {
    std::string first = response.body.substr(0, response.body.find('\n'));
    if (first.size() > 200) first = first.substr(0, 200) + "...";
    error.message = first.empty() ? "HTTP " + std::to_string(response.status) : first;
  }
  return error;
}

core::ErrorKind error_kind(const ApiError& error, const Operation& operation) {
  if (error.code == 401 || error.code == 403) return core::ErrorKind::cluster;
  if (error.code == 409) return core::ErrorKind::conflict;
  if (error.code == 504 || error.reason == "Timeout") return core::ErrorKind::timeout;
  if (error.code == 429 || error.code >= 500) return core::ErrorKind::cluster;
  if (error.code >= 400 && operation.write) return core::ErrorKind::rejected;
  return core::ErrorKind::cluster;
}

core::Error to_error(const ApiError& error, const Operation& operation) {
  std::string message = operation.verb + " " + operation.target + ": API server says: " + error.message;
  for (const auto& cause : error.causes) {
    if (cause.field.empty() || error.message.find(cause.field) != std::string::npos) continue;
    message += "; " + cause.field + ": " + cause.message;
  }
  if (!error.reason.empty()) message += " (reason: " + error.reason + ")";
  return core::Error{error_kind(error, operation), std::move(message), error.reason};
}

}  // namespace gitops::kube
