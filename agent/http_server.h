// HttpServer: a small HTTP/1.1 server on plain POSIX sockets for the webhook and the metrics
// endpoints. One thread accepts and serves connections one at a time (each with a read deadline
// and the parser's size limits), which is plenty for webhooks and scrapes; stop() wakes it
// through a pipe. One request per connection (Connection: close).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "agent/http_request.h"
#include "core/result.h"

namespace gitops::agent {

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// "HOST:PORT" split into its parts; kind usage naming `flag` on anything else (a port 0-65535,
// a host name, IPv4 address or [IPv6] address; an empty host means every address).
struct ListenAddress {
  std::string host;
  int port = 0;
};
core::Result<ListenAddress> parse_listen_address(const std::string& flag, const std::string& text);

class HttpServer {
 public:
  // Listens on `address` (port 0 picks a free port). Fails (kind usage) when the address cannot
  // be resolved or bound.
  static core::Result<std::unique_ptr<HttpServer>> start(const ListenAddress& address,
                                                         HttpHandler handler,
                                                         HttpLimits limits = {});
  ~HttpServer();  // stop()s
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port actually bound.
  int port() const { return m_port; }
  // Stops accepting and joins the serving thread.
  void stop();

 private:
  HttpServer(int listen_fd, int wake_read, int wake_write, int port, HttpHandler handler,
             HttpLimits limits);
  void serve();
  void serve_connection(int fd);

  int m_listen_fd;
  int m_wake_read;
  int m_wake_write;
  int m_port;
  HttpHandler m_handler;
  HttpLimits m_limits;
  std::chrono::milliseconds m_read_deadline{5000};
  std::thread m_thread;
};

}  // namespace gitops::agent
