#include "agent/http_request.h"

#include <gtest/gtest.h>

namespace gitops::agent {
namespace {

TEST(HttpRequest, ParsesAPostWithHeadersAndBody) {
  std::string raw =
      "POST /webhook?x=1 HTTP/1.1\r\nHost: agent\r\nX-Hub-Signature-256:  sha256=ab \r\n"
      "Content-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ref\":\"x\"}";
  ParseResult r = parse_http_request(raw);
  ASSERT_EQ(r.state, ParseState::complete) << r.error;
  EXPECT_EQ(r.request.method, "POST");
  EXPECT_EQ(r.request.path, "/webhook");
  EXPECT_EQ(r.request.header("x-hub-signature-256"), "sha256=ab");
  EXPECT_EQ(r.request.header("host"), "agent");
  EXPECT_EQ(r.request.header("missing"), "");
  EXPECT_EQ(r.request.body, "{\"ref\":\"x\"}");
}

TEST(HttpRequest, IncompleteUntilHeadersAndBodyArrive) {
  EXPECT_EQ(parse_http_request("GET /metrics HTTP/1.1\r\nHost: a\r\n").state,
            ParseState::incomplete);
  EXPECT_EQ(parse_http_request("POST /webhook HTTP/1.1\r\nContent-Length: 5\r\n\r\nabc").state,
            ParseState::incomplete);
  ParseResult get = parse_http_request("GET /metrics HTTP/1.0\r\n\r\n");
  ASSERT_EQ(get.state, ParseState::complete);
  EXPECT_EQ(get.request.path, "/metrics");
  EXPECT_EQ(get.request.body, "");
}

void expect_invalid(const std::string& raw, int status, const std::string& error,
                    HttpLimits limits = {}) {
  ParseResult r = parse_http_request(raw, limits);
  EXPECT_EQ(r.state, ParseState::invalid) << raw;
  EXPECT_EQ(r.error_status, status) << raw;
  EXPECT_EQ(r.error, error) << raw;
}

TEST(HttpRequest, RefusesMalformedRequests) {
  expect_invalid("GET\r\n\r\n", 400, "malformed request line");
  expect_invalid("GET /a b HTTP/1.1\r\n\r\n", 400, "malformed request line");
  expect_invalid("G(T /a HTTP/1.1\r\n\r\n", 400, "malformed request method");
  expect_invalid("GET /a HTTP/2\r\n\r\n", 505, "unsupported HTTP version");
  expect_invalid("GET http://x/a HTTP/1.1\r\n\r\n", 400, "malformed request target");
  expect_invalid("GET /a HTTP/1.1\r\nno colon\r\n\r\n", 400, "malformed header line");
  expect_invalid("GET /a HTTP/1.1\r\nBad Name: x\r\n\r\n", 400, "malformed header name");
  expect_invalid("POST /a HTTP/1.1\r\n\r\n", 411, "Content-Length required");
  expect_invalid("POST /a HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", 400, "malformed Content-Length");
  expect_invalid("POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400,
                 "conflicting Content-Length headers");
  expect_invalid("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 411,
                 "send the body with Content-Length, not Transfer-Encoding");
  expect_invalid("POST /a HTTP/1.1\r\nContent-Length: 1\r\n\r\nab", 400,
                 "unexpected bytes after the request body");
}

TEST(HttpRequest, EnforcesSizeLimits) {
  HttpLimits limits{.max_header_bytes = 64, .max_body_bytes = 10};
  expect_invalid("POST /a HTTP/1.1\r\nContent-Length: 11\r\n\r\n", 413, "request body too large",
                 limits);
  expect_invalid("GET /a HTTP/1.1\r\nX: " + std::string(100, 'a'), 431, "request headers too large",
                 limits);
  EXPECT_EQ(
      parse_http_request("POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789", limits).state,
      ParseState::complete);
}

TEST(HttpResponse, FormatsStatusHeadersAndBody) {
  EXPECT_EQ(format_http_response({.status = 401, .body = "missing or invalid signature\n"}),
            "HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Length: 29\r\nConnection: close\r\n\r\nmissing or invalid signature\n");
}

}  // namespace
}  // namespace gitops::agent
