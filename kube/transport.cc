// Names of the transport's closed sets and the batch helpers built on execute_each.
#include "kube/transport.h"

namespace gitops::kube {

std::string_view to_string(Method method) {
  switch (method) {
    case Method::get: return "GET";
    case Method::post: return "POST";
    case Method::put: return "PUT";
    case Method::patch: return "PATCH";
    case Method::delete_: return "DELETE";
  }
  return "GET";
}

std::string_view to_string(Idempotency idempotency) {
  switch (idempotency) {
    case Idempotency::read: return "read";
    case Idempotency::dry_run: return "dry-run";
    case Idempotency::idempotent_write: return "idempotent write";
    case Idempotency::write: return "write";
  }
  return "write";
}

std::string_view to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::none: return "none";
    case FailureKind::connect: return "connect";
    case FailureKind::reset: return "reset";
    case FailureKind::tls: return "tls";
    case FailureKind::timeout: return "timeout";
    case FailureKind::aborted: return "aborted";
    case FailureKind::other: return "other";
  }
  return "other";
}

std::vector<Outcome> Transport::execute_all(std::vector<Request> requests) {
  std::vector<Outcome> out(requests.size());
  execute_each(std::move(requests),
               [&](std::size_t index, Outcome&& outcome) { out[index] = std::move(outcome); });
  return out;
}

Outcome Transport::execute(Request request) {
  std::vector<Request> one;
  one.push_back(std::move(request));
  return std::move(execute_all(std::move(one)).front());
}

}  // namespace gitops::kube
