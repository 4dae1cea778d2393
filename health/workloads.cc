// Health rules for rolling workloads: Deployment, StatefulSet, DaemonSet, ReplicaSet.
#include "health/rules.h"

#include "health/conditions.h"

namespace gitops::health {
namespace {

std::string of(long long have, long long want, const char* what) {
  return std::to_string(have) + "/" + std::to_string(want) + " " + what;
}

}  // namespace

Health deployment_health(const core::Json& live) {
  if (live.value("spec", core::Json::object()).value("paused", false)) {
    return {Status::suspended, "rollout paused"};
  }
  if (generation_behind(live)) return {Status::progressing, "waiting for the rollout to be observed"};
  auto progressing = find_condition(live, "Progressing");
  if (progressing && progressing->reason == "ProgressDeadlineExceeded") {
    return {Status::degraded, "progress deadline exceeded: " + progressing->message};
  }
  long long want = int_at(live, "/spec/replicas", 1);
  long long updated = int_at(live, "/status/updatedReplicas");
  long long total = int_at(live, "/status/replicas");
  long long available = int_at(live, "/status/availableReplicas");
  if (updated < want) return {Status::progressing, of(updated, want, "replicas updated")};
  if (total > updated) {
    return {Status::progressing, std::to_string(total - updated) + " old replicas pending termination"};
  }
  if (available < updated) return {Status::progressing, of(available, want, "replicas available")};
  return {};
}

Health statefulset_health(const core::Json& live) {
  if (generation_behind(live)) return {Status::progressing, "waiting for the rollout to be observed"};
  long long want = int_at(live, "/spec/replicas", 1);
  long long ready = int_at(live, "/status/readyReplicas");
  if (ready < want) return {Status::progressing, of(ready, want, "replicas ready")};
  if (string_at(live, "/spec/updateStrategy/type") != "OnDelete") {
    std::string current = string_at(live, "/status/currentRevision");
    std::string update = string_at(live, "/status/updateRevision");
    if (!update.empty() && current != update) {
      long long updated = int_at(live, "/status/updatedReplicas");
      return {Status::progressing, of(updated, want, "replicas updated")};
    }
  }
  return {};
}

Health daemonset_health(const core::Json& live) {
  if (generation_behind(live)) return {Status::progressing, "waiting for the rollout to be observed"};
  long long desired = int_at(live, "/status/desiredNumberScheduled");
  long long updated = int_at(live, "/status/updatedNumberScheduled");
  long long available = int_at(live, "/status/numberAvailable");
  if (string_at(live, "/spec/updateStrategy/type") != "OnDelete" && updated < desired) {
    return {Status::progressing, of(updated, desired, "pods updated")};
  }
  if (available < desired) return {Status::progressing, of(available, desired, "pods available")};
  return {};
}

Health replicaset_health(const core::Json& live) {
  if (generation_behind(live)) return {Status::progressing, "waiting for the rollout to be observed"};
  auto failure = find_condition(live, "ReplicaFailure");
  if (failure && failure->status == "True") return {Status::degraded, failure->message};
  long long want = int_at(live, "/spec/replicas", 1);
  long long available = int_at(live, "/status/availableReplicas");
  if (available < want) return {Status::progressing, of(available, want, "replicas available")};
  return {};
}

}  // namespace gitops::health
