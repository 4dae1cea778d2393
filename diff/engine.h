// The diff engine: reads live state (one LIST per kind and namespace where several objects share
// them), runs a server-side dry-run apply of every prepared object concurrently, compares both
// after normalisation, and adds the ApplySet members the render no longer names. Pure of output:
// the caller prints the Plan (diff/report.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "diff/plan.h"
#include "diff/prepare.h"
#include "kube/client.h"

namespace gitops::diff {

// What the last successful sync left of each object: the digest (diff/digest.h) of the body it
// applied, and the resourceVersion the object had right after (or, for an object the sync found
// unchanged, when the sync read it). While both still match, the object is exactly what the same
// body's dry-run produced then, so the dry-run is skipped and the object counts as unchanged.
// Any write by anyone changes the resourceVersion; a deleted object has none.
// When another writer moved the resourceVersion, the object still counts as untouched while the
// field manager's ownership digest (diff/digest.h) is the one the sync left.
struct AppliedState {
  std::string digest;
  std::string resource_version;
  std::string ownership;  // ownership_digest after the sync; "" when unknown
};
using AppliedIndex = std::map<core::ObjectKey, AppliedState>;

enum class ForceConflicts { no, yes };
enum class PruneProtected { no, yes };
// What a field-manager conflict in the dry-run means: diff reports it (and shows the forced
// result); sync fails before writing anything.
enum class ConflictPolicy { report, fail };

struct DiffOptions {
  std::string field_manager = kube::k_field_manager;
  ForceConflicts force_conflicts = ForceConflicts::no;
  PruneProtected prune_protected = PruneProtected::no;
  ConflictPolicy conflicts = ConflictPolicy::report;
  const AppliedIndex* applied = nullptr;  // null: dry-run everything
};

// The plan for `desired` against the cluster, given the live ApplySet `members`. Objects that
// options.applied shows untouched since the last sync are not dry-run (Plan::dry_runs_skipped). Fails (kind
// rejected) listing every object the dry-run rejects, with the server's reason and Secret values
// scrubbed; (kind conflict) listing every conflict under ConflictPolicy::fail; (kind cluster)
// when the server cannot be reached.
core::Result<Plan> compute_plan(kube::Client& client, const std::vector<PreparedObject>& desired,
                                const std::vector<core::Json>& members, const DiffOptions& options);

// Reads the live objects for `keys` (null where absent), in input order. Objects in `known`
// (live objects just read, with apiVersion and kind) are taken from there when the version matches.
core::Result<std::vector<core::Json>> read_live(kube::Client& client,
                                                const std::vector<core::ObjectKey>& keys,
                                                const std::vector<core::Json>& known = {});

// `message` with every value of the Secret `object` (data, stringData, and their decoded forms)
// replaced by "***"; values shorter than 3 characters only where the message quotes them.
std::string scrub_secret_values(std::string message, const core::Json& object);

}  // namespace gitops::diff
