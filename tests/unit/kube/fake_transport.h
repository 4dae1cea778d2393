// FakeTransport: an in-memory Transport for kube unit tests. It records every request (with the
// Authorization the credential provider would add) and answers from a queue of canned outcomes
// per "METHOD path" (the last one repeats), or 404 when nothing was queued.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kube/credentials.h"
#include "kube/transport.h"

namespace gitops::kube::testing {

struct RecordedRequest {
  Request request;
  std::string authorization;
};

class FakeTransport final : public Transport {
 public:
  explicit FakeTransport(std::shared_ptr<CredentialProvider> credentials = nullptr)
      : m_credentials(std::move(credentials)) {}

  // Queues an HTTP answer for "METHOD path" (path including the query).
  void respond(const std::string& key, int status, std::string body, std::string retry_after = "") {
    Outcome o;
    o.response.status = status;
    o.response.body = std::move(body);
    o.response.retry_after = std::move(retry_after);
    m_answers[key].push_back(std::move(o));
  }
  // Queues a transport failure for "METHOD path".
  void fail(const std::string& key, FailureKind kind, std::string message) {
    Outcome o;
    o.failure = {kind, core::Error{core::ErrorKind::cluster, std::move(message)}};
    m_answers[key].push_back(std::move(o));
  }

  void execute_each(std::vector<Request> requests,
                    const std::function<void(std::size_t, Outcome&&)>& on_done) override {
    std::string authorization;
    if (m_credentials) {
      auto creds = m_credentials->get();
      if (creds) authorization = creds->authorization;
    }
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const std::string key = std::string(to_string(requests[i].method)) + " " + requests[i].path;
      Outcome out = next(key);
      if (out.ok() && requests[i].on_chunk) {
        requests[i].on_chunk(out.response.body);
        out.response.body.clear();
      }
      m_recorded.push_back({std::move(requests[i]), authorization});
      on_done(i, std::move(out));
    }
  }

  const std::vector<RecordedRequest>& recorded() const { return m_recorded; }
  // "METHOD path" of every recorded request, in order.
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& r : m_recorded) out.push_back(std::string(to_string(r.request.method)) + " " + r.request.path);
    return out;
  }

 private:
  Outcome next(const std::string& key) {
    auto it = m_answers.find(key);
    if (it == m_answers.end() || it->second.empty()) {
      Outcome o;
      o.response.status = 404;
      o.response.body = R"({"kind":"Status","code":404,"reason":"NotFound","message":"no answer for )" + key + "\"}";
      return o;
    }
    Outcome o = it->second.front();
    if (it->second.size() > 1) it->second.pop_front();
    return o;
  }

  std::shared_ptr<CredentialProvider> m_credentials;
  std::map<std::string, std::deque<Outcome>> m_answers;
  std::vector<RecordedRequest> m_recorded;
};

}  // namespace gitops::kube::testing
