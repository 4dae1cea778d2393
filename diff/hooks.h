// Hooks: rendered objects that are steps of a sync rather than members of the app. Helm's
// `helm.sh/hook` and Argo CD's `argocd.argoproj.io/hook` annotations are read the way those tools
// read them: a hook runs in a phase (before the first wave, with the sync, after the app is
// healthy, or when the sync failed), in the order of its weight, and is deleted by its delete
// policy. Hooks are never ApplySet members, so they are never pruned. Helm's `test` hooks are
// never applied, nor are objects whose hook names no phase of the current operation (a
// `pre-install` hook on an upgrade), Argo CD's `Skip`, or hook names neither tool knows (Helm
// skips those too).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/object.h"

namespace gitops::diff {

enum class HookPhase { pre_sync, sync, post_sync, sync_fail };

// "pre-sync", "sync", "post-sync", "sync-fail".
std::string_view to_string(HookPhase phase);

// What the sync is, for Helm's hooks: the first sync of an app installs it, a rollback rolls back
// and every other sync upgrades. Argo CD's hooks run on every sync.
enum class Operation { install, upgrade, rollback };

struct Hook {
  core::Object object;
  HookPhase phase = HookPhase::pre_sync;
  int weight = 0;
  bool delete_before_creation = true;  // the default of both Helm and Argo CD
  bool delete_on_success = false;
  bool delete_on_failure = false;
  std::string annotation;  // "helm.sh/hook: pre-install,pre-upgrade", for messages
};

struct SkippedHook {
  core::Object object;
  std::string reason;  // "helm.sh/hook: test (test hooks are never applied)"
};

struct SplitRender {
  core::Objects members;            // ordinary objects, in input order
  std::vector<Hook> hooks;          // ordered: phase, weight, name, kind, namespace
  std::vector<SkippedHook> skipped; // hooks that do not run in this operation
};

// Separates hooks from members. An object with both Helm and Argo CD hook annotations follows
// Argo CD's, as Argo CD does. A weight that is not an integer counts as 0 and an unknown delete
// policy is ignored, as in Helm. A hook listed for two phases of one operation (Helm's
// `pre-install,post-install`) runs in both.
SplitRender split_hooks(const core::Objects& rendered, Operation operation);

}  // namespace gitops::diff
