// The app's lock: a coordination.k8s.io/v1 Lease `gitops-APP` held while a sync runs and renewed
// in the background, with a TTL so a killed process never wedges the app: once the holder stops
// renewing, the next sync takes the lease over (and learns it did, to record the interrupted run).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "kube/client.h"

namespace gitops::sync {

struct LockOptions {
  std::chrono::seconds ttl{30};
  std::chrono::seconds timeout{60};  // how long to wait for another holder
  std::string holder;                 // identity written to the lease
};

class Lock {
 public:
  // Takes the lease of `app`, waiting while another live holder has it. Fails (kind timeout)
  // naming the holder when `timeout` passes.
  static core::Result<std::unique_ptr<Lock>> acquire(kube::Client& client, const std::string& app,
                                                     const std::string& namespace_,
                                                     const LockOptions& options);
  ~Lock();  // stops renewing and deletes the lease
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

  // The holder whose expired lease was taken over ("" when the lease was free).
  const std::string& took_over_from() const { return m_took_over_from; }

 private:
  Lock(kube::Client& client, std::string app, std::string namespace_, LockOptions options);
  void renew_loop();

  kube::Client& m_client;
  std::string m_app;
  std::string m_namespace;
  LockOptions m_options;
  std::string m_took_over_from;
  std::mutex m_mutex;
  std::condition_variable m_stop_cv;
  bool m_stop = false;
  std::thread m_renewer;
};

// "kubectl-gitops@HOST/PID".
std::string default_holder_identity();

}  // namespace gitops::sync
