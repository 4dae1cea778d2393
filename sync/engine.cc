// run_sync as a list of named steps over one SyncRun.
#include "sync/engine.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "core/annotations.h"
#include "diff/digest.h"
#include "diff/engine.h"
#include "diff/prepare.h"
#include "health/health.h"
#include "sync/history.h"
#include "sync/hooks.h"
#include "sync/inventory.h"
#include "sync/lock.h"
#include "sync/order.h"
#include "sync/wait.h"

namespace gitops::sync {
namespace {

using diff::Action;
using diff::Change;
using Clock = std::chrono::steady_clock;

struct SyncRun {
  kube::Client& client;
  const SyncOptions& o;
  Clock::time_point started = Clock::now();
  std::unique_ptr<Lock> lock;
  std::vector<Revision> history;
  Inventory inventory;
  std::vector<diff::PreparedObject> prepared;
  std::vector<PreparedHook> hooks;
  diff::Plan plan;
  std::map<core::ObjectKey, diff::AppliedState> applied;  // resourceVersion and ownership after each apply
  std::vector<Deleted> pruned;  // the wait follows them until the garbage collector is done
  Revision revision;
  bool wrote = false;  // whether any object was changed

  void progress(const std::string& line) const {
    if (o.progress) o.progress(line);
  }
};

core::Status take_lock(SyncRun& run) {
  LockOptions options{.ttl = run.o.lock_ttl, .timeout = run.o.lock_timeout,
                      .holder = default_holder_identity()};
  run.progress("taking the lock of " + run.o.app);
  auto lock = Lock::acquire(run.client, run.o.app, run.o.namespace_, options);
  if (!lock) return lock.error();
  run.lock = std::move(*lock);
  return {};
}

// A Running record under our lock belongs to a sync that died: mark it Interrupted.
core::Status read_history(SyncRun& run) {
  auto history = list_revisions(run.client, run.o.app, run.o.namespace_, RevisionDetail::summary);
  if (!history) return history.error();
  run.history = std::move(*history);
  if (!run.history.empty() && run.history.front().status == RevisionStatus::running &&
      run.o.dry_run == DryRunOnly::no) {
    auto whole = get_revision(run.client, run.o.app, run.o.namespace_, run.history.front().number);
    if (!whole) return whole.error();
    if (!*whole) return {};  // another process trimmed it meanwhile
    Revision& dead = run.history.front();
    dead = std::move(**whole);
    dead.status = RevisionStatus::interrupted;
    dead.message = "the sync stopped before it finished (its lock expired)";
    if (dead.finished_at.empty()) dead.finished_at = now_rfc3339();
    run.progress("revision " + std::to_string(dead.number) + " was interrupted; recorded as such");
    if (auto s = write_revision(run.client, dead); !s) return s;
  }
  return {};
}

// Which of Helm's hooks run: the first sync of an app installs it (no inventory parent yet).
diff::Operation operation_of(const SyncRun& run) {
  if (run.o.rollback_of > 0) return diff::Operation::rollback;
  return run.inventory.parent ? diff::Operation::upgrade : diff::Operation::install;
}

core::Status run_phase(SyncRun& run, diff::HookPhase phase) {
  return run_hooks(run.client, run.hooks, phase,
                   {.timeout = run.o.timeout, .progress = run.o.progress}, run.revision.results, run.wrote);
}

core::Status plan_changes(SyncRun& run, const core::Objects& rendered) {
  auto inventory = read_inventory(run.client, run.o.app, run.o.namespace_);
  if (!inventory) return inventory.error();
  run.inventory = std::move(*inventory);
  diff::SplitRender split = diff::split_hooks(rendered, operation_of(run));
  auto hooks = prepare_hooks(run.client, split.hooks, run.o.namespace_);
  if (!hooks) return hooks.error();
  run.hooks = std::move(*hooks);
  auto prepared = diff::prepare_objects(split.members, run.client.discovery(),
                                        {.namespace_ = run.o.namespace_,
                                         .applyset_id = run.inventory.set.id()});
  if (!prepared) return prepared.error();
  run.prepared = std::move(*prepared);
  run.progress("dry-run of " + std::to_string(run.prepared.size()) + " objects");
  diff::DiffOptions options{
      .force_conflicts = run.o.force_conflicts ? diff::ForceConflicts::yes : diff::ForceConflicts::no,
      .prune_protected = run.o.prune_protected ? diff::PruneProtected::yes : diff::PruneProtected::no,
      .conflicts = diff::ConflictPolicy::fail,
      .applied = &run.inventory.applied};
  auto plan = diff::compute_plan(run.client, run.prepared, run.inventory.members, options);
  if (!plan) return plan.error();
  if (!run.hooks.empty()) {
    run.progress("dry-run of " + std::to_string(run.hooks.size()) + " hooks");
    if (auto s = dry_run_hooks(run.client, run.hooks); !s) return s;
  }
  run.plan = std::move(*plan);
  run.plan.hooks = hook_steps(run.hooks, split.skipped, run.o.namespace_);
  if (run.o.prune == Prune::no) {
    for (auto& c : run.plan.changes) {
      if (c.action == Action::prune) {
        c.action = Action::keep;
        c.note = "--no-prune";
      }
    }
  }
  return {};
}

// Objects that belong to another ApplySet or another tool are not taken over without --adopt.
std::string foreign_owner(const core::Json& live, const std::string& our_id) {
  const core::Json meta = live.value("metadata", core::Json::object());
  const core::Json labels = meta.value("labels", core::Json::object());
  const core::Json annotations = meta.value("annotations", core::Json::object());
  std::string part_of = labels.value("applyset.kubernetes.io/part-of", "");
  if (part_of == our_id) return {};
  if (!part_of.empty()) return "ApplySet " + part_of;
  if (labels.value("app.kubernetes.io/managed-by", "") == "Helm" &&
      annotations.contains("meta.helm.sh/release-name")) {
    return "Helm release " + annotations.value("meta.helm.sh/release-name", "");
  }
  if (annotations.contains("argocd.argoproj.io/tracking-id") || labels.contains("argocd.argoproj.io/instance")) {
    return "Argo CD";
  }
  return {};
}

core::Status check_guards(const SyncRun& run) {
  const diff::Counts counts = run.plan.counts();
  if (run.prepared.empty() && counts.prune > 0 && !run.o.allow_empty) {
    return core::Error{core::ErrorKind::guard,
                       "the render of " + run.o.app + " is empty and would prune all " +
                           std::to_string(counts.prune) +
                           " objects of the app; refusing (use --allow-empty if that is meant)"};
  }
  const MaxPrune& max = run.o.max_prune;
  int members = static_cast<int>(run.inventory.members.size());
  bool over_count = max.count >= 0 && counts.prune > max.count;
  bool over_percent = max.percent >= 0 && members > 0 && counts.prune * 100 > max.percent * members;
  if (over_count || over_percent) {
    return core::Error{core::ErrorKind::guard,
                       "sync of " + run.o.app + " would prune " + std::to_string(counts.prune) +
                           " of " + std::to_string(members) + " objects, above --max-prune " +
                           (max.count >= 0 ? std::to_string(max.count) : std::to_string(max.percent) + "%")};
  }
  if (!run.o.adopt) {
    std::string problems;
    for (const auto& c : run.plan.changes) {
      if (c.live.is_null() || c.action == Action::prune || c.action == Action::keep) continue;
      std::string owner = foreign_owner(c.live, run.inventory.set.id());
      if (owner.empty()) continue;
      if (!problems.empty()) problems += '\n';
      problems += c.key.to_string() + " belongs to " + owner + "; not taking it over (use --adopt)";
    }
    if (!problems.empty()) return core::Error{core::ErrorKind::guard, problems};
  }
  return {};
}

void start_revision(SyncRun& run) {
  Revision& r = run.revision;
  r.number = run.history.empty() ? 1 : run.history.front().number + 1;
  r.app = run.o.app;
  r.namespace_ = run.o.namespace_;
  r.source = run.o.source;
  for (const auto& p : run.prepared) r.objects.push_back(p.body);
  std::set<core::ObjectKey> stored_hooks;  // a hook of two phases is one object
  for (const auto& h : run.hooks) {
    if (stored_hooks.insert(h.key).second) r.objects.push_back(h.body);
  }
  r.digest = objects_digest(r.objects);
  r.started_at = now_rfc3339();
  r.actor = run.o.actor;
  r.rollback_of = run.o.rollback_of;
  r.status = RevisionStatus::running;
  for (const auto& m : run.inventory.members) r.inventory.push_back(kube::key_of(m));
  for (const auto& p : run.prepared) r.inventory.push_back(p.key);
  std::sort(r.inventory.begin(), r.inventory.end());
  r.inventory.erase(std::unique(r.inventory.begin(), r.inventory.end()), r.inventory.end());
}

// The lock, the parent and the history live in the app namespace. When it does not exist yet and
// the render contains it, it is applied first (labelled as a member, like any other object);
// when the render does not contain it, that is an error before anything is written.
core::Status ensure_app_namespace(SyncRun& run, const core::Objects& rendered) {
  auto live = run.client.get({"", "v1", "Namespace", "", run.o.namespace_});
  if (!live) return live.error();
  if (*live) return {};
  for (const auto& object : rendered) {
    core::ObjectKey key = object.key();
    if (!(key.group.empty() && key.kind == "Namespace" && key.name == run.o.namespace_)) continue;
    core::Json body = object.body;
    body["metadata"]["labels"]["applyset.kubernetes.io/part-of"] =
        ApplySet{.app = run.o.app, .namespace_ = run.o.namespace_}.id();
    run.progress("creating namespace " + key.name);
    auto created = run.client.apply(body);
    if (!created) return created.error();
    return {};
  }
  return core::Error{core::ErrorKind::rejected,
                     "namespace " + run.o.namespace_ + " of app " + run.o.app +
                         " does not exist; create it, or add it to the app's manifests"};
}

// The union of the old and new members, written before any member: a crash never leaves
// unlabelled orphans.
core::Status write_inventory_union(SyncRun& run) {
  ApplySet set = run.inventory.set;
  for (const auto& p : run.prepared) set.add_member(p.key);
  return write_parent(run.client, set, run.o.version);
}

core::Status wait_crds_established(SyncRun& run, const std::vector<const Change*>& crds) {
  if (crds.empty()) return {};
  std::vector<core::ObjectKey> keys;
  for (const Change* c : crds) keys.push_back(c->key);
  run.progress("waiting for " + std::to_string(keys.size()) + " CustomResourceDefinitions");
  auto ready = wait_healthy(run.client, keys, {.timeout = run.o.timeout, .interval = std::chrono::milliseconds(250)});
  if (!ready) return ready.error();
  return run.client.discovery().refresh();
}

std::string result_word(Action action, bool ok) {
  if (!ok) return "failed";
  return action == Action::create ? "created" : action == Action::update ? "configured" : "unchanged";
}

core::Status apply_waves(SyncRun& run) {
  std::vector<const Change*> order;
  for (const auto& c : run.plan.changes) {
    if (c.action == Action::create || c.action == Action::update || c.action == Action::unchanged) {
      order.push_back(&c);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const Change* a, const Change* b) { return apply_before(*a, *b); });
  kube::ApplyOptions apply{.force = run.o.force_conflicts ? kube::Force::yes : kube::Force::no};
  size_t i = 0;
  while (i < order.size()) {
    int phase = phase_of(order[i]->key);
    int wave = order[i]->wave;
    std::vector<const Change*> batch;
    for (; i < order.size() && phase_of(order[i]->key) == phase && order[i]->wave == wave; ++i) {
      batch.push_back(order[i]);
    }
    std::vector<core::Json> bodies;
    std::vector<const Change*> writes;
    for (const Change* c : batch) {
      if (c->action == Action::unchanged) {
        run.revision.results.push_back({c->key, "unchanged", ""});
        continue;
      }
      bodies.push_back(c->applied);
      writes.push_back(c);
    }
    if (!writes.empty()) {
      run.progress("applying " + std::to_string(writes.size()) + " objects" +
                   (phase == 0 ? " (namespaces and CRDs)" : " (wave " + std::to_string(wave) + ")"));
    }
    auto results = run.client.apply_all(bodies, apply);
    std::string failures;
    core::ErrorKind kind = core::ErrorKind::partial;
    for (size_t j = 0; j < results.size(); ++j) {
      bool ok = static_cast<bool>(results[j]);
      std::string error = ok ? "" : diff::scrub_secret_values(results[j].error().message, bodies[j]);
      run.revision.results.push_back({writes[j]->key, result_word(writes[j]->action, ok), error});
      if (ok) {
        run.wrote = true;
        run.applied[writes[j]->key] = {
            .resource_version =
                results[j]->value("metadata", core::Json::object()).value("resourceVersion", ""),
            .ownership = diff::ownership_digest(*results[j], kube::k_field_manager)};
        continue;
      }
      if (!failures.empty()) failures += '\n';
      failures += error;
      if (results[j].error().kind == core::ErrorKind::conflict) kind = core::ErrorKind::conflict;
      if (results[j].error().kind == core::ErrorKind::cluster) kind = core::ErrorKind::cluster;
    }
    if (!failures.empty()) {
      if (!run.wrote && kind == core::ErrorKind::partial) kind = core::ErrorKind::rejected;
      return core::Error{kind, failures};
    }
    if (phase == 0) {
      std::vector<const Change*> crds;
      for (const Change* c : batch) {
        if (c->key.kind == "CustomResourceDefinition") crds.push_back(c);
      }
      if (auto s = wait_crds_established(run, crds); !s) return s;
    }
  }
  return {};
}

core::Status prune_members(SyncRun& run) {
  std::vector<const Change*> victims;
  for (const auto& c : run.plan.changes) {
    if (c.action == Action::prune) victims.push_back(&c);
    if (c.action == Action::keep) run.revision.results.push_back({c.key, "kept", c.note});
  }
  if (victims.empty()) return {};
  std::stable_sort(victims.begin(), victims.end(),
                   [](const Change* a, const Change* b) { return apply_before(*b, *a); });
  run.progress("pruning " + std::to_string(victims.size()) + " objects");
  std::string failures;
  for (const Change* c : victims) {
    auto deleted = run.client.delete_object(c->key, {.propagation = kube::Propagation::foreground});
    run.revision.results.push_back({c->key, deleted ? "pruned" : "failed",
                                    deleted ? "" : deleted.error().message});
    if (deleted) {
      run.wrote = true;
      if (*deleted) {
        run.pruned.push_back(
            {c->key, c->live.is_object()
                         ? c->live.value("metadata", core::Json::object()).value("uid", "")
                         : ""});
      }
    } else {
      if (!failures.empty()) failures += '\n';
      failures += deleted.error().message;
    }
  }
  if (!failures.empty()) return core::Error{core::ErrorKind::partial, failures};
  return {};
}

// The index of what this sync left (diff/engine.h AppliedIndex): the next diff or sync skips the
// dry-run of every object still at that resourceVersion, or still with the ownership this sync
// left, with the same rendered body.
diff::AppliedIndex applied_index(const SyncRun& run) {
  diff::AppliedIndex index;
  for (const auto& c : run.plan.changes) {
    diff::AppliedState state;
    if (c.action == Action::unchanged) {
      state.resource_version = c.live.value("metadata", core::Json::object()).value("resourceVersion", "");
      state.ownership = diff::ownership_digest(c.live, kube::k_field_manager);
    } else if (c.action == Action::create || c.action == Action::update) {
      auto it = run.applied.find(c.key);
      if (it != run.applied.end()) state = it->second;
    }
    if (state.resource_version.empty()) continue;
    state.digest = diff::object_digest(c.applied);
    index[c.key] = std::move(state);
  }
  return index;
}

// After the prune the inventory lists only what is rendered (plus what was kept), with the
// applied index.
core::Status shrink_inventory(SyncRun& run) {
  ApplySet set{.app = run.o.app, .namespace_ = run.o.namespace_};
  for (const auto& c : run.plan.changes) {
    if (c.action != Action::prune) set.add_member(c.key);
  }
  diff::AppliedIndex index = applied_index(run);
  return write_parent(run.client, set, run.o.version, &index);
}

void count_results(Revision& r) {
  r.created = r.configured = r.pruned = r.unchanged = 0;
  for (const auto& res : r.results) {
    if (res.action == "created") ++r.created;
    else if (res.action == "configured") ++r.configured;
    else if (res.action == "pruned") ++r.pruned;
    else if (res.action == "unchanged") ++r.unchanged;
  }
}

// Runs the sync-fail hooks, records the failure (never shrinking the inventory) and passes the
// error on.
core::Error record_failure(SyncRun& run, core::Error error) {
  if (auto s = run_phase(run, diff::HookPhase::sync_fail); !s) error.message += "\n" + s.error().message;
  run.revision.status = run.wrote ? RevisionStatus::partially_applied : RevisionStatus::failed;
  if (error.kind == core::ErrorKind::timeout) run.revision.status = RevisionStatus::failed;
  run.revision.message = error.message;
  run.revision.finished_at = now_rfc3339();
  count_results(run.revision);
  (void)write_revision(run.client, run.revision);
  if (run.wrote && error.kind != core::ErrorKind::timeout && error.kind != core::ErrorKind::conflict) {
    return core::Error{core::ErrorKind::partial, error.message};
  }
  return error;
}

// Whether a rollback pinned the app and the commit to sync is one its history already holds.
// The value of the parent's rollback pin; "" when it has none (or there is no parent yet).
core::Result<std::string> rollback_pin(const SyncRun& run) {
  auto parent = run.client.get({"", "v1", "Secret", run.o.namespace_, parent_name(run.o.app)});
  if (!parent) return parent.error();
  if (!*parent) return std::string();
  const core::Json annotations =
      (**parent).value("metadata", core::Json::object()).value("annotations", core::Json::object());
  return annotations.value(k_rollback_pin_annotation, std::string());
}

core::Result<bool> pinned_at_known_commit(const SyncRun& run) {
  auto pin = rollback_pin(run);
  if (!pin) return pin.error();
  if (pin->empty()) return false;
  return std::any_of(run.history.begin(), run.history.end(), [&](const Revision& r) {
    return r.source.commit == run.o.source.commit;
  });
}

// Waits for the applied objects to become healthy and the pruned ones to be gone (a foreground
// deletion ends when the garbage collector has removed the object's dependents).
core::Result<health::Status> wait_for_health(SyncRun& run) {
  std::vector<core::ObjectKey> keys;
  for (const auto& p : run.prepared) {
    if (needs_wait(p.key)) keys.push_back(p.key);
  }
  if (run.o.wait == Wait::no || (keys.empty() && run.pruned.empty())) return health::Status::healthy;
  if (!keys.empty()) {
    run.progress("waiting for " + std::to_string(keys.size()) + " objects to become healthy");
  }
  if (!run.pruned.empty()) {
    run.progress("waiting for " + std::to_string(run.pruned.size()) + " pruned objects to be deleted");
  }
  auto report = wait_healthy(run.client, keys, {.timeout = run.o.timeout, .deleted = run.pruned});
  if (!report) return report.error();
  return report->app;
}

}  // namespace

core::Result<MaxPrune> parse_max_prune(const std::string& text) {
  MaxPrune out;
  if (text.empty()) return out;
  bool percent = text.back() == '%';
  std::string digits = percent ? text.substr(0, text.size() - 1) : text;
  int value = -1;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || value < 0 ||
      (percent && value > 100)) {
    return core::Error{core::ErrorKind::usage,
                       "invalid --max-prune \"" + text + "\": use a count (10) or a percentage (25%)"};
  }
  (percent ? out.percent : out.count) = value;
  return out;
}

core::Result<SyncOutcome> run_sync(kube::Client& client, const core::Objects& rendered,
                                   const SyncOptions& options) {
  SyncRun run{client, options};
  const bool dry_run = options.dry_run == DryRunOnly::yes;
  if (!dry_run) {
    if (auto s = ensure_app_namespace(run, rendered); !s) return s.error();
    if (auto s = take_lock(run); !s) return s.error();
  }
  if (auto s = read_history(run); !s) return s.error();
  const ApplySet pin_set{.app = options.app, .namespace_ = options.namespace_};
  std::optional<std::string> pin_before;  // set when this rollback pinned the app
  if (!dry_run && options.pin_rollback) {
    auto before = rollback_pin(run);
    if (!before) return before.error();
    if (auto s = pin_rollback(client, pin_set, options.source.commit); !s) return s.error();
    pin_before = std::move(*before);
  } else if (!dry_run && options.yield_to_pin) {
    auto paused = pinned_at_known_commit(run);
    if (!paused) return paused.error();
    if (*paused) return SyncOutcome{.paused = true};
  }
  // A rollback refused before it wrote anything leaves the pin as it found it.
  auto refused = [&](const core::Error& error) -> core::Error {
    if (!pin_before) return error;
    (void)(pin_before->empty() ? clear_rollback_pin(client, pin_set)
                               : pin_rollback(client, pin_set, *pin_before == "stored" ? "" : *pin_before));
    return error;
  };
  if (auto s = plan_changes(run, rendered); !s) return refused(s.error());
  if (auto s = check_guards(run); !s) return refused(s.error());
  SyncOutcome outcome;
  if (dry_run) {
    outcome.plan = std::move(run.plan);
    return outcome;
  }
  start_revision(run);
  if (auto s = write_revision(client, run.revision); !s) return s.error();
  if (auto s = write_inventory_union(run); !s) return record_failure(run, s.error());
  if (auto s = run_phase(run, diff::HookPhase::pre_sync); !s) return record_failure(run, s.error());
  if (auto s = apply_waves(run); !s) return record_failure(run, s.error());
  if (auto s = run_phase(run, diff::HookPhase::sync); !s) return record_failure(run, s.error());
  if (auto s = prune_members(run); !s) return record_failure(run, s.error());
  if (auto s = shrink_inventory(run); !s) return record_failure(run, s.error());
  auto health = wait_for_health(run);
  if (!health) return record_failure(run, health.error());
  if (auto s = run_phase(run, diff::HookPhase::post_sync); !s) return record_failure(run, s.error());
  run.revision.status = RevisionStatus::succeeded;
  run.revision.finished_at = now_rfc3339();
  count_results(run.revision);
  if (auto s = write_revision(client, run.revision); !s) return s.error();
  const bool pinned = run.inventory.parent &&
                      (*run.inventory.parent)["metadata"].value("annotations", core::Json::object())
                          .contains(k_rollback_pin_annotation);
  if (pinned && !options.pin_rollback) {
    if (auto s = clear_rollback_pin(client, run.inventory.set); !s) return s.error();
  }
  std::vector<Revision> all = std::move(run.history);
  all.insert(all.begin(), Revision{.number = run.revision.number, .app = run.revision.app,
                                   .namespace_ = run.revision.namespace_});
  (void)trim_history(client, all, options.history_max);
  outcome.plan = std::move(run.plan);
  outcome.revision = std::move(run.revision);
  outcome.health = *health;
  outcome.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - run.started);
  return outcome;
}

namespace {

// ", 2 hooks run" when hooks ran.
std::string hooks_run(const Revision& r) {
  long n = std::count_if(r.results.begin(), r.results.end(),
                         [](const ObjectResult& res) { return res.action == "hook succeeded"; });
  if (n == 0) return {};
  return ", " + std::to_string(n) + (n == 1 ? " hook run" : " hooks run");
}

}  // namespace

std::string summary(const SyncOutcome& outcome, const SyncOptions& options) {
  const Revision& r = outcome.revision;
  std::string commit = options.source.commit.substr(0, 7);
  std::string target = commit.empty() ? options.source.path : commit;
  if (!options.source.ref.empty() && !commit.empty()) target += " (" + options.source.ref + ")";
  long long seconds = (outcome.elapsed.count() + 500) / 1000;
  return "synced " + options.app + " to " + target + ": " + std::to_string(r.created) +
         " created, " + std::to_string(r.configured) + " configured, " + std::to_string(r.pruned) +
         " pruned, " + std::to_string(r.unchanged) + " unchanged" + hooks_run(r) + "; health " +
         std::string(health::to_string(outcome.health)) + " in " + std::to_string(seconds) + "s";
}

}  // namespace gitops::sync
