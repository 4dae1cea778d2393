// Leader election, per app: a coordination.k8s.io/v1 Lease `gitops-APP.agent` in the app's
// namespace names the agent that drives the app. One thread tries to take or renew every app's
// lease each retry period; a lease whose record has not changed for a whole lease duration (by
// this agent's clock, so clock skew between hosts does not matter) is taken over. An agent that
// cannot renew for `renew_deadline` stops considering itself the leader before anyone else may
// take over. On stop the held leases are deleted so a standby takes over at once. Apps come and
// go with config reloads: add_app() tries the new app's lease at once, remove_app() deletes its
// lease if held.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "agent/metrics.h"
#include "kube/client.h"

namespace gitops::agent {

struct LeaderOptions {
  std::string identity;  // written to holderIdentity
  std::chrono::milliseconds lease_duration{15'000};
  // Renewals and attempts happen every lease_duration / 3; leadership lapses after
  // 2/3 of a lease duration without a successful renewal.
};

// "gitops-APP.agent".
std::string leader_lease_name(const std::string& app);

class LeaderElector {
 public:
  LeaderElector(
      kube::Client& client, std::vector<AppKey> apps, LeaderOptions options,
      std::function<void(const AppKey&, bool leader, const std::string& message)> on_change);
  ~LeaderElector();  // stop()s
  LeaderElector(const LeaderElector&) = delete;
  LeaderElector& operator=(const LeaderElector&) = delete;

  void start();
  // Whether this agent leads `app` now.
  bool is_leader(const AppKey& app) const;
  // Stops renewing and deletes the leases this agent holds.
  void stop();
  // Starts electing `app` too, with a round at once; no-op when it is elected already.
  void add_app(const AppKey& app);
  // Stops electing `app` and deletes its lease if this agent holds it; waits for a round that is
  // trying it. No change callback is made for it.
  void remove_app(const AppKey& app);
  // One round over every app (start() runs it on its thread; exposed for tests).
  void round();

 private:
  struct State {
    bool held = false;
    std::chrono::steady_clock::time_point renewed{};  // last successful write
    std::string observed_version;                     // resourceVersion last seen of another holder
    std::chrono::steady_clock::time_point observed_at{};
    std::string resource_version;  // of our lease
  };
  void try_app(const AppKey& app);
  void set_held(const AppKey& app, State& state, bool held, const std::string& message);

  kube::Client& m_client;
  std::vector<AppKey> m_apps;
  LeaderOptions m_options;
  std::function<void(const AppKey&, bool, const std::string&)> m_on_change;
  // Held while one app is tried, so remove_app() never races a write of the app's lease.
  std::mutex m_round_mutex;
  mutable std::mutex m_mutex;
  std::map<AppKey, State> m_states;
  std::condition_variable m_cv;
  bool m_stop = false;
  bool m_round_now = false;  // add_app() asks for a round before the retry period is over
  std::thread m_thread;
};

}  // namespace gitops::agent
