// Metrics: what the agent knows about each app (last sync, result, duration, commit,
// Synced/OutOfSync, health, leadership) and its request counters, rendered in the Prometheus
// text exposition format (version 0.0.4) for `/metrics`. Thread-safe; every family and every
// series printed in a stable order.
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace gitops::agent {

struct AppKey {
  std::string namespace_;
  std::string name;
  auto operator<=>(const AppKey&) const = default;
  std::string to_string() const { return namespace_ + "/" + name; }
};

struct AppMetrics {
  long long syncs_succeeded = 0;
  long long syncs_failed = 0;
  long long fetch_failures = 0;
  int consecutive_failures = 0;
  double last_sync_timestamp = 0;  // seconds since the epoch of the last finished attempt
  double last_sync_duration = 0;   // seconds
  double last_success_timestamp = 0;
  std::string last_result;              // "" (none yet), "succeeded", "failed"
  std::string commit;                   // the commit last synced successfully
  std::string observed_commit;          // the ref's commit at the last fetch
  std::string sync_status = "Unknown";  // Synced, OutOfSync, Unknown
  std::string health = "Unknown";
  bool leader = false;
};

class Metrics {
 public:
  // Runs `change` on the app's entry under the lock.
  template <typename F>
  void update(const AppKey& app, F change) {
    std::lock_guard lock(m_mutex);
    change(m_apps[app]);
  }
  AppMetrics get(const AppKey& app) const;
  // Forgets the app (removed from the config): its series leave the exposition.
  void remove(const AppKey& app);
  void count_webhook(int status);
  // The exposition text.
  std::string render() const;

 private:
  mutable std::mutex m_mutex;
  std::map<AppKey, AppMetrics> m_apps;
  std::map<int, long long> m_webhook_requests;
};

// A label value escaped for the exposition format (backslash, quote, newline).
std::string escape_label(const std::string& value);

}  // namespace gitops::agent
