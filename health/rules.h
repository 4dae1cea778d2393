// The per-kind health rules behind assess(); each takes a live object of its kind.
#pragma once

#include "health/health.h"

namespace gitops::health {

Health deployment_health(const core::Json& live);
Health statefulset_health(const core::Json& live);
Health daemonset_health(const core::Json& live);
Health replicaset_health(const core::Json& live);
Health pod_health(const core::Json& live);
Health job_health(const core::Json& live);
Health pvc_health(const core::Json& live);
Health service_health(const core::Json& live);
Health ingress_health(const core::Json& live);
Health crd_health(const core::Json& live);
Health apiservice_health(const core::Json& live);
// kstatus-style conditions (Ready, Stalled, Reconciling) and observedGeneration, for any kind.
Health condition_health(const core::Json& live);

}  // namespace gitops::health
