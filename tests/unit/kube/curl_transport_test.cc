// The curl transport without a server: server URL parsing (tls-server-name through CONNECT_TO),
// and a refused connection on loopback reported as one clear line with its log line redacted.
#include "kube/curl_transport.h"

#include <gtest/gtest.h>

#include "kube/curl_request.h"

namespace gitops::kube {
namespace {

TEST(ParseServer, HostPortAndPrefix) {
  auto ep = parse_server("https://example.com:6443/prefix/", "");
  ASSERT_TRUE(ep.ok());
  EXPECT_EQ(ep->host, "example.com");
  EXPECT_EQ(ep->port, 6443);
  EXPECT_EQ(ep->base_url, "https://example.com:6443/prefix");
  EXPECT_EQ(ep->connect_to, "");
}

TEST(ParseServer, DefaultPortsAndIpv6) {
  EXPECT_EQ(parse_server("https://h", "")->port, 443);
  EXPECT_EQ(parse_server("http://h", "")->port, 80);
  auto v6 = parse_server("https://[::1]:6443", "");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->base_url, "https://[::1]:6443");
}

TEST(ParseServer, TlsServerNameConnectsToTheRealAddress) {
  auto ep = parse_server("https://127.0.0.1:6443", "kubernetes");
  ASSERT_TRUE(ep.ok());
  EXPECT_EQ(ep->base_url, "https://kubernetes:6443");
  EXPECT_EQ(ep->connect_to, "kubernetes:6443:127.0.0.1:6443");
}

TEST(ParseServer, Errors) {
  auto scheme = parse_server("ftp://h", "");
  ASSERT_FALSE(scheme.ok());
  EXPECT_EQ(scheme.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(scheme.error().message, "server \"ftp://h\" is not an http:// or https:// URL");
  EXPECT_EQ(parse_server("https://:1", "").error().message, "server \"https://:1\" has no host");
  EXPECT_EQ(parse_server("https://h:x", "").error().message, "server \"https://h:x\" has an invalid port");
}

TEST(CurlTransport, RefusedConnectionIsOneClearLine) {
  std::vector<std::string> lines;
  CurlTransportOptions options;
  options.server = "https://127.0.0.1:1";  // nothing listens on port 1
  options.logging = {7, [&](std::string_view line) { lines.emplace_back(line); }};
  AuthConfig auth;
  auth.token = "super-secret-token";
  auto transport = CurlTransport::create(options, std::make_shared<CredentialProvider>(auth));
  ASSERT_TRUE(transport.ok()) << transport.error().message;
  Request request;
  request.path = "/version";
  Outcome outcome = (*transport)->execute(request);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure.kind, FailureKind::connect);
  EXPECT_EQ(outcome.failure.error.kind, core::ErrorKind::cluster);
  EXPECT_EQ(outcome.failure.error.message, "cannot reach https://127.0.0.1:1: connection refused");
  ASSERT_EQ(lines.size(), 5u);  // four request headers, then the request line
  EXPECT_EQ(lines[1], "  request header: Authorization: Bearer <masked>");
  EXPECT_EQ(lines[4].substr(0, 37), "GET https://127.0.0.1:1/version faile");
  for (const auto& line : lines) EXPECT_EQ(line.find("super-secret-token"), std::string::npos) << line;
}

}  // namespace
}  // namespace gitops::kube
