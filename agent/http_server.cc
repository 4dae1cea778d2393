// Socket setup, the accept loop and one connection's read-parse-answer cycle.
#include "agent/http_server.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace gitops::agent {
namespace {

using Clock = std::chrono::steady_clock;

// Owns a file descriptor for the span of a setup step.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  int release() {
    int f = fd;
    fd = -1;
    return f;
  }
};

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data.remove_prefix(static_cast<size_t>(n));
  }
}

core::Error bind_error(const ListenAddress& a, const std::string& why) {
  return {core::ErrorKind::usage,
          "listening on " + a.host + ":" + std::to_string(a.port) + ": " + why};
}

}  // namespace

core::Result<ListenAddress> parse_listen_address(const std::string& flag, const std::string& text) {
  auto bad = [&] {
    return core::Error{
        core::ErrorKind::usage,
        "invalid " + flag + " \"" + text + "\": use HOST:PORT, such as 127.0.0.1:8080 or :8080"};
  };
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) return bad();
  ListenAddress a;
  a.host = text.substr(0, colon);
  if (a.host.size() >= 2 && a.host.front() == '[' && a.host.back() == ']') {
    a.host = a.host.substr(1, a.host.size() - 2);
  } else if (a.host.find(':') != std::string::npos) {
    return bad();
  }
  std::string port = text.substr(colon + 1);
  auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), a.port);
  if (port.empty() || ec != std::errc() || ptr != port.data() + port.size() || a.port < 0 ||
      a.port > 65535) {
    return bad();
  }
  return a;
}

core::Result<std::unique_ptr<HttpServer>> HttpServer::start(const ListenAddress& address,
                                                            HttpHandler handler,
                                                            HttpLimits limits) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string port = std::to_string(address.port);
  int rc = ::getaddrinfo(address.host.empty() ? nullptr : address.host.c_str(), port.c_str(),
                         &hints, &found);
  if (rc != 0) return bind_error(address, gai_strerror(rc));
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, ::freeaddrinfo);
  Fd listener;
  std::string why = "no usable address";
  for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    Fd fd{::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol)};
    if (fd.fd < 0) {
      why = std::strerror(errno);
      continue;
    }
    int one = 1;
    ::setsockopt(fd.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd.fd, ai->ai_addr, ai->ai_addrlen) != 0 || ::listen(fd.fd, 64) != 0) {
      why = std::strerror(errno);
      continue;
    }
    listener.fd = fd.release();
    break;
  }
  if (listener.fd < 0) return bind_error(address, why);
  sockaddr_storage bound{};
  socklen_t bound_size = sizeof bound;
  ::getsockname(listener.fd, reinterpret_cast<sockaddr*>(&bound), &bound_size);
  int bound_port =
      ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                        : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  int wake[2];
  if (::pipe2(wake, O_CLOEXEC) != 0) return bind_error(address, std::strerror(errno));
  std::unique_ptr<HttpServer> server(
      new HttpServer(listener.release(), wake[0], wake[1], bound_port, std::move(handler), limits));
  server->m_thread = std::thread([s = server.get()] { s->serve(); });
  return server;
}

HttpServer::HttpServer(int listen_fd, int wake_read, int wake_write, int port, HttpHandler handler,
                       HttpLimits limits)
    : m_listen_fd(listen_fd),
      m_wake_read(wake_read),
      m_wake_write(wake_write),
      m_port(port),
      m_handler(std::move(handler)),
      m_limits(limits) {}

HttpServer::~HttpServer() {
  stop();
  ::close(m_listen_fd);
  ::close(m_wake_read);
  ::close(m_wake_write);
}

void HttpServer::stop() {
  if (!m_thread.joinable()) return;
  char byte = 1;
  (void)!::write(m_wake_write, &byte, 1);
  m_thread.join();
}

void HttpServer::serve() {
  while (true) {
    pollfd fds[2] = {{m_listen_fd, POLLIN, 0}, {m_wake_read, POLLIN, 0}};
    int n = ::poll(fds, 2, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 || (fds[1].revents & POLLIN) != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    int fd = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    serve_connection(fd);
    ::close(fd);
  }
}

void HttpServer::serve_connection(int fd) {
  std::string data;
  const Clock::time_point deadline = Clock::now() + m_read_deadline;
  char buffer[16 * 1024];
  while (true) {
    ParseResult parsed = parse_http_request(data, m_limits);
    if (parsed.state == ParseState::complete) {
      write_all(fd, format_http_response(m_handler(parsed.request)));
      return;
    }
    if (parsed.state == ParseState::invalid) {
      write_all(fd,
                format_http_response({.status = parsed.error_status, .body = parsed.error + "\n"}));
      return;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      write_all(fd, format_http_response({.status = 408, .body = "request timed out\n"}));
      return;
    }
    pollfd pfd{fd, POLLIN, 0};
    int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return;  // the client went away
    data.append(buffer, static_cast<size_t>(got));
  }
}

}  // namespace gitops::agent
