// The HTTP edge of the kube client: a Request (method, path below the server URL, body), a
// Response (status, body, the headers the client needs), and the Transport interface that runs
// batches of them concurrently. CurlTransport is the real one; unit tests use an in-memory fake.
// A transport failure (no HTTP response at all) is a core::Error of kind cluster whose message
// says what failed ("cannot reach https://127.0.0.1:6443: connection refused").
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gitops::kube {

enum class Method { get, post, put, patch, delete_ };

std::string_view to_string(Method method);  // "GET", "POST", ...

// How safe a request is to send again (retry_policy.h decides with it).
enum class Idempotency {
  read,              // GET, LIST, WATCH, discovery
  dry_run,           // any write with dryRun=All
  idempotent_write,  // server-side apply, DELETE, PUT: the same effect when repeated
  write,             // POST create and other writes: never resent blindly
};

std::string_view to_string(Idempotency idempotency);

// Why a transport failed without an HTTP response; decides whether a retry is safe.
enum class FailureKind {
  none,
  connect,   // never connected (refused, unresolvable, unreachable): the request was not sent
  reset,     // the connection broke after the request may have been sent
  tls,       // certificate or handshake failure
  timeout,   // the request timeout passed
  aborted,   // the caller's stream callback stopped it
  other,
};

std::string_view to_string(FailureKind kind);

struct Request {
  Method method = Method::get;
  std::string path;  // "/api/v1/namespaces/default/configmaps?limit=500" (already escaped)
  std::string body;
  std::string content_type;  // "" when there is no body
  std::string accept = "application/json";
  Idempotency idempotency = Idempotency::read;
  std::chrono::milliseconds timeout{0};  // 0: the client's request timeout
  // Streaming (watch): called with each chunk of the body as it arrives, instead of collecting
  // it; returning false stops the request (FailureKind::aborted). It runs on the transport's I/O
  // thread: it must be quick and must not call the transport.
  std::function<bool(std::string_view chunk)> on_chunk;
};

struct Response {
  int status = 0;
  std::string body;
  std::string content_type;
  std::string retry_after;  // the Retry-After header, or ""
  std::chrono::microseconds latency{0};
};

// A transport-level failure: the core::Error (kind cluster or timeout) and why.
struct TransportFailure {
  FailureKind kind = FailureKind::none;
  core::Error error;
};

// The outcome of one request: a Response, or a TransportFailure.
struct Outcome {
  Response response;
  TransportFailure failure;
  bool ok() const { return failure.kind == FailureKind::none; }
};

class Transport {
 public:
  virtual ~Transport() = default;

  // Runs every request, concurrently as far as the transport allows, and calls on_done(index,
  // outcome) on the calling thread as each completes (so callers parse while others are in
  // flight). Returns when all completed.
  virtual void execute_each(std::vector<Request> requests,
                            const std::function<void(std::size_t, Outcome&&)>& on_done) = 0;

  // The outcomes of all `requests`, in request order.
  std::vector<Outcome> execute_all(std::vector<Request> requests);
  // One request.
  Outcome execute(Request request);
};

}  // namespace gitops::kube
