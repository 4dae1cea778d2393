// HTTP/1.1 messages for the agent's small server: an incremental request parser (request line,
// headers, a Content-Length body under a size limit; no chunked bodies, no pipelining) and the
// response text. The parser never throws; a malformed request gives the status to answer with.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace gitops::agent {

struct HttpRequest {
  std::string method;                          // "GET", "POST"
  std::string path;                            // target without the query ("/webhook")
  std::map<std::string, std::string> headers;  // names lowercased, values trimmed
  std::string body;

  // The header's value, or "" when absent (`name` lowercase).
  std::string header(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

enum class ParseState { incomplete, complete, invalid };

struct ParseResult {
  ParseState state = ParseState::incomplete;
  HttpRequest request;   // when complete
  int error_status = 0;  // when invalid: 400, 411, 413, 431 or 505
  std::string error;     // when invalid: why, for the response body
};

struct HttpLimits {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
};

// Parses the bytes received so far on a connection.
ParseResult parse_http_request(std::string_view data, const HttpLimits& limits = {});

// "HTTP/1.1 200 OK\r\n..." with Content-Type, Content-Length and Connection: close.
std::string format_http_response(const HttpResponse& response);

// The reason phrase of a status code ("Unauthorized"); "Unknown" for codes the agent never uses.
std::string_view reason_phrase(int status);

}  // namespace gitops::agent
