// CurlRequest: one Request prepared as a curl easy handle (URL, method, headers, TLS blobs,
// HTTP/2 with PIPEWAIT, timeouts, body and header callbacks), and the translation of its curl
// result into an Outcome with a message saying what failed. ServerEndpoint is the parsed server
// URL, with tls-server-name applied through CURLOPT_CONNECT_TO.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "kube/client_config.h"
#include "kube/credentials.h"
#include "kube/curl_handles.h"
#include "kube/transport.h"

namespace gitops::kube {

struct CurlTransportOptions;

struct ServerEndpoint {
  std::string server;     // as configured, for messages: "https://127.0.0.1:6443"
  std::string base_url;   // what requests go to (host replaced by tls-server-name), no trailing '/'
  std::string host;       // "127.0.0.1" (IPv6 without brackets)
  int port = 443;
  std::string connect_to;  // CURLOPT_CONNECT_TO entry, or ""
};

// Parses "https://host[:port][/prefix]". Fails (kind usage) on another scheme or an empty host.
core::Result<ServerEndpoint> parse_server(const std::string& server, const std::string& tls_server_name);

class CurlRequest {
 public:
  CurlRequest();
  ~CurlRequest();
  CurlRequest(CurlRequest&&) noexcept;
  CurlRequest& operator=(CurlRequest&&) noexcept;
  CurlRequest(Request request, const ServerEndpoint& endpoint, const CurlTransportOptions& options,
              const RequestCredentials& credentials);

  CURL* handle() const;
  Method method() const;
  const std::string& url() const;
  const std::vector<std::string>& headers() const;  // as sent, for -v=7 (redact before logging)
  std::size_t body_size() const;
  std::chrono::steady_clock::time_point started() const;
  void mark_started();

  // The Outcome once curl finished with `code`.
  Outcome outcome(CURLcode code, const ServerEndpoint& endpoint, const TlsConfig& tls);

  struct State;

 private:
  std::unique_ptr<State> m_state;  // heap-held: curl keeps pointers into it
};

}  // namespace gitops::kube
