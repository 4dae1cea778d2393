// The per-app loop: wait -> lead? -> fetch -> decide (synced, drifted, pinned, backing off, new)
// -> render -> sync -> record.
#include "agent/app_worker.h"

#include <algorithm>

#include "sync/agent_view.h"
#include "sync/drift.h"
#include "sync/history.h"
#include "sync/inventory.h"

namespace gitops::agent {
namespace {

using Steady = std::chrono::steady_clock;

double epoch_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string short_sha(const std::string& commit) { return commit.substr(0, 7); }

std::string seconds_text(std::chrono::milliseconds d) {
  long long ms = d.count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

}  // namespace

std::string_view to_string(SyncReason reason) {
  switch (reason) {
    case SyncReason::first_sync:
      return "first sync";
    case SyncReason::new_commit:
      return "new commit";
    case SyncReason::self_heal:
      return "self-heal";
    case SyncReason::spec_changed:
      return "spec changed";
  }
  return "new commit";
}

bool FetchTimes::recent(const std::string& repo, std::chrono::milliseconds window) const {
  std::lock_guard lock(m_mutex);
  auto it = m_fetched.find(repo);
  return it != m_fetched.end() && Steady::now() - it->second < window;
}

void FetchTimes::mark(const std::string& repo) {
  std::lock_guard lock(m_mutex);
  m_fetched[repo] = Steady::now();
}

AppWorker::AppWorker(AppDefinition definition, WorkerContext& context)
    : m_def(std::move(definition)), m_ctx(context), m_resync(m_def.resync) {
  m_ctx.metrics.update(m_def.key, [](AppMetrics&) {});
}

AppWorker::~AppWorker() {
  request_stop();
  if (m_thread.joinable()) m_thread.join();
}

void AppWorker::start() {
  m_thread = std::thread([this] { loop(); });
}

void AppWorker::trigger() {
  {
    std::lock_guard lock(m_mutex);
    m_triggered = true;
    m_fetch_now = true;
  }
  m_cv.notify_all();
}

void AppWorker::request_stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_cv.notify_all();
}

bool AppWorker::wait_stopped(Steady::time_point deadline) {
  if (!m_thread.joinable()) return true;  // never started
  std::unique_lock lock(m_mutex);
  if (!m_cv.wait_until(lock, deadline, [this] { return m_done; })) return false;
  lock.unlock();
  if (m_thread.joinable()) m_thread.join();
  return true;
}

void AppWorker::abandon() {
  if (m_thread.joinable()) m_thread.detach();
}

std::optional<InFlight> AppWorker::in_flight() const {
  std::lock_guard lock(m_mutex);
  return m_in_flight;
}

void AppWorker::loop() {
  // The first polls of many apps (and of a restarted agent) are spread over a tenth of the
  // interval, at most 5 seconds, so they do not all fetch and sync at the same instant.
  const auto spread =
      std::min<std::chrono::milliseconds>(m_def.interval / 10, std::chrono::milliseconds(5000));
  auto wait = std::chrono::milliseconds(
      static_cast<long long>(static_cast<double>(spread.count()) * m_ctx.random01()));
  while (true) {
    {
      std::unique_lock lock(m_mutex);
      m_cv.wait_for(lock, wait, [this] { return m_stop || m_triggered; });
      if (m_stop) break;
      m_triggered = false;
    }
    tick();
    wait = with_jitter(m_def.interval, m_ctx.jitter, m_ctx.random01());
  }
  {
    std::lock_guard lock(m_mutex);
    m_done = true;
  }
  m_cv.notify_all();
}

bool AppWorker::pinned() {
  auto parent =
      m_ctx.client.get({"", "v1", "Secret", m_def.key.namespace_, "gitops-" + m_def.key.name});
  if (!parent || !*parent) return false;
  const core::Json meta = (**parent).value("metadata", core::Json::object());
  return meta.value("annotations", core::Json::object()).contains(sync::k_rollback_pin_annotation);
}

void AppWorker::tick() {
  const bool leader = m_ctx.elector.is_leader(m_def.key);
  m_ctx.metrics.update(m_def.key, [&](AppMetrics& m) { m.leader = leader; });
  if (!leader) return;
  bool fetch_now = false;
  {
    std::lock_guard lock(m_mutex);
    std::swap(fetch_now, m_fetch_now);
  }
  // Another app on the repository fetched within half an interval (at most 10s): use that.
  const auto window =
      std::min<std::chrono::milliseconds>(m_def.interval / 2, std::chrono::milliseconds(10'000));
  const std::string repo = m_def.source->repo();
  const bool shared = !fetch_now && m_ctx.fetches.recent(repo, window);
  auto commit = m_def.source->fetch(shared ? FetchMode::cached : FetchMode::remote);
  if (commit && !shared) m_ctx.fetches.mark(repo);
  if (!commit) {
    m_ctx.metrics.update(m_def.key, [](AppMetrics& m) { ++m.fetch_failures; });
    m_ctx.logger.error(name(), "fetching " + m_def.source->ref() + ": " + commit.error().message);
    return;
  }
  m_ctx.metrics.update(m_def.key, [&](AppMetrics& m) { m.observed_commit = *commit; });
  if (check(*commit)) report_view(*commit);
}

bool AppWorker::check(const std::string& commit) {
  auto history = sync::list_revisions(m_ctx.client, m_def.key.name, m_def.key.namespace_,
                                      sync::RevisionDetail::summary);
  if (!history) {
    m_ctx.logger.error(name(), "reading the history: " + history.error().message);
    return false;
  }
  const sync::Revision* last = history->empty() ? nullptr : &history->front();
  const int last_number = last ? last->number : 0;
  if (last && last->source.commit == commit && last->status == sync::RevisionStatus::succeeded &&
      !m_resync) {
    m_failure = {};
    m_ctx.metrics.update(m_def.key, [&](AppMetrics& m) {
      m.commit = commit;
      m.sync_status = "Synced";
      m.consecutive_failures = 0;
    });
    if (m_def.self_heal && !pinned()) heal(commit);
    return true;
  }
  m_ctx.metrics.update(m_def.key, [&](AppMetrics& m) { m.sync_status = "OutOfSync"; });
  if (pinned()) {
    bool seen = std::any_of(history->begin(), history->end(),
                            [&](const sync::Revision& r) { return r.source.commit == commit; });
    if (seen) {
      paused_by_pin(commit);
      return true;
    }
  }
  if (m_failure.commit == commit && Steady::now() < m_failure.retry_at) return true;
  const SyncReason reason = m_resync ? SyncReason::spec_changed
                            : last   ? SyncReason::new_commit
                                     : SyncReason::first_sync;
  sync_commit(commit, last_number, reason);
  return true;
}

void AppWorker::paused_by_pin(const std::string& commit) {
  if (m_pin_logged == commit) return;
  m_ctx.logger.info(name(), "auto-sync paused by a rollback pin until a new commit arrives (the ref is at " +
                                short_sha(commit) + ")");
  m_pin_logged = commit;
}

void AppWorker::heal(const std::string& commit) {
  if (m_cached_commit != commit) {
    auto rendered = m_def.source->render(commit);
    if (!rendered) {
      m_ctx.logger.error(name(), "rendering " + short_sha(commit) +
                                     " for the drift check: " + rendered.error().message);
      return;
    }
    m_cached_commit = commit;
    m_cached_objects = std::move(rendered->objects);
  }
  auto drift =
      sync::compute_drift(m_ctx.client, m_cached_objects, m_def.key.name, m_def.key.namespace_);
  if (!drift) {
    m_ctx.logger.error(name(), "checking for drift: " + drift.error().message);
    return;
  }
  if (drift->differing == 0) return;
  if (m_failure.commit == commit && Steady::now() < m_failure.retry_at) return;
  m_ctx.metrics.update(m_def.key, [](AppMetrics& m) { m.sync_status = "OutOfSync"; });
  m_ctx.logger.info(name(), std::to_string(drift->differing) + " objects drifted from " +
                                short_sha(commit) + "; re-syncing (self-heal)");
  auto history = sync::list_revisions(m_ctx.client, m_def.key.name, m_def.key.namespace_,
                                      sync::RevisionDetail::summary);
  sync_commit(commit, history && !history->empty() ? history->front().number : 0,
              SyncReason::self_heal);
}

void AppWorker::sync_commit(const std::string& commit, int last_revision, SyncReason reason) {
  const auto started = Steady::now();
  m_ctx.logger.info(name(), "syncing " + short_sha(commit) + " (" + m_def.source->ref() + "; " +
                                std::string(to_string(reason)) + ")");
  auto rendered = m_def.source->render(commit);
  if (!rendered) return failed(commit, last_revision, rendered.error(), started);
  sync::SyncOptions options = m_def.sync;
  options.source = rendered->record;
  options.actor = m_ctx.actor;
  if (reason == SyncReason::self_heal) options.force_conflicts = true;
  options.yield_to_pin = true;  // a rollback that pinned the app meanwhile wins
  {
    std::lock_guard lock(m_mutex);
    m_in_flight = InFlight{commit};
  }
  auto outcome = sync::run_sync(m_ctx.client, rendered->objects, options);
  {
    std::lock_guard lock(m_mutex);
    m_in_flight.reset();
  }
  if (!outcome) return failed(commit, last_revision, outcome.error(), started);
  if (outcome->paused) {
    m_ctx.metrics.update(m_def.key, [](AppMetrics& m) { m.sync_status = "OutOfSync"; });
    return paused_by_pin(commit);
  }
  m_failure = {};
  m_resync = false;
  m_cached_commit = commit;
  m_cached_objects = std::move(rendered->objects);
  m_synced_health = outcome->health;
  const double seconds = std::chrono::duration<double>(Steady::now() - started).count();
  const std::string health(health::to_string(outcome->health));
  m_ctx.metrics.update(m_def.key, [&](AppMetrics& m) {
    ++m.syncs_succeeded;
    m.consecutive_failures = 0;
    m.last_sync_timestamp = m.last_success_timestamp = epoch_seconds();
    m.last_sync_duration = seconds;
    m.last_result = "succeeded";
    m.commit = commit;
    m.sync_status = "Synced";
    m.health = health;
  });
  m_ctx.logger.info(name(), sync::summary(*outcome, options));
}

void AppWorker::failed(const std::string& commit, int last_revision, const core::Error& error,
                       Steady::time_point started) {
  if (m_failure.commit != commit) m_failure = {.commit = commit};
  ++m_failure.attempts;
  const auto delay = m_ctx.backoff.delay(m_failure.attempts);
  m_failure.retry_at = Steady::now() + delay;
  record_failure(commit, last_revision, error.message);
  const double seconds = std::chrono::duration<double>(Steady::now() - started).count();
  m_ctx.metrics.update(m_def.key, [&](AppMetrics& m) {
    ++m.syncs_failed;
    ++m.consecutive_failures;
    m.last_sync_timestamp = epoch_seconds();
    m.last_sync_duration = seconds;
    m.last_result = "failed";
    m.sync_status = "OutOfSync";
  });
  m_ctx.logger.error(name(), "sync of " + short_sha(commit) + " failed (attempt " +
                                 std::to_string(m_failure.attempts) + ", next try in " +
                                 seconds_text(delay) + " at the earliest): " + error.message);
}

void AppWorker::report_view(const std::string& commit) {
  const AppMetrics metrics = m_ctx.metrics.get(m_def.key);
  sync::AgentView view{
      .commit = commit,
      .ref = m_def.source->ref(),
      .sync_status = metrics.sync_status,
      .health = m_synced_health ? std::string(health::to_string(*m_synced_health)) : std::string(),
      .identity = m_ctx.identity};
  m_synced_health.reset();
  const auto now = Steady::now();
  if (!view_report_due(m_reported, view, now)) return;
  std::optional<core::Json> parent;
  if (view.health.empty()) {
    // Not assessed by a sync this tick: the worst health of the inventory's live members.
    auto inventory = sync::read_inventory(m_ctx.client, m_def.key.name, m_def.key.namespace_);
    if (!inventory) {
      m_ctx.logger.warning(
          name(), "reading the inventory for the agent's view: " + inventory.error().message);
      return;
    }
    health::Status worst = health::Status::healthy;
    for (const auto& member : inventory->members)
      worst = health::worst(worst, health::assess(member).status);
    view.health = std::string(health::to_string(worst));
    m_ctx.metrics.update(m_def.key, [&](AppMetrics& m) { m.health = view.health; });
    parent = std::move(inventory->parent);
  } else {
    auto live = m_ctx.client.get(
        {"", "v1", "Secret", m_def.key.namespace_, sync::parent_name(m_def.key.name)});
    if (!live) {
      m_ctx.logger.warning(name(),
                           "reading the inventory for the agent's view: " + live.error().message);
      return;
    }
    parent = std::move(*live);
  }
  if (!parent) return;  // no sync has written the inventory yet
  view.observed_at = sync::now_rfc3339();
  const std::string version = (*parent)["metadata"].value("resourceVersion", "");
  if (auto written =
          sync::write_agent_view(m_ctx.client, m_def.key.name, m_def.key.namespace_, view, version);
      !written) {
    m_ctx.logger.warning(name(), written.error().message);
    return;
  }
  m_reported = ReportedView{view, now};
}

// The engine records a failure once it began writing; everything that failed earlier (render,
// dry-run, guards, the lock) is recorded here, once per commit and message.
void AppWorker::record_failure(const std::string& commit, int last_revision,
                               const std::string& message) {
  auto history = sync::list_revisions(m_ctx.client, m_def.key.name, m_def.key.namespace_,
                                      sync::RevisionDetail::summary);
  if (!history) return;
  if (!history->empty() && history->front().number > last_revision &&
      history->front().source.commit == commit) {
    return;  // the engine recorded it
  }
  if (m_failure.recorded_message == message) return;
  sync::Revision r;
  r.number = history->empty() ? 1 : history->front().number + 1;
  r.app = m_def.key.name;
  r.namespace_ = m_def.key.namespace_;
  r.source = m_def.source->record();
  r.source.commit = commit;
  r.started_at = r.finished_at = sync::now_rfc3339();
  r.actor = m_ctx.actor;
  r.status = sync::RevisionStatus::failed;
  r.message = message;
  if (auto written = sync::write_revision(m_ctx.client, r); !written) {
    m_ctx.logger.error(name(), "recording the failed revision: " + written.error().message);
    return;
  }
  m_failure.recorded_message = message;
  history->insert(history->begin(), r);
  (void)sync::trim_history(m_ctx.client, *history, m_def.sync.history_max);
}

}  // namespace gitops::agent
