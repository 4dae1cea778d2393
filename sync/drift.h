// Drift: how the live state of an app differs from a render - the server-side plan of the
// rendered objects against the live ones and the app's inventory. `status` reports it as
// Synced/OutOfSync; the agent's self-heal re-syncs when it is not empty. Writes nothing.
#pragma once

#include <string>
#include <vector>

#include "core/object.h"
#include "core/result.h"
#include "diff/plan.h"
#include "kube/client.h"

namespace gitops::sync {

struct Drift {
  diff::Plan plan;                    // create/update: differs; prune: no longer rendered
  std::vector<core::ObjectKey> keys;  // the rendered objects, as prepared for the cluster
  int differing = 0;                  // objects to create, update or prune
};

// The drift of `rendered` in app `app` of `namespace_`: hooks left out, every object dry-run
// but those untouched since the last sync (diff/engine.h AppliedIndex). Fails like the
// plan step of a sync: a guard error for a foreign inventory Secret, rejected on a dry-run
// rejection.
core::Result<Drift> compute_drift(kube::Client& client, const core::Objects& rendered,
                                  const std::string& app, const std::string& namespace_);

}  // namespace gitops::sync
