// Health polling.
#include "sync/wait.h"

#include <thread>

#include "diff/engine.h"

namespace gitops::sync {

bool needs_wait(const core::ObjectKey& key) {
  static const char* k_static_core[] = {"ConfigMap", "Secret", "ServiceAccount", "Namespace",
                                        "ResourceQuota", "LimitRange", "Endpoints", "Event"};
  if (key.group.empty()) {
    for (const char* kind : k_static_core) {
      if (key.kind == kind) return false;
    }
    return true;
  }
  return key.group != "rbac.authorization.k8s.io" && key.group != "policy" &&
         key.group != "scheduling.k8s.io" && key.group != "storage.k8s.io" &&
         key.group != "admissionregistration.k8s.io" && key.group != "coordination.k8s.io";
}

core::Result<HealthReport> check_health(kube::Client& client,
                                        const std::vector<core::ObjectKey>& keys) {
  auto live = diff::read_live(client, keys);
  if (!live) return live.error();
  HealthReport report;
  for (size_t i = 0; i < keys.size(); ++i) {
    health::Health h = health::assess((*live)[i]);
    report.app = health::worst(report.app, h.status);
    report.objects.push_back({keys[i], std::move(h)});
  }
  return report;
}

core::Result<HealthReport> wait_healthy(kube::Client& client,
                                        const std::vector<core::ObjectKey>& keys,
                                        const WaitOptions& options) {
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  while (true) {
    auto report = check_health(client, keys);
    if (!report) return report.error();
    if (options.on_progress) options.on_progress(*report);
    if (report->app == health::Status::healthy) return report;
    if (std::chrono::steady_clock::now() + options.interval > deadline) {
      std::string message = "timed out after " +
                             std::to_string(std::chrono::duration_cast<std::chrono::seconds>(options.timeout).count()) +
                             "s waiting for health:";
      for (const auto& o : report->objects) {
        if (o.health.status == health::Status::healthy) continue;
        message += "\n" + o.key.to_string() + ": " + std::string(health::to_string(o.health.status)) +
                   (o.health.message.empty() ? "" : ": " + o.health.message);
      }
      return core::Error{core::ErrorKind::timeout, message};
    }
    std::this_thread::sleep_for(options.interval);
  }
}

}  // namespace gitops::sync
