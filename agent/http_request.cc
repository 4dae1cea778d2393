// Request parsing by the rules of RFC 9112 that a webhook or a Prometheus scrape needs.
#include "agent/http_request.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace gitops::agent {
namespace {

ParseResult invalid(int status, std::string error) {
  ParseResult r;
  r.state = ParseState::invalid;
  r.error_status = status;
  r.error = std::move(error);
  return r;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// "METHOD TARGET HTTP/1.x" into the request; an invalid result otherwise.
std::optional<ParseResult> read_request_line(std::string_view line, HttpRequest& request) {
  size_t first = line.find(' ');
  size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
    return invalid(400, "malformed request line");
  }
  std::string_view method = line.substr(0, first);
  std::string_view target = line.substr(first + 1, second - first - 1);
  std::string_view version = line.substr(second + 1);
  if (method.empty() || !std::all_of(method.begin(), method.end(), token_char)) {
    return invalid(400, "malformed request method");
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    return invalid(505, "unsupported HTTP version");
  }
  if (target.empty() || target.front() != '/') return invalid(400, "malformed request target");
  request.method = std::string(method);
  request.path = std::string(target.substr(0, target.find('?')));
  return std::nullopt;
}

std::optional<ParseResult> read_header(std::string_view line, HttpRequest& request) {
  size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos) return invalid(400, "malformed header line");
  std::string name(line.substr(0, colon));
  if (!std::all_of(name.begin(), name.end(), token_char))
    return invalid(400, "malformed header name");
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string value = trim(line.substr(colon + 1));
  if (name == "content-length" && request.headers.count(name) && request.headers[name] != value) {
    return invalid(400, "conflicting Content-Length headers");
  }
  request.headers[name] = value;
  return std::nullopt;
}

}  // namespace

std::string HttpRequest::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

ParseResult parse_http_request(std::string_view data, const HttpLimits& limits) {
  size_t end = data.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    if (data.size() > limits.max_header_bytes) return invalid(431, "request headers too large");
    return {};
  }
  if (end > limits.max_header_bytes) return invalid(431, "request headers too large");
  ParseResult result;
  HttpRequest& request = result.request;
  std::string_view head = data.substr(0, end);
  size_t line_end = head.find("\r\n");
  if (auto bad = read_request_line(head.substr(0, line_end), request)) return *bad;
  while (line_end != std::string_view::npos) {
    size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    std::string_view line =
        head.substr(start, line_end == std::string_view::npos ? line_end : line_end - start);
    if (auto bad = read_header(line, request)) return *bad;
  }
  if (!request.header("transfer-encoding").empty()) {
    return invalid(411, "send the body with Content-Length, not Transfer-Encoding");
  }
  size_t length = 0;
  std::string length_text = request.header("content-length");
  if (!length_text.empty()) {
    auto [ptr, ec] =
        std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (ec != std::errc() || ptr != length_text.data() + length_text.size()) {
      return invalid(400, "malformed Content-Length");
    }
  } else if (request.method == "POST" || request.method == "PUT") {
    return invalid(411, "Content-Length required");
  }
  if (length > limits.max_body_bytes) return invalid(413, "request body too large");
  std::string_view body = data.substr(end + 4);
  if (body.size() < length) return {};
  if (body.size() > length) return invalid(400, "unexpected bytes after the request body");
  request.body = std::string(body);
  result.state = ParseState::complete;
  return result;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 202:
      return "Accepted";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

std::string format_http_response(const HttpResponse& response) {
  std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " +
                    std::string(reason_phrase(response.status)) + "\r\n";
  out += "Content-Type: " + response.content_type + "\r\n";
  out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  out += "Connection: close\r\n\r\n";
  out += response.body;
  return out;
}

}  // namespace gitops::agent
