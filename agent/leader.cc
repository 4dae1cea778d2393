// Lease acquisition, renewal, takeover and release with optimistic concurrency.
#include "agent/leader.h"

#include <ctime>

namespace gitops::agent {
namespace {

using Steady = std::chrono::steady_clock;

std::string micro_time_now() {
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  long long micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1000000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char date[40];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%s.%06lldZ", date, micros);
  return out;
}

core::ObjectKey lease_key(const AppKey& app) {
  return {"coordination.k8s.io", "v1", "Lease", app.namespace_, leader_lease_name(app.name)};
}

core::Json new_lease(const AppKey& app, const LeaderOptions& o) {
  std::string now = micro_time_now();
  long long seconds = std::max<long long>(1, (o.lease_duration.count() + 999) / 1000);
  return {{"apiVersion", "coordination.k8s.io/v1"},
          {"kind", "Lease"},
          {"metadata",
           {{"name", leader_lease_name(app.name)},
            {"namespace", app.namespace_},
            {"labels", {{"kubectl-gitops.dev/app", app.name}}}}},
          {"spec",
           {{"holderIdentity", o.identity},
            {"leaseDurationSeconds", seconds},
            {"acquireTime", now},
            {"renewTime", now},
            {"leaseTransitions", 0}}}};
}

}  // namespace

std::string leader_lease_name(const std::string& app) { return "gitops-" + app + ".agent"; }

LeaderElector::LeaderElector(kube::Client& client, std::vector<AppKey> apps, LeaderOptions options,
                             std::function<void(const AppKey&, bool, const std::string&)> on_change)
    : m_client(client),
      m_apps(std::move(apps)),
      m_options(std::move(options)),
      m_on_change(std::move(on_change)) {
  for (const auto& app : m_apps) m_states[app];
}

LeaderElector::~LeaderElector() { stop(); }

void LeaderElector::start() {
  m_thread = std::thread([this] {
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
      lock.unlock();
      round();
      lock.lock();
      m_cv.wait_for(lock, m_options.lease_duration / 3, [this] { return m_stop || m_round_now; });
      m_round_now = false;
    }
  });
}

bool LeaderElector::is_leader(const AppKey& app) const {
  std::lock_guard lock(m_mutex);
  auto it = m_states.find(app);
  if (it == m_states.end() || !it->second.held) return false;
  return Steady::now() - it->second.renewed < m_options.lease_duration * 2 / 3;
}

void LeaderElector::round() {
  std::vector<AppKey> apps;
  {
    std::lock_guard lock(m_mutex);
    apps = m_apps;
  }
  for (const auto& app : apps) {
    std::lock_guard trying(m_round_mutex);
    {
      std::lock_guard lock(m_mutex);
      if (m_stop) return;
      if (!m_states.contains(app)) continue;  // removed meanwhile
    }
    try_app(app);
  }
}

void LeaderElector::add_app(const AppKey& app) {
  {
    std::lock_guard lock(m_mutex);
    if (m_states.contains(app)) return;
    m_apps.push_back(app);
    m_states[app];
    m_round_now = true;
  }
  m_cv.notify_all();
}

void LeaderElector::remove_app(const AppKey& app) {
  std::lock_guard trying(m_round_mutex);
  State state;
  {
    std::lock_guard lock(m_mutex);
    auto it = m_states.find(app);
    if (it == m_states.end()) return;
    state = it->second;
    m_states.erase(it);
    std::erase(m_apps, app);
  }
  if (state.held) {
    (void)m_client.delete_object(lease_key(app),
                                 {.precondition_resource_version = state.resource_version});
  }
}

void LeaderElector::set_held(const AppKey& app, State& state, bool held,
                             const std::string& message) {
  bool changed = state.held != held;
  state.held = held;
  if (changed && m_on_change) m_on_change(app, held, message);
}

void LeaderElector::try_app(const AppKey& app) {
  auto live = m_client.get(lease_key(app));
  std::unique_lock lock(m_mutex);
  State& state = m_states[app];
  const auto now = Steady::now();
  if (!live) {
    if (state.held && now - state.renewed >= m_options.lease_duration * 2 / 3) {
      set_held(app, state, false, "lost the lease: " + live.error().message);
    }
    return;
  }
  lock.unlock();
  core::Result<core::Json> written = core::Error{core::ErrorKind::internal, ""};
  std::string took_from;
  if (!*live) {
    written = m_client.create(new_lease(app, m_options));
  } else {
    core::Json lease = **live;
    core::Json& spec = lease["spec"];
    std::string holder = spec.value("holderIdentity", "");
    std::string version = lease["metadata"].value("resourceVersion", "");
    if (holder != m_options.identity) {
      lock.lock();
      if (version != state.observed_version) {
        state.observed_version = version;
        state.observed_at = now;
      }
      bool expired = holder.empty() || now - state.observed_at >= m_options.lease_duration;
      if (state.held) set_held(app, state, false, "lost the lease to " + holder);
      if (!expired) return;
      lock.unlock();
      took_from = holder;
      spec["acquireTime"] = micro_time_now();
      spec["leaseTransitions"] = spec.value("leaseTransitions", 0) + 1;
    }
    spec["holderIdentity"] = m_options.identity;
    spec["renewTime"] = micro_time_now();
    spec["leaseDurationSeconds"] =
        std::max<long long>(1, (m_options.lease_duration.count() + 999) / 1000);
    written = m_client.update(lease);
  }
  lock.lock();
  if (!written) {
    if (state.held && now - state.renewed >= m_options.lease_duration * 2 / 3) {
      set_held(app, state, false, "lost the lease: " + written.error().message);
    }
    return;
  }
  state.renewed = now;
  state.resource_version = (*written)["metadata"].value("resourceVersion", "");
  set_held(app, state, true,
           took_from.empty() ? "leading" : "took the lease over from " + took_from);
}

void LeaderElector::stop() {
  {
    std::lock_guard lock(m_mutex);
    if (m_stop && !m_thread.joinable()) return;
    m_stop = true;
  }
  m_cv.notify_all();
  if (m_thread.joinable()) m_thread.join();
  std::lock_guard trying(m_round_mutex);
  for (auto& [app, state] : m_states) {
    if (!state.held) continue;
    (void)m_client.delete_object(lease_key(app),
                                 {.precondition_resource_version = state.resource_version});
    state.held = false;
  }
}

}  // namespace gitops::agent
