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

namespace {

core::Result<HealthReport> check(kube::Client& client, const std::vector<core::ObjectKey>& keys,
                                 const std::vector<Deleted>& deleted) {
  std::vector<core::ObjectKey> all = keys;
  for (const auto& d : deleted) all.push_back(d.key);
  auto live = diff::read_live(client, all);
  if (!live) return live.error();
  HealthReport report;
  for (size_t i = 0; i < keys.size(); ++i) {
    health::Health h = health::assess((*live)[i]);
    report.app = health::worst(report.app, h.status);
    report.objects.push_back({keys[i], std::move(h)});
  }
  for (size_t i = 0; i < deleted.size(); ++i) {
    const core::Json& obj = (*live)[keys.size() + i];
    if (!obj.is_object()) continue;
    const core::Json meta = obj.value("metadata", core::Json::object());
    if (!deleted[i].uid.empty() && meta.value("uid", "") != deleted[i].uid) continue;
    std::string why = meta.contains("deletionTimestamp") ? "being deleted" : "not deleted yet";
    std::string finalizers;
    for (const auto& f : meta.value("finalizers", core::Json::array())) {
      if (f.is_string()) finalizers += (finalizers.empty() ? "" : ", ") + f.get<std::string>();
    }
    if (!finalizers.empty()) why += " (finalizers: " + finalizers + ")";
    health::Health h{health::Status::progressing, std::move(why)};
    report.app = health::worst(report.app, h.status);
    report.objects.push_back({deleted[i].key, std::move(h)});
  }
  return report;
}

}  // namespace

core::Result<HealthReport> check_health(kube::Client& client,
                                        const std::vector<core::ObjectKey>& keys) {
  return check(client, keys, {});
}

core::Result<HealthReport> wait_healthy(kube::Client& client,
                                        const std::vector<core::ObjectKey>& keys,
                                        const WaitOptions& options) {
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  while (true) {
    auto report = check(client, keys, options.deleted);
    if (!report) return report.error();
    if (options.on_progress) options.on_progress(*report);
    if (report->app == health::Status::healthy) return report;
    if (std::chrono::steady_clock::now() + options.interval > deadline) {
      std::string message = "timed out after " +
                             std::to_string(std::chrono::duration_cast<std::chrono::seconds>(options.timeout).count()) +
                             (keys.empty()                ? "s waiting for deletion:"
                              : options.deleted.empty() ? "s waiting for health:"
                                                        : "s waiting for health and deletion:");
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
