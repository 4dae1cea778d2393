// The plan: for every rendered object and every ApplySet member, what a sync would do to it,
// with the live object and the server's dry-run result. A (live, desired) pair per object, as
// Argo CD's gitops-engine pairs them: no live means create, no desired means prune.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/object.h"

namespace gitops::diff {

enum class Action {
  create,     // not on the server yet
  update,     // on the server and the dry-run changes it
  unchanged,  // on the server and the dry-run changes nothing
  prune,      // an ApplySet member the render no longer contains
  keep,       // such a member that is protected from pruning (see note)
};

std::string_view to_string(Action action);  // "create", "update", ...

struct Change {
  core::ObjectKey key;
  Action action = Action::unchanged;
  core::Json live;     // null when absent
  core::Json desired;  // the dry-run result (or the prepared object); null for prune/keep
  core::Json applied;  // the object as sync applies it (prepared); null for prune/keep
  std::vector<std::string> changed_paths;  // JSON Pointers that differ, for update
  std::string note;    // why kept, conflicts, kinds pending a CRD
  int wave = 0;
};

// A hook (diff/hooks.h) in the plan: it runs during the sync (or is skipped, saying why).
struct HookStep {
  core::ObjectKey key;
  std::string phase;  // "pre-sync", "sync", "post-sync", "sync-fail"; "" when skipped
  std::string note;   // the annotation, or why it is skipped
};

struct Counts {
  int create = 0, update = 0, unchanged = 0, prune = 0, keep = 0;
  int hooks = 0;  // hooks that will run
  bool any_difference() const { return create + update + prune > 0; }
};

struct Plan {
  std::vector<Change> changes;  // sorted by key
  std::vector<HookStep> hooks;  // in the order they run, then the skipped ones
  int dry_runs_skipped = 0;     // objects known unchanged since the last sync (diff/engine.h)
  Counts counts() const;
};

}  // namespace gitops::diff
