// CurlTransport: the Transport over libcurl's multi interface. One I/O thread drives a curl multi
// handle; requests are multiplexed as HTTP/2 streams over one TLS connection (CURLPIPE_MULTIPLEX,
// CURLOPT_PIPEWAIT), at most `max_in_flight` at once, started no faster than the QPS/burst token
// bucket allows. Completed responses are handed to the calling thread, which parses them while
// the I/O thread keeps the connection busy. Client certificates and keys go to curl as in-memory
// blobs; nothing is written to disk.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/result.h"
#include "kube/client_config.h"
#include "kube/credentials.h"
#include "kube/log.h"
#include "kube/transport.h"

namespace gitops::kube {

struct CurlTransportOptions {
  std::string server;  // "https://127.0.0.1:6443"
  TlsConfig tls;
  std::string proxy_url;
  std::chrono::milliseconds request_timeout{0};  // 0: none
  std::chrono::milliseconds connect_timeout{10'000};
  int max_in_flight = 100;
  double qps = 0;  // 0: unlimited
  int burst = 0;
  Logging logging;
};

class CurlTransport final : public Transport {
 public:
  // Starts the I/O thread. Fails (kind usage) when the server URL is not http(s)://host[:port].
  static core::Result<std::unique_ptr<CurlTransport>> create(
      CurlTransportOptions options, std::shared_ptr<CredentialProvider> credentials);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  void execute_each(std::vector<Request> requests,
                    const std::function<void(std::size_t, Outcome&&)>& on_done) override;

  struct Impl;

 private:
  explicit CurlTransport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace gitops::kube
