// Reading and writing the app's inventory: the ApplySet parent Secret and its live members
// (one LIST per group-kind and namespace, selected by the part-of label - never a label query
// over objects that are not members).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "diff/engine.h"
#include "kube/client.h"
#include "sync/applyset.h"

namespace gitops::sync {

struct Inventory {
  ApplySet set;
  std::optional<core::Json> parent;   // the live parent Secret, if any
  std::vector<core::Json> members;    // live members, sorted by key
  diff::AppliedIndex applied;         // what the last successful sync left (empty after a failure)
};

// The app's inventory. Fails (kind guard) when a Secret of the parent's name exists but is not an
// ApplySet parent of this tool (another tool's, or an ordinary Secret).
core::Result<Inventory> read_inventory(kube::Client& client, const std::string& app,
                                       const std::string& namespace_);

// Writes the parent Secret for `set` (server-side apply, forced: the tool owns it), with the
// applied index in its data (key `applied`, gzip-compressed JSON) when given; without it the
// stored index is removed.
core::Status write_parent(kube::Client& client, const ApplySet& set, const std::string& version,
                          const diff::AppliedIndex* applied = nullptr);

// The rollback pin: after a rollback the parent carries the commit it rolled back to, and the
// agent leaves the app alone until a new commit arrives; a sync clears it.
inline constexpr const char* k_rollback_pin_annotation = "kubectl-gitops.dev/rollback-pin";
core::Status pin_rollback(kube::Client& client, const ApplySet& set, const std::string& commit);
core::Status clear_rollback_pin(kube::Client& client, const ApplySet& set);

}  // namespace gitops::sync
