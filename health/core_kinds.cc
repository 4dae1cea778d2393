// Health rules for Pods, Jobs, PersistentVolumeClaims, Services, Ingresses, CRDs, APIServices
// and the generic kstatus conditions.
#include "health/conditions.h"
#include "health/rules.h"

namespace gitops::health {
namespace {

// A container state that will not fix itself: the Pod is Degraded rather than still starting.
bool stuck_reason(const std::string& reason) {
  return reason == "CrashLoopBackOff" || reason == "ErrImagePull" || reason == "ImagePullBackOff" ||
         reason == "CreateContainerConfigError" || reason == "InvalidImageName" ||
         reason == "CreateContainerError";
}

std::optional<Health> container_problem(const core::Json& live) {
  core::Json::json_pointer ptr("/status/containerStatuses");
  if (!live.contains(ptr) || !live.at(ptr).is_array()) return std::nullopt;
  for (const auto& c : live.at(ptr)) {
    const core::Json waiting = c.value("state", core::Json::object()).value("waiting", core::Json());
    if (waiting.is_object() && stuck_reason(waiting.value("reason", ""))) {
      return Health{Status::degraded, "container " + c.value("name", "") + ": " +
                                          waiting.value("reason", "") +
                                          (waiting.contains("message") ? ": " + waiting.value("message", "") : "")};
    }
  }
  return std::nullopt;
}

}  // namespace

Health pod_health(const core::Json& live) {
  std::string phase = string_at(live, "/status/phase");
  if (phase == "Succeeded") return {};
  if (phase == "Failed") {
    std::string why = string_at(live, "/status/message");
    if (why.empty()) why = string_at(live, "/status/reason");
    return {Status::degraded, why.empty() ? "pod failed" : "pod failed: " + why};
  }
  if (auto problem = container_problem(live)) return *problem;
  if (phase == "Running") {
    auto ready = find_condition(live, "Ready");
    if (ready && ready->status == "True") return {};
    return {Status::progressing, "pod running but not ready"};
  }
  return {Status::progressing, phase.empty() ? "pod pending" : "pod " + phase};
}

Health job_health(const core::Json& live) {
  auto failed = find_condition(live, "Failed");
  if (failed && failed->status == "True") {
    return {Status::degraded, "job failed: " + (failed->message.empty() ? failed->reason : failed->message)};
  }
  auto complete = find_condition(live, "Complete");
  if (complete && complete->status == "True") return {};
  if (live.value("spec", core::Json::object()).value("suspend", false)) {
    return {Status::suspended, "job suspended"};
  }
  return {Status::progressing, "job running: " + std::to_string(int_at(live, "/status/succeeded")) +
                                   " succeeded, " + std::to_string(int_at(live, "/status/active")) +
                                   " active"};
}

Health pvc_health(const core::Json& live) {
  std::string phase = string_at(live, "/status/phase");
  if (phase == "Bound") return {};
  if (phase == "Lost") return {Status::degraded, "claim lost its volume"};
  return {Status::progressing, "claim " + (phase.empty() ? std::string("Pending") : phase)};
}

Health service_health(const core::Json& live) {
  if (string_at(live, "/spec/type") != "LoadBalancer") return {};
  core::Json::json_pointer ptr("/status/loadBalancer/ingress");
  if (live.contains(ptr) && live.at(ptr).is_array() && !live.at(ptr).empty()) return {};
  return {Status::progressing, "waiting for a load balancer address"};
}

Health ingress_health(const core::Json& live) {
  core::Json::json_pointer ptr("/status/loadBalancer/ingress");
  if (live.contains(ptr) && live.at(ptr).is_array() && !live.at(ptr).empty()) return {};
  return {Status::progressing, "waiting for an ingress address"};
}

Health crd_health(const core::Json& live) {
  auto names = find_condition(live, "NamesAccepted");
  if (names && names->status == "False") return {Status::degraded, "names not accepted: " + names->message};
  auto established = find_condition(live, "Established");
  if (established && established->status == "True") return {};
  return {Status::progressing, "not yet established"};
}

Health apiservice_health(const core::Json& live) {
  auto available = find_condition(live, "Available");
  if (available && available->status == "True") return {};
  std::string why = available ? available->message : "";
  return {Status::progressing, why.empty() ? "not yet available" : "not available: " + why};
}

Health condition_health(const core::Json& live) {
  if (live.contains(core::Json::json_pointer("/status/observedGeneration")) && generation_behind(live)) {
    return {Status::progressing, "waiting for the controller to observe the latest generation"};
  }
  auto stalled = find_condition(live, "Stalled");
  if (stalled && stalled->status == "True") {
    return {Status::degraded, stalled->message.empty() ? "stalled" : stalled->message};
  }
  auto reconciling = find_condition(live, "Reconciling");
  if (reconciling && reconciling->status == "True") {
    return {Status::progressing, reconciling->message.empty() ? "reconciling" : reconciling->message};
  }
  auto ready = find_condition(live, "Ready");
  if (ready && ready->status == "False") {
    return {Status::progressing, ready->message.empty() ? "not ready" : "not ready: " + ready->message};
  }
  return {};
}

}  // namespace gitops::health
