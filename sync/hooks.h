// Running hooks (diff/hooks.h) during a sync: each hook of a phase in order, one at a time, as
// Helm and Argo CD run them - delete the previous run when its policy says so, apply, wait for
// Jobs to complete and Pods to succeed, then delete it when its policy asks. A hook that fails
// stops the phase.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "diff/hooks.h"
#include "diff/plan.h"
#include "kube/client.h"
#include "sync/revision.h"

namespace gitops::sync {

struct PreparedHook {
  diff::Hook hook;
  core::Json body;  // as applied: namespace defaulted, ports filled, no ApplySet label
  core::ObjectKey key;
};

// Prepares every hook for the server (namespace `namespace_` where none is set). Fails (kind
// rejected) when a hook's kind is not served.
core::Result<std::vector<PreparedHook>> prepare_hooks(kube::Client& client,
                                                      const std::vector<diff::Hook>& hooks,
                                                      const std::string& namespace_);

// A server-side dry-run create of every hook: the server validates each one without writing.
// One that exists already passed validation (the server checks existence last). Fails (kind
// rejected) listing each hook the server rejects.
core::Status dry_run_hooks(kube::Client& client, const std::vector<PreparedHook>& hooks);

struct HookRunOptions {
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};  // per hook
  std::chrono::milliseconds interval{500};
  std::function<void(const std::string&)> progress;
};

// Runs the hooks of `phase`, appending one result per hook ("hook succeeded" / "hook failed")
// to `results` and setting `wrote` once anything was written. Fails (kind partial) naming the
// hook and why it failed; (kind timeout) when a hook does not finish in time.
core::Status run_hooks(kube::Client& client, const std::vector<PreparedHook>& hooks,
                       diff::HookPhase phase, const HookRunOptions& options,
                       std::vector<ObjectResult>& results, bool& wrote);

// The plan's view of the hooks: those that run, in order, then the skipped ones (their namespace
// defaulted to `namespace_` when they have none).
std::vector<diff::HookStep> hook_steps(const std::vector<PreparedHook>& hooks,
                                       const std::vector<diff::SkippedHook>& skipped,
                                       const std::string& namespace_);

}  // namespace gitops::sync
