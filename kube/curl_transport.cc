// The curl-multi I/O loop: a queue of jobs fed by callers, started under the in-flight limit and
// the token bucket, completed into per-batch queues that the calling threads drain.
#include "kube/curl_transport.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "kube/curl_request.h"
#include "kube/rate_limiter.h"
#include "kube/redact.h"

namespace gitops::kube {

namespace {

// One caller's batch: outcomes land here, the caller drains them.
struct Batch {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<std::pair<std::size_t, Outcome>> done;
};

struct Job {
  CurlRequest request;
  Batch* batch = nullptr;
  std::size_t index = 0;
};

}  // namespace

struct CurlTransport::Impl {
  CurlTransportOptions options;
  std::shared_ptr<CredentialProvider> credentials;
  ServerEndpoint endpoint;
  CurlMulti multi;
  RateLimiter limiter;

  std::mutex mutex;  // guards pending and stopping
  std::deque<std::unique_ptr<Job>> pending;
  bool stopping = false;

  std::vector<std::unique_ptr<Job>> running;  // I/O thread only
  std::thread io;

  Impl(CurlTransportOptions o, std::shared_ptr<CredentialProvider> c, ServerEndpoint e)
      : options(std::move(o)),
        credentials(std::move(c)),
        endpoint(std::move(e)),
        multi(curl_multi_init()),
        limiter(options.qps, options.burst, RateLimiter::Clock::now()) {
    curl_multi_setopt(multi.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_multi_setopt(multi.get(), CURLMOPT_MAX_CONCURRENT_STREAMS,
                      static_cast<long>(std::max(1, options.max_in_flight)));
  }

  void finish(std::unique_ptr<Job> job, Outcome outcome) {
    log_outcome(job->request, outcome);
    Batch* batch = job->batch;
    const std::size_t index = job->index;
    job.reset();  // release curl resources before the caller may return
    std::lock_guard lock(batch->mutex);
    batch->done.emplace_back(index, std::move(outcome));
    batch->ready.notify_one();
  }

  void log_outcome(const CurlRequest& request, const Outcome& outcome) {
    const Logging& logging = options.logging;
    if (!logging.enabled(6)) return;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - request.started())
                        .count();
    std::string line = std::string(to_string(request.method())) + " " + request.url() + " ";
    if (outcome.ok()) {
      line += std::to_string(outcome.response.status) + " in " + std::to_string(ms) + " milliseconds";
    } else {
      line += "failed in " + std::to_string(ms) + " milliseconds: " + outcome.failure.error.message;
    }
    const auto secrets = credentials->secrets();
    if (logging.enabled(7)) {
      for (const auto& header : request.headers()) {
        logging.sink(redact_secrets("  request header: " + redact_header(header), secrets));
      }
    }
    logging.sink(redact_secrets(line, secrets));
    if (logging.enabled(8) && outcome.ok()) {
      logging.sink("  request body " + std::to_string(request.body_size()) + " bytes, response body " +
                   std::to_string(outcome.response.body.size()) + " bytes");
    }
  }

  // Moves queued jobs into curl while the in-flight limit and the token bucket allow; returns
  // how long to wait for the next token when jobs are still waiting (0: none waiting).
  std::chrono::milliseconds start_jobs(std::deque<std::unique_ptr<Job>>& waiting) {
    while (!waiting.empty() && static_cast<int>(running.size()) < options.max_in_flight) {
      const auto now = RateLimiter::Clock::now();
      if (!limiter.try_acquire(now)) {
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(limiter.wait_time(now));
        return std::max(wait, std::chrono::milliseconds(1));
      }
      std::unique_ptr<Job> job = std::move(waiting.front());
      waiting.pop_front();
      job->request.mark_started();
      if (curl_multi_add_handle(multi.get(), job->request.handle()) != CURLM_OK) {
        finish(std::move(job), failed_outcome(FailureKind::other, "cannot add the request to curl"));
        continue;
      }
      running.push_back(std::move(job));
    }
    return std::chrono::milliseconds(0);
  }

  Outcome failed_outcome(FailureKind kind, const std::string& message) {
    Outcome out;
    out.failure = {kind, core::Error{core::ErrorKind::cluster, message}};
    return out;
  }

  void collect_completed() {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      const CURLcode code = msg->data.result;
      curl_multi_remove_handle(multi.get(), easy);
      for (auto it = running.begin(); it != running.end(); ++it) {
        if ((*it)->request.handle() != easy) continue;
        std::unique_ptr<Job> job = std::move(*it);
        running.erase(it);
        Outcome outcome = job->request.outcome(code, endpoint, options.tls);
        finish(std::move(job), std::move(outcome));
        break;
      }
    }
  }

  void run() {
    std::deque<std::unique_ptr<Job>> waiting;
    while (true) {
      {
        std::lock_guard lock(mutex);
        if (stopping) break;
        while (!pending.empty()) {
          waiting.push_back(std::move(pending.front()));
          pending.pop_front();
        }
      }
      const auto token_wait = start_jobs(waiting);
      int still_running = 0;
      curl_multi_perform(multi.get(), &still_running);
      collect_completed();
      int timeout_ms = 1000;
      if (token_wait.count() > 0) timeout_ms = static_cast<int>(std::min<long long>(token_wait.count(), 1000));
      if (!waiting.empty() && token_wait.count() == 0 &&
          static_cast<int>(running.size()) < options.max_in_flight) {
        timeout_ms = 0;
      }
      curl_multi_poll(multi.get(), nullptr, 0, timeout_ms, nullptr);
    }
    for (auto& job : running) {
      curl_multi_remove_handle(multi.get(), job->request.handle());
      finish(std::move(job), failed_outcome(FailureKind::aborted, "the client was closed"));
    }
    running.clear();
    for (auto& job : waiting) finish(std::move(job), failed_outcome(FailureKind::aborted, "the client was closed"));
  }
};

core::Result<std::unique_ptr<CurlTransport>> CurlTransport::create(
    CurlTransportOptions options, std::shared_ptr<CredentialProvider> credentials) {
  ensure_curl_global_init();
  auto endpoint = parse_server(options.server, options.tls.server_name);
  if (!endpoint) return endpoint.error();
  auto impl = std::make_unique<Impl>(std::move(options), std::move(credentials), std::move(*endpoint));
  if (!impl->multi) return core::Error{core::ErrorKind::internal, "curl_multi_init failed"};
  Impl* raw = impl.get();
  impl->io = std::thread([raw] { raw->run(); });
  return std::unique_ptr<CurlTransport>(new CurlTransport(std::move(impl)));
}

CurlTransport::CurlTransport(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

CurlTransport::~CurlTransport() {
  {
    std::lock_guard lock(m_impl->mutex);
    m_impl->stopping = true;
  }
  curl_multi_wakeup(m_impl->multi.get());
  if (m_impl->io.joinable()) m_impl->io.join();
}

void CurlTransport::execute_each(std::vector<Request> requests,
                                 const std::function<void(std::size_t, Outcome&&)>& on_done) {
  if (requests.empty()) return;
  auto credentials = m_impl->credentials->get();
  if (!credentials) {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      Outcome out;
      out.failure = {FailureKind::other, credentials.error()};
      on_done(i, std::move(out));
    }
    return;
  }
  Batch batch;
  const std::size_t total = requests.size();
  {
    std::vector<std::unique_ptr<Job>> jobs;
    for (std::size_t i = 0; i < total; ++i) {
      auto job = std::make_unique<Job>();
      job->request = CurlRequest(std::move(requests[i]), m_impl->endpoint, m_impl->options, *credentials);
      job->batch = &batch;
      job->index = i;
      jobs.push_back(std::move(job));
    }
    std::lock_guard lock(m_impl->mutex);
    for (auto& job : jobs) m_impl->pending.push_back(std::move(job));
  }
  curl_multi_wakeup(m_impl->multi.get());
  std::size_t delivered = 0;
  while (delivered < total) {
    std::deque<std::pair<std::size_t, Outcome>> ready;
    {
      std::unique_lock lock(batch.mutex);
      batch.ready.wait(lock, [&] { return !batch.done.empty(); });
      ready.swap(batch.done);
    }
    for (auto& [index, outcome] : ready) {
      on_done(index, std::move(outcome));
      ++delivered;
    }
  }
}

}  // namespace gitops::kube
