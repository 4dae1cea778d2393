// The diff engine: reads live state (one LIST per kind and namespace where several objects share
// them), runs a server-side dry-run apply of every prepared object concurrently, compares both
// after normalisation, and adds the ApplySet members the render no longer names. Pure of output:
// the caller prints the Plan (diff/report.h).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "diff/plan.h"
#include "diff/prepare.h"
#include "kube/client.h"

namespace gitops::diff {

enum class ForceConflicts { no, yes };
enum class PruneProtected { no, yes };
// What a field-manager conflict in the dry-run means: diff reports it (and shows the forced
// result); sync fails before writing anything.
enum class ConflictPolicy { report, fail };

struct DiffOptions {
  std::string field_manager = "kubectl-gitops";
  ForceConflicts force_conflicts = ForceConflicts::no;
  PruneProtected prune_protected = PruneProtected::no;
  ConflictPolicy conflicts = ConflictPolicy::report;
};

// The plan for `desired` against the cluster, given the live ApplySet `members`. Fails (kind
// rejected) listing every object the dry-run rejects, with the server's reason and Secret values
// scrubbed; (kind conflict) listing every conflict under ConflictPolicy::fail; (kind cluster)
// when the server cannot be reached.
core::Result<Plan> compute_plan(kube::Client& client, const std::vector<PreparedObject>& desired,
                                const std::vector<core::Json>& members, const DiffOptions& options);

// Reads the live objects for `keys` (null where absent), in input order.
core::Result<std::vector<core::Json>> read_live(kube::Client& client,
                                                const std::vector<core::ObjectKey>& keys);

// `message` with every value of the Secret `object` (data, stringData, and their decoded forms)
// replaced by "***".
std::string scrub_secret_values(std::string message, const core::Json& object);

}  // namespace gitops::diff
