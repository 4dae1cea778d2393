// Inventory + prepare + plan, as one question: what would a sync change?
#include "sync/drift.h"

#include "diff/hooks.h"

#include "diff/engine.h"
#include "diff/prepare.h"
#include "sync/inventory.h"

namespace gitops::sync {

core::Result<Drift> compute_drift(kube::Client& client, const core::Objects& rendered,
                                  const std::string& app, const std::string& namespace_) {
  auto inventory = read_inventory(client, app, namespace_);
  if (!inventory) return inventory.error();
  // Hooks are steps of a sync, not part of the app's state.
  diff::SplitRender split = diff::split_hooks(rendered, diff::Operation::upgrade);
  auto prepared = diff::prepare_objects(
      split.members, client.discovery(), {.namespace_ = namespace_, .applyset_id = inventory->set.id()});
  if (!prepared) return prepared.error();
  auto plan = diff::compute_plan(client, *prepared, inventory->members, {.applied = &inventory->applied});
  if (!plan) return plan.error();
  Drift drift;
  for (const auto& p : *prepared) drift.keys.push_back(p.key);
  const diff::Counts counts = plan->counts();
  drift.differing = counts.create + counts.update + counts.prune;
  drift.plan = std::move(*plan);
  return drift;
}

}  // namespace gitops::sync
