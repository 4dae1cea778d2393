// Hook execution: delete the previous run, apply, wait, clean up.
#include "sync/hooks.h"

#include <thread>

#include "diff/engine.h"
#include "diff/prepare.h"
#include "health/health.h"

namespace gitops::sync {
namespace {

using Clock = std::chrono::steady_clock;

std::string seconds_text(std::chrono::milliseconds d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count()) + "s";
}

std::string describe(const PreparedHook& h) {
  return std::string(diff::to_string(h.hook.phase)) + " hook " + h.key.to_string();
}

// Jobs run to completion and Pods to success; any other kind is done once applied, as in Helm.
bool runs_to_completion(const core::ObjectKey& key) {
  return (key.group == "batch" && key.kind == "Job") || (key.group.empty() && key.kind == "Pod");
}

// Deletes the previous run of a hook and waits until it is gone (a Job's name is free again
// only then).
core::Status delete_previous(kube::Client& client, const PreparedHook& h, const HookRunOptions& o) {
  auto deleted = client.delete_object(h.key, {.propagation = kube::Propagation::foreground});
  if (!deleted) return deleted.error();
  if (!*deleted) return {};
  auto deadline = Clock::now() + o.timeout;
  while (true) {
    auto live = client.get(h.key);
    if (!live) return live.error();
    if (!*live) return {};
    if (Clock::now() + o.interval > deadline) {
      return core::Error{core::ErrorKind::timeout,
                         "timed out after " + seconds_text(o.timeout) + " waiting for the previous run of " +
                             describe(h) + " to be deleted"};
    }
    std::this_thread::sleep_for(o.interval);
  }
}

// Waits until the hook completes: "" when it succeeded, else why it failed.
core::Result<std::string> wait_done(kube::Client& client, const PreparedHook& h, const HookRunOptions& o) {
  auto deadline = Clock::now() + o.timeout;
  while (true) {
    auto live = client.get(h.key);
    if (!live) return live.error();
    if (!*live) return std::string("it was deleted before it finished");
    health::Health state = health::assess(**live);
    if (state.status == health::Status::healthy) return std::string();
    if (state.status == health::Status::degraded) return state.message;
    if (Clock::now() + o.interval > deadline) {
      return core::Error{core::ErrorKind::timeout, "timed out after " + seconds_text(o.timeout) +
                                                       " waiting for " + describe(h) + ": " + state.message};
    }
    std::this_thread::sleep_for(o.interval);
  }
}

}  // namespace

core::Result<std::vector<PreparedHook>> prepare_hooks(kube::Client& client,
                                                      const std::vector<diff::Hook>& hooks,
                                                      const std::string& namespace_) {
  core::Objects objects;
  for (const auto& h : hooks) objects.push_back(h.object);
  auto prepared = diff::prepare_objects(objects, client.discovery(), {.namespace_ = namespace_});
  if (!prepared) return prepared.error();
  std::vector<PreparedHook> out;
  for (size_t i = 0; i < hooks.size(); ++i) {
    out.push_back({hooks[i], std::move((*prepared)[i].body), (*prepared)[i].key});
  }
  return out;
}

core::Status dry_run_hooks(kube::Client& client, const std::vector<PreparedHook>& hooks) {
  std::string problems;
  for (const auto& h : hooks) {
    auto result = client.create(h.body, {.dry_run = kube::DryRun::yes});
    if (result) continue;
    const core::Error& e = result.error();
    if (e.reason == "AlreadyExists") continue;  // a hook from an earlier sync; it is replaced when it runs
    if (e.kind == core::ErrorKind::cluster || e.kind == core::ErrorKind::timeout) return e;
    if (!problems.empty()) problems += '\n';
    problems += describe(h) + ": " + diff::scrub_secret_values(e.message, h.body);
  }
  if (!problems.empty()) return core::Error{core::ErrorKind::rejected, problems};
  return {};
}

core::Status run_hooks(kube::Client& client, const std::vector<PreparedHook>& hooks,
                       diff::HookPhase phase, const HookRunOptions& options,
                       std::vector<ObjectResult>& results, bool& wrote) {
  for (const auto& h : hooks) {
    if (h.hook.phase != phase) continue;
    if (options.progress) options.progress("running " + describe(h));
    if (h.hook.delete_before_creation) {
      if (auto s = delete_previous(client, h, options); !s) return s;
    }
    auto applied = client.apply(h.body, {.force = kube::Force::yes});
    if (!applied) {
      std::string why = diff::scrub_secret_values(applied.error().message, h.body);
      results.push_back({h.key, "hook failed", why});
      core::ErrorKind kind = applied.error().kind == core::ErrorKind::cluster ? core::ErrorKind::cluster
                                                                              : core::ErrorKind::partial;
      return core::Error{kind, describe(h) + " was rejected: " + why};
    }
    wrote = true;
    std::string failure;
    if (runs_to_completion(h.key)) {
      auto done = wait_done(client, h, options);
      if (!done) {
        results.push_back({h.key, "hook failed", done.error().message});
        return done.error();
      }
      failure = *done;
    }
    if (failure.empty()) {
      results.push_back({h.key, "hook succeeded", ""});
      if (h.hook.delete_on_success) {
        if (auto d = client.delete_object(h.key, {.propagation = kube::Propagation::background}); !d) {
          return d.error();
        }
      }
      continue;
    }
    results.push_back({h.key, "hook failed", failure});
    if (h.hook.delete_on_failure) {
      (void)client.delete_object(h.key, {.propagation = kube::Propagation::background});
    }
    return core::Error{core::ErrorKind::partial, describe(h) + " failed: " + failure};
  }
  return {};
}

std::vector<diff::HookStep> hook_steps(const std::vector<PreparedHook>& hooks,
                                       const std::vector<diff::SkippedHook>& skipped,
                                       const std::string& namespace_) {
  std::vector<diff::HookStep> steps;
  for (const auto& h : hooks) {
    steps.push_back({h.key, std::string(diff::to_string(h.hook.phase)), h.hook.annotation});
  }
  for (const auto& s : skipped) {
    core::ObjectKey key = s.object.key();
    if (key.namespace_.empty()) key.namespace_ = namespace_;
    steps.push_back({key, "", s.reason});
  }
  return steps;
}

}  // namespace gitops::sync
