// Dispatch from an object's group and kind to its health rule.
#include "health/health.h"

#include "health/rules.h"

namespace gitops::health {

std::string_view to_string(Status status) {
  switch (status) {
    case Status::healthy: return "Healthy";
    case Status::suspended: return "Suspended";
    case Status::progressing: return "Progressing";
    case Status::missing: return "Missing";
    case Status::degraded: return "Degraded";
  }
  return "Unknown";
}

Status worst(Status a, Status b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

Health assess(const core::Json& live) {
  if (live.is_null()) return {Status::missing, "not found"};
  const std::string kind = live.value("kind", "");
  const std::string api = live.value("apiVersion", "");
  const std::string group = api.find('/') == std::string::npos ? "" : api.substr(0, api.find('/'));
  if (group == "apps" || group == "extensions") {
    if (kind == "Deployment") return deployment_health(live);
    if (kind == "StatefulSet") return statefulset_health(live);
    if (kind == "DaemonSet") return daemonset_health(live);
    if (kind == "ReplicaSet") return replicaset_health(live);
  }
  if (group.empty()) {
    if (kind == "Pod") return pod_health(live);
    if (kind == "PersistentVolumeClaim") return pvc_health(live);
    if (kind == "Service") return service_health(live);
  }
  if (group == "batch" && kind == "Job") return job_health(live);
  if (group == "networking.k8s.io" && kind == "Ingress") return ingress_health(live);
  if (group == "extensions" && kind == "Ingress") return ingress_health(live);
  if (group == "apiextensions.k8s.io" && kind == "CustomResourceDefinition") return crd_health(live);
  if (group == "apiregistration.k8s.io" && kind == "APIService") return apiservice_health(live);
  return condition_health(live);
}

}  // namespace gitops::health
