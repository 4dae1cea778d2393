// AppWorker: one app's loop on its own thread. Every interval (with jitter), or at once when a
// webhook triggers it, and only while this agent leads the app: fetch the ref; when its commit
// is not the one last synced, render and sync it; with self-heal, re-sync a synced commit whose
// live objects drifted. A failed commit is retried only after a capped exponential backoff and is
// recorded once in history (the engine records failures after writes began; render, dry-run and
// guard failures are recorded here). A rollback pin leaves the app alone until the ref names a
// commit that history has never seen. After every check the worker writes what it saw onto the
// app's parent Secret (sync/agent_view.h; see view_report.h for how often).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "agent/backoff.h"
#include "agent/leader.h"
#include "agent/log.h"
#include "agent/metrics.h"
#include "agent/source.h"
#include "agent/view_report.h"
#include "health/health.h"
#include "kube/client.h"
#include "sync/engine.h"

namespace gitops::agent {

struct AppDefinition {
  AppKey key;
  std::unique_ptr<Source> source;
  bool self_heal = false;
  std::chrono::milliseconds interval{std::chrono::minutes(3)};
  sync::SyncOptions sync;  // app, namespace, prune, timeouts; source and actor are filled per run
  // What the app was defined from (its config document); a reload restarts it when it changes.
  std::string fingerprint;
  // Sync once even when the ref's commit is synced: the spec changed on a reload.
  bool resync = false;
};

// When each repository was last fetched: apps on the same repository share one fetch per
// window instead of each fetching it every interval (less load on the Git server, and on
// libgit2, whose remote setup costs memory per fetch).
class FetchTimes {
 public:
  // Whether `repo` was fetched less than `window` ago.
  bool recent(const std::string& repo, std::chrono::milliseconds window) const;
  void mark(const std::string& repo);

 private:
  mutable std::mutex m_mutex;
  std::map<std::string, std::chrono::steady_clock::time_point> m_fetched;
};

struct WorkerContext {
  kube::Client& client;
  Metrics& metrics;
  Logger& logger;
  LeaderElector& elector;
  std::string identity;  // the agent's --identity, written in its view of each app
  std::string actor;     // "agent/IDENTITY", recorded in history
  Backoff backoff;
  double jitter = 0.1;
  std::function<double()> random01;  // in [0, 1)
  FetchTimes fetches;
};

// Why a worker syncs: a commit it has not synced, or drift of the one it has (self-heal, which
// takes drifted fields back from whoever changed them: conflicts are forced).
enum class SyncReason { first_sync, new_commit, self_heal, spec_changed };
// "first sync", "new commit", "self-heal", "spec changed"
std::string_view to_string(SyncReason reason);

// What a worker is syncing right now.
struct InFlight {
  std::string commit;
};

class AppWorker {
 public:
  AppWorker(AppDefinition definition, WorkerContext& context);
  ~AppWorker();
  AppWorker(const AppWorker&) = delete;
  AppWorker& operator=(const AppWorker&) = delete;

  const AppDefinition& definition() const { return m_def; }
  void start();
  // Runs the next tick now (a webhook push).
  void trigger();
  // Asks the loop to end after the current tick.
  void request_stop();
  // Waits until the loop ended or `deadline` passed; true when it ended (and was joined).
  bool wait_stopped(std::chrono::steady_clock::time_point deadline);
  // Lets the thread run on unjoined (shutdown after the grace period).
  void abandon();
  std::optional<InFlight> in_flight() const;

  // One pass of the loop (exposed for tests).
  void tick();

 private:
  struct Failure {
    std::string commit;
    int attempts = 0;
    std::chrono::steady_clock::time_point retry_at{};
    std::string recorded_message;  // recorded in history for this commit already
  };
  void loop();
  // Decides and syncs for the ref's `commit`; false when the history could not be read.
  bool check(const std::string& commit);
  // Writes the agent's view of the app onto its parent when due (view_report.h).
  void report_view(const std::string& commit);
  bool pinned();
  void heal(const std::string& commit);
  // Logs, once per commit, that a rollback pin holds the app at its rolled-back revision.
  void paused_by_pin(const std::string& commit);
  void sync_commit(const std::string& commit, int last_revision, SyncReason reason);
  void failed(const std::string& commit, int last_revision, const core::Error& error,
              std::chrono::steady_clock::time_point started);
  void record_failure(const std::string& commit, int last_revision, const std::string& message);
  std::string name() const { return m_def.key.to_string(); }

  AppDefinition m_def;
  WorkerContext& m_ctx;
  Failure m_failure;
  std::string m_pin_logged;  // commit for which the pause was logged
  std::string m_cached_commit;
  core::Objects m_cached_objects;  // the render of m_cached_commit, for self-heal
  bool m_resync = false;           // see AppDefinition::resync
  std::optional<health::Status> m_synced_health;  // of the sync this tick ran
  std::optional<ReportedView> m_reported;

  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stop = false;
  bool m_triggered = false;
  bool m_fetch_now = false;  // the next tick asks the remote whatever FetchTimes says
  bool m_done = false;
  std::optional<InFlight> m_in_flight;
  std::thread m_thread;
};

}  // namespace gitops::agent
