// Health of live objects: pure functions from an object as the API server returns it to a
// status and a one-line reason, following the rules Argo CD and kstatus use (workload rollouts,
// Pods, Jobs, PVCs, LoadBalancer Services, Ingresses, CRDs, APIServices, and any object with
// Ready/Stalled/Reconciling conditions). Kinds without a rule are Healthy once they exist.
#pragma once

#include <string>
#include <string_view>

#include "core/object.h"

namespace gitops::health {

// Ordered from best to worst: the app's health is the worst of its objects.
enum class Status { healthy, suspended, progressing, missing, degraded };

std::string_view to_string(Status status);  // "Healthy", "Suspended", ...

struct Health {
  Status status = Status::healthy;
  std::string message;  // why, when not Healthy: "0/3 replicas available"
};

// The health of one live object; a null object is Missing.
Health assess(const core::Json& live);

// The worse of two statuses.
Status worst(Status a, Status b);

}  // namespace gitops::health
