// Agent: the pull model. Runs one AppWorker per app, a LeaderElector for their leases, and the
// HTTP endpoints: POST /webhook (push events signed with the shared secret trigger an immediate
// refresh of the matching apps), /metrics (Prometheus text), /healthz and /readyz.
// stop() is graceful: workers finish their tick within the grace period; a sync still running
// after it is recorded Interrupted (and its lock released) before the leases are released.
// reload() replaces the set of apps (a config file reload): added apps start, removed apps stop
// after their tick (their lease is released; nothing in the cluster is deleted), changed apps
// restart with their new definition, unchanged apps run on untouched.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agent/app_set.h"
#include "agent/app_worker.h"
#include "agent/http_server.h"
#include "agent/leader.h"
#include "agent/log.h"
#include "agent/metrics.h"
#include "core/result.h"
#include "kube/client.h"

namespace gitops::agent {

struct AgentOptions {
  std::string identity;  // lease holder; history actor "agent/IDENTITY"
  std::chrono::milliseconds lease_duration{15'000};
  Backoff backoff;
  double jitter = 0.1;
  std::chrono::milliseconds shutdown_grace{10'000};
  std::optional<ListenAddress> webhook_address;
  std::optional<ListenAddress> metrics_address;  // may equal the webhook address
  std::string webhook_secret;                    // required with a webhook address
  HttpLimits http_limits;
};

struct ShutdownReport {
  int interrupted = 0;  // syncs recorded Interrupted
  int abandoned = 0;    // workers still running after the grace period (the caller must exit)
};

class Agent {
 public:
  Agent(kube::Client& client, std::vector<AppDefinition> apps, AgentOptions options,
        Logger& logger);
  ~Agent();
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  // Binds the endpoints, then starts leader election and the workers. Fails (kind usage) when an
  // address cannot be bound.
  core::Status start();
  // Stops gracefully (see above). Call once.
  ShutdownReport stop();
  // Runs `apps` from now on, comparing them with the running apps by key and fingerprint (see
  // above); returns what changed. Waits for removed and changed apps to finish their tick (a
  // sync in flight ends first). Call from one thread, between start() and stop().
  AppSetChange reload(std::vector<AppDefinition> apps);

  // The endpoints' router (exposed for tests).
  HttpResponse handle(const HttpRequest& request);
  int webhook_port() const { return m_webhook ? m_webhook->port() : 0; }
  int metrics_port() const { return m_metrics_server ? m_metrics_server->port() : webhook_port(); }
  Metrics& metrics() { return m_metrics; }

 private:
  HttpResponse handle_webhook(const HttpRequest& request);
  bool record_interrupted(const AppWorker& worker, const InFlight& in_flight);
  // Takes the worker of `key` out of m_workers, stops it and waits for its loop to end.
  void retire(const AppKey& key);

  kube::Client& m_client;
  AgentOptions m_options;
  Logger& m_logger;
  Metrics m_metrics;
  std::unique_ptr<LeaderElector> m_elector;
  std::unique_ptr<WorkerContext> m_context;
  // Changed only by reload(); other threads (webhook, election) read it under the mutex.
  mutable std::mutex m_workers_mutex;
  std::vector<std::unique_ptr<AppWorker>> m_workers;
  std::unique_ptr<HttpServer> m_webhook;
  std::unique_ptr<HttpServer> m_metrics_server;
  std::atomic<bool> m_ready{false};
};

}  // namespace gitops::agent
