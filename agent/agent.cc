// Agent wiring: endpoints, election, workers, and the graceful stop.
#include "agent/agent.h"

#include <algorithm>
#include <random>

#include "agent/push_event.h"
#include "agent/signature.h"
#include "git/redact.h"
#include "sync/history.h"
#include "sync/lock.h"

namespace gitops::agent {
namespace {

using Steady = std::chrono::steady_clock;

std::function<double()> thread_safe_random() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  auto mutex = std::make_shared<std::mutex>();
  return [engine, mutex] {
    std::lock_guard lock(*mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
  };
}

HttpResponse text(int status, std::string body) {
  return {.status = status, .body = std::move(body)};
}

}  // namespace

Agent::Agent(kube::Client& client, std::vector<AppDefinition> apps, AgentOptions options,
             Logger& logger)
    : m_client(client), m_options(std::move(options)), m_logger(logger) {
  std::vector<AppKey> keys;
  for (const auto& app : apps) keys.push_back(app.key);
  m_elector = std::make_unique<LeaderElector>(
      client, keys,
      LeaderOptions{.identity = m_options.identity, .lease_duration = m_options.lease_duration},
      [this](const AppKey& app, bool leader, const std::string& message) {
        m_metrics.update(app, [&](AppMetrics& m) { m.leader = leader; });
        m_logger.info(app.to_string(), leader ? message : message + "; standing by");
        // A new leader looks at its app at once rather than an interval later.
        if (!leader) return;
        std::lock_guard lock(m_workers_mutex);
        for (auto& worker : m_workers) {
          if (worker->definition().key == app) worker->trigger();
        }
      });
  m_context =
      std::unique_ptr<WorkerContext>(new WorkerContext{.client = client,
                                                       .metrics = m_metrics,
                                                       .logger = logger,
                                                       .elector = *m_elector,
                                                       .identity = m_options.identity,
                                                       .actor = "agent/" + m_options.identity,
                                                       .backoff = m_options.backoff,
                                                       .jitter = m_options.jitter,
                                                       .random01 = thread_safe_random()});
  for (auto& app : apps)
    m_workers.push_back(std::make_unique<AppWorker>(std::move(app), *m_context));
}

Agent::~Agent() = default;

core::Status Agent::start() {
  auto handler = [this](const HttpRequest& request) { return handle(request); };
  if (m_options.webhook_address) {
    auto server = HttpServer::start(*m_options.webhook_address, handler, m_options.http_limits);
    if (!server) return server.error();
    m_webhook = std::move(*server);
  }
  const bool shared = m_options.webhook_address && m_options.metrics_address &&
                      m_options.webhook_address->host == m_options.metrics_address->host &&
                      m_options.webhook_address->port == m_options.metrics_address->port;
  if (m_options.metrics_address && !shared) {
    auto server = HttpServer::start(*m_options.metrics_address, handler, m_options.http_limits);
    if (!server) return server.error();
    m_metrics_server = std::move(*server);
  }
  m_elector->start();
  for (auto& worker : m_workers) worker->start();
  m_ready = true;
  std::string endpoints;
  if (m_webhook) endpoints += "; webhook on port " + std::to_string(m_webhook->port());
  if (m_metrics_server)
    endpoints += "; metrics on port " + std::to_string(m_metrics_server->port());
  m_logger.info("", "agent " + m_options.identity + " started with " +
                        std::to_string(m_workers.size()) + " apps" + endpoints);
  return {};
}

ShutdownReport Agent::stop() {
  ShutdownReport report;
  m_ready = false;
  m_logger.info("", "stopping: waiting up to " + std::to_string(m_options.shutdown_grace.count()) +
                        "ms for running syncs");
  for (auto& worker : m_workers) worker->request_stop();
  const auto deadline = Steady::now() + m_options.shutdown_grace;
  for (auto& worker : m_workers) {
    if (worker->wait_stopped(deadline)) continue;
    if (auto in_flight = worker->in_flight()) {
      if (record_interrupted(*worker, *in_flight)) ++report.interrupted;
    }
    worker->abandon();
    ++report.abandoned;
  }
  if (m_webhook) m_webhook->stop();
  if (m_metrics_server) m_metrics_server->stop();
  m_elector->stop();
  m_logger.info("", "stopped" + (report.interrupted ? "; " + std::to_string(report.interrupted) +
                                                          " syncs recorded Interrupted"
                                                    : std::string()));
  return report;
}

AppSetChange Agent::reload(std::vector<AppDefinition> apps) {
  std::map<AppKey, std::string> running;
  std::map<AppKey, std::string> wanted;
  {
    std::lock_guard lock(m_workers_mutex);
    for (const auto& worker : m_workers)
      running[worker->definition().key] = worker->definition().fingerprint;
  }
  for (const auto& app : apps) wanted[app.key] = app.fingerprint;
  AppSetChange change = diff_app_sets(running, wanted);
  for (const auto& key : change.removed) {
    retire(key);
    m_elector->remove_app(key);
    m_metrics.remove(key);
  }
  // A changed app keeps its lease and its metrics; its new worker syncs the new spec once.
  for (const auto& key : change.changed) retire(key);
  for (auto& app : apps) {
    const AppKey key = app.key;
    const bool added = std::binary_search(change.added.begin(), change.added.end(), key);
    const bool changed = std::binary_search(change.changed.begin(), change.changed.end(), key);
    if (!added && !changed) continue;
    app.resync = changed;
    auto worker = std::make_unique<AppWorker>(std::move(app), *m_context);
    AppWorker& started = *worker;
    {
      std::lock_guard lock(m_workers_mutex);
      m_workers.push_back(std::move(worker));
    }
    started.start();
    if (added) m_elector->add_app(key);
    if (changed && m_elector->is_leader(key)) started.trigger();
  }
  return change;
}

void Agent::retire(const AppKey& key) {
  std::unique_ptr<AppWorker> worker;
  {
    std::lock_guard lock(m_workers_mutex);
    auto it = std::find_if(m_workers.begin(), m_workers.end(),
                           [&](const auto& w) { return w->definition().key == key; });
    if (it == m_workers.end()) return;
    worker = std::move(*it);
    m_workers.erase(it);
  }
  worker->request_stop();
  if (auto in_flight = worker->in_flight()) {
    m_logger.info(key.to_string(),
                  "stopping after the sync of " + in_flight->commit.substr(0, 7) + " in flight");
  }
  // A tick ends by itself (its sync has its own timeouts); the worker is joined here.
  (void)worker->wait_stopped(Steady::now() + std::chrono::hours(24));
}

// The sync's revision (Running, written by this agent) becomes Interrupted, and the app's lock,
// which this process holds, is deleted so the next sync need not wait for it to expire.
bool Agent::record_interrupted(const AppWorker& worker, const InFlight& in_flight) {
  const AppKey& key = worker.definition().key;
  auto history = sync::list_revisions(m_client, key.name, key.namespace_);
  if (!history || history->empty()) return false;
  sync::Revision r = history->front();
  if (r.status != sync::RevisionStatus::running || r.actor != m_context->actor ||
      r.source.commit != in_flight.commit) {
    return false;
  }
  r.status = sync::RevisionStatus::interrupted;
  r.message = "the agent stopped before the sync finished";
  r.finished_at = sync::now_rfc3339();
  if (auto written = sync::write_revision(m_client, r); !written) {
    m_logger.error(key.to_string(), "recording revision " + std::to_string(r.number) +
                                        " as Interrupted: " + written.error().message);
    return false;
  }
  m_logger.info(key.to_string(), "revision " + std::to_string(r.number) + " (" +
                                     in_flight.commit.substr(0, 7) + ") recorded as Interrupted");
  core::ObjectKey lock{"coordination.k8s.io", "v1", "Lease", key.namespace_, "gitops-" + key.name};
  auto lease = m_client.get(lock);
  if (lease && *lease &&
      (**lease)["spec"].value("holderIdentity", "") == sync::default_holder_identity()) {
    (void)m_client.delete_object(lock);
  }
  return true;
}

HttpResponse Agent::handle(const HttpRequest& request) {
  if (request.path == "/webhook" && m_options.webhook_address) {
    HttpResponse response = handle_webhook(request);
    m_metrics.count_webhook(response.status);
    return response;
  }
  if (request.method != "GET" && request.method != "HEAD") return text(405, "method not allowed\n");
  if (request.path == "/healthz") return text(200, "ok\n");
  if (request.path == "/readyz") return m_ready ? text(200, "ok\n") : text(503, "not ready\n");
  if (request.path == "/metrics") {
    return {.status = 200,
            .content_type = "text/plain; version=0.0.4; charset=utf-8",
            .body = m_metrics.render()};
  }
  return text(404, "not found\n");
}

HttpResponse Agent::handle_webhook(const HttpRequest& request) {
  if (request.method != "POST") return text(405, "use POST\n");
  const std::string signature = request.header("x-hub-signature-256");
  const std::string token = request.header("x-gitlab-token");
  bool valid = !signature.empty()
                   ? valid_hub_signature(m_options.webhook_secret, request.body, signature)
                   : valid_token(m_options.webhook_secret, token);
  if (!valid) {
    m_logger.warning("", "webhook: refused a request with a missing or invalid signature");
    return text(401, "missing or invalid signature\n");
  }
  std::string event = request.header("x-github-event");
  if (event.empty()) event = request.header("x-gitea-event");
  if (event.empty()) event = request.header("x-gitlab-event");
  if (event.empty()) event = request.header("x-event-key");
  if (event == "ping") return text(200, "pong\n");
  auto push = parse_push_event(request.body);
  if (!push) return text(400, push.error().message + "\n");
  std::string triggered;
  int count = 0;
  std::lock_guard lock(m_workers_mutex);
  for (auto& worker : m_workers) {
    const Source& source = *worker->definition().source;
    if (!push_matches(*push, source.repo(), source.ref())) continue;
    worker->trigger();
    triggered += (count++ ? ", " : "") + worker->definition().key.to_string();
  }
  const std::string what =
      "push to " + push->branches.front() + " of " + git::redact_url(push->repo_urls.front());
  if (count == 0) {
    m_logger.info("", "webhook: " + what + ": no app watches it");
    return text(200, "no app watches this repository and branch\n");
  }
  m_logger.info("", "webhook: " + what + ": refreshing " + triggered);
  return text(202, "refreshing " + std::to_string(count) + " apps: " + triggered + "\n");
}

}  // namespace gitops::agent
