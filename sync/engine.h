// The sync engine: take the app's lock -> record an interrupted predecessor -> read the inventory
// -> separate hooks from members (diff/hooks.h) -> prepare and dry-run every object and hook
// (any rejection: nothing written) -> plan -> guards -> record the revision as Running -> write
// the inventory parent (union of old and new members) -> pre-sync hooks -> apply in waves ->
// sync hooks -> prune -> shrink the inventory -> wait for health -> post-sync hooks -> record the
// outcome. Any failure after writing began runs the sync-fail hooks before it is recorded.
// The engine never prints: progress goes to a callback, the outcome is returned.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/object.h"
#include "core/result.h"
#include "diff/plan.h"
#include "health/health.h"
#include "kube/client.h"
#include "sync/revision.h"

namespace gitops::sync {

enum class Prune { no, yes };
enum class DryRunOnly { no, yes };
enum class Wait { no, yes };

struct MaxPrune {
  int count = -1;       // -1 = no limit
  int percent = -1;     // of the current members; -1 = no limit
};

// Parses "N" or "P%" (kind usage on anything else).
core::Result<MaxPrune> parse_max_prune(const std::string& text);

struct SyncOptions {
  std::string app;
  std::string namespace_;
  SourceRecord source;
  std::string version;  // the tool's, for the ApplySet tooling annotation
  std::string actor;
  DryRunOnly dry_run = DryRunOnly::no;
  Prune prune = Prune::yes;
  bool force_conflicts = false;
  bool allow_empty = false;
  bool prune_protected = false;
  bool adopt = false;
  MaxPrune max_prune;
  Wait wait = Wait::yes;
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::chrono::seconds lock_timeout{60};
  std::chrono::seconds lock_ttl{30};
  int history_max = 10;
  int rollback_of = 0;
  // A rollback pins the app (the parent's rollback-pin annotation) under the sync lock, before it
  // writes anything, so an agent never re-syncs the commit being rolled back from in between.
  bool pin_rollback = false;
  // The agent's syncs: under the lock, a pinned app whose history holds this commit is left as
  // it is (SyncOutcome::paused) - the pin lasts until a new commit arrives.
  bool yield_to_pin = false;
  std::function<void(const std::string&)> progress;  // one line per phase
};

struct SyncOutcome {
  diff::Plan plan;
  Revision revision;  // number 0 for a dry run
  health::Status health = health::Status::healthy;
  std::chrono::milliseconds elapsed{0};
  bool paused = false;  // yield_to_pin found a rollback pin: nothing was written
};

// Syncs `rendered` to the cluster. On failure the error's kind gives the exit code; a failure
// after writes began is recorded in the history first.
core::Result<SyncOutcome> run_sync(kube::Client& client, const core::Objects& rendered,
                                   const SyncOptions& options);

// "synced shop to 3f2c1a9 (main): 2 created, 3 configured, 1 pruned, 40 unchanged; health
// Healthy in 12s".
std::string summary(const SyncOutcome& outcome, const SyncOptions& options);

}  // namespace gitops::sync
