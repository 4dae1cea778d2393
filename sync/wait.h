// Waiting for health: polls the live state of the applied objects (one LIST per kind and
// namespace) until every one is Healthy or the timeout passes, reporting what is not healthy.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "health/health.h"
#include "kube/client.h"

namespace gitops::sync {

struct ObjectHealth {
  core::ObjectKey key;
  health::Health health;
};

struct HealthReport {
  health::Status app = health::Status::healthy;  // the worst of the objects
  std::vector<ObjectHealth> objects;             // in input order
};

// The current health of every object in `keys`.
core::Result<HealthReport> check_health(kube::Client& client, const std::vector<core::ObjectKey>& keys);

// A pruned object the wait follows until it is gone: a foreground deletion keeps it, with a
// deletionTimestamp, until the garbage collector has removed its dependents.
struct Deleted {
  core::ObjectKey key;
  std::string uid;  // the deleted object's uid; an object recreated under the name is another one
};

struct WaitOptions {
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::chrono::milliseconds interval{1000};
  std::function<void(const HealthReport&)> on_progress;  // after every poll
  std::vector<Deleted> deleted;  // reported Progressing "being deleted" until they are gone
};

// Waits until every object is Healthy and every one of `options.deleted` is gone. Fails (kind timeout) listing each object that is not,
// and why: "apps/v1 Deployment shop/web: Progressing: 0/3 replicas available". A Degraded object
// does not end the wait early: controllers may still recover it within the timeout.
core::Result<HealthReport> wait_healthy(kube::Client& client, const std::vector<core::ObjectKey>& keys,
                                        const WaitOptions& options);

// Whether a kind's health can change after it is applied (workloads, Pods, Jobs, claims,
// LoadBalancer Services, Ingresses, CRDs, APIServices, custom resources); ConfigMaps, Secrets,
// RBAC and the like are Healthy once they exist.
bool needs_wait(const core::ObjectKey& key);

}  // namespace gitops::sync
