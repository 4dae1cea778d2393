// compute_plan: read live -> dry-run -> compare -> add prunes, as named steps.
#include "diff/engine.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/annotations.h"
#include "diff/digest.h"
#include "diff/normalize.h"
#include "kube/base64.h"

namespace gitops::diff {
namespace {

using GroupKey = std::tuple<std::string, std::string, std::string, std::string>;

// A LIST pays off once a kind and namespace hold more than one object of the render.
constexpr size_t k_list_threshold = 2;

std::vector<std::string> changed_paths(const core::Json& before, const core::Json& after) {
  std::vector<std::string> paths;
  for (const auto& op : core::Json::diff(before, after)) paths.push_back(op.value("path", ""));
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

struct DryRunOutcome {
  std::vector<core::Json> results;  // per prepared object; null for kinds pending a CRD
  std::vector<std::string> notes;
  std::vector<bool> untouched;      // known unchanged: the live object stands for the dry-run
  int skipped = 0;
};

// Objects the server cannot dry-run yet, because this sync creates their kind (a CRD) or their
// namespace first, are shown as rendered, with a note saying why.
// Whether the live object is still exactly what the last sync left for this body.
bool untouched_since_last_sync(const PreparedObject& desired, const core::Json& live,
                               const DiffOptions& options) {
  if (options.applied == nullptr || live.is_null()) return false;
  auto it = options.applied->find(desired.key);
  if (it == options.applied->end()) return false;
  if (it->second.digest != object_digest(desired.body)) return false;
  const std::string rv = live.value("metadata", core::Json::object()).value("resourceVersion", "");
  if (!rv.empty() && rv == it->second.resource_version) return true;
  return !it->second.ownership.empty() &&
         it->second.ownership == ownership_digest(live, options.field_manager);
}

core::Result<DryRunOutcome> dry_run_all(kube::Client& client,
                                        const std::vector<PreparedObject>& desired,
                                        const std::vector<core::Json>& live_of,
                                        const std::set<std::string>& new_namespaces,
                                        const DiffOptions& options) {
  DryRunOutcome out;
  out.results.resize(desired.size());
  out.notes.resize(desired.size());
  out.untouched.resize(desired.size());
  std::vector<core::Json> bodies;
  std::vector<size_t> index;
  for (size_t i = 0; i < desired.size(); ++i) {
    if (untouched_since_last_sync(desired[i], live_of[i], options)) {
      out.results[i] = live_of[i];
      out.untouched[i] = true;
      ++out.skipped;
      continue;
    }
    if (desired[i].kind_pending) {
      out.results[i] = desired[i].body;
      out.notes[i] = "its CustomResourceDefinition is in this render and not yet on the server";
      continue;
    }
    if (new_namespaces.count(desired[i].key.namespace_) > 0) {
      out.results[i] = desired[i].body;
      out.notes[i] = "its namespace is created by this sync";
      continue;
    }
    bodies.push_back(desired[i].body);
    index.push_back(i);
  }
  kube::ApplyOptions apply{.field_manager = options.field_manager,
                           .force = options.force_conflicts == ForceConflicts::yes ? kube::Force::yes
                                                                                   : kube::Force::no,
                           .dry_run = kube::DryRun::yes};
  std::vector<core::Result<core::Json>> results = client.apply_all(bodies, apply);
  // Conflicts with other managers: show what a forced apply would do and say so.
  std::vector<core::Json> retry_bodies;
  std::vector<size_t> retry_slots;
  std::string rejected;
  for (size_t j = 0; j < results.size(); ++j) {
    size_t i = index[j];
    if (results[j]) {
      out.results[i] = std::move(*results[j]);
    } else if (results[j].error().kind == core::ErrorKind::conflict) {
      out.notes[i] = "conflicts with another field manager; sync needs --force-conflicts: " +
                     results[j].error().message;
      retry_bodies.push_back(bodies[j]);
      retry_slots.push_back(i);
    } else if (results[j].error().kind == core::ErrorKind::rejected) {
      if (!rejected.empty()) rejected += '\n';
      rejected += scrub_secret_values(results[j].error().message, bodies[j]);
    } else {
      return core::Error{results[j].error().kind,
                         scrub_secret_values(results[j].error().message, bodies[j])};
    }
  }
  if (!rejected.empty()) return core::Error{core::ErrorKind::rejected, rejected};
  if (!retry_bodies.empty() && options.conflicts == ConflictPolicy::fail) {
    std::string conflicts;
    for (size_t i : retry_slots) {
      if (!conflicts.empty()) conflicts += '\n';
      conflicts += out.notes[i].substr(out.notes[i].find(": ") + 2);
    }
    return core::Error{core::ErrorKind::conflict,
                       conflicts + "\n(use --force-conflicts to take these fields over)"};
  }
  apply.force = kube::Force::yes;
  std::vector<core::Result<core::Json>> forced = client.apply_all(retry_bodies, apply);
  for (size_t j = 0; j < forced.size(); ++j) {
    if (!forced[j]) return forced[j].error();
    out.results[retry_slots[j]] = std::move(*forced[j]);
  }
  return out;
}

// `untouched`: the live object is what the last sync left for this body, so it is unchanged
// without comparing.
Change compare(const PreparedObject& prepared, core::Json live, core::Json dry_run, std::string note,
               bool untouched) {
  Change change{.key = prepared.key, .live = std::move(live), .desired = std::move(dry_run),
                .applied = prepared.body, .note = std::move(note),
                .wave = core::sync_wave(prepared.body)};
  if (change.live.is_null()) {
    change.action = Action::create;
    return change;
  }
  if (untouched) {
    change.action = Action::unchanged;
    return change;
  }
  core::Json before = normalize(change.live);
  core::Json after = normalize(change.desired);
  if (before == after) {
    change.action = Action::unchanged;
  } else {
    change.action = Action::update;
    change.changed_paths = changed_paths(before, after);
  }
  return change;
}

Change prune_change(const core::Json& member, const DiffOptions& options) {
  Change change{.key = kube::key_of(member), .live = member};
  std::string reason = core::prune_disabled_reason(member);
  if (reason.empty() && core::is_prune_protected_kind(change.key) &&
      options.prune_protected == PruneProtected::no) {
    reason = change.key.kind + " is protected (use --prune-protected to prune it)";
  }
  change.action = reason.empty() ? Action::prune : Action::keep;
  change.note = reason;
  change.wave = core::sync_wave(member);
  return change;
}

}  // namespace

core::Result<std::vector<core::Json>> read_live(kube::Client& client,
                                                const std::vector<core::ObjectKey>& keys,
                                                const std::vector<core::Json>& known) {
  // ObjectKey's ordering ignores the version: a known object read at another version than the
  // one asked for is read again.
  std::map<core::ObjectKey, const core::Json*> by_key;
  for (const auto& object : known) by_key.emplace(kube::key_of(object), &object);
  std::vector<core::Json> live(keys.size());
  std::map<GroupKey, std::vector<size_t>> groups;
  for (size_t i = 0; i < keys.size(); ++i) {
    auto it = by_key.find(keys[i]);
    if (it != by_key.end() && kube::key_of(*it->second).version == keys[i].version) {
      live[i] = *it->second;
      continue;
    }
    groups[{keys[i].group, keys[i].version, keys[i].kind, keys[i].namespace_}].push_back(i);
  }
  for (const auto& [group, members] : groups) {
    if (members.size() < k_list_threshold) {
      for (size_t i : members) {
        auto got = client.get(keys[i]);
        if (!got) return got.error();
        if (*got) live[i] = std::move(**got);
      }
      continue;
    }
    const auto& [g, v, kind, ns] = group;
    auto items = client.list_all({.group = g, .version = v, .kind = kind, .namespace_ = ns});
    if (!items) return items.error();
    std::map<std::string, core::Json*> by_name;
    for (auto& item : *items) by_name[item["metadata"].value("name", "")] = &item;
    for (size_t i : members) {
      auto it = by_name.find(keys[i].name);
      if (it != by_name.end()) {
        live[i] = std::move(*it->second);
        // LIST items carry no apiVersion/kind; restore them so the object reads as a GET's.
        live[i]["apiVersion"] = keys[i].api_version();
        live[i]["kind"] = keys[i].kind;
      }
    }
  }
  return live;
}

core::Result<Plan> compute_plan(kube::Client& client, const std::vector<PreparedObject>& desired,
                                const std::vector<core::Json>& members,
                                const DiffOptions& options) {
  std::vector<core::ObjectKey> keys;
  std::vector<size_t> served;
  for (size_t i = 0; i < desired.size(); ++i) {
    if (desired[i].kind_pending) continue;
    keys.push_back(desired[i].key);
    served.push_back(i);
  }
  // The members were read (by the inventory's LIST) just before: only the rest is read here.
  auto live = read_live(client, keys, members);
  if (!live) return live.error();
  std::vector<core::Json> live_of(desired.size());
  for (size_t j = 0; j < served.size(); ++j) live_of[served[j]] = std::move((*live)[j]);

  std::set<std::string> new_namespaces;
  for (size_t i = 0; i < desired.size(); ++i) {
    const core::ObjectKey& k = desired[i].key;
    if (k.group.empty() && k.kind == "Namespace" && live_of[i].is_null()) new_namespaces.insert(k.name);
  }
  auto dry_run = dry_run_all(client, desired, live_of, new_namespaces, options);
  if (!dry_run) return dry_run.error();

  Plan plan;
  plan.dry_runs_skipped = dry_run->skipped;
  for (size_t i = 0; i < desired.size(); ++i) {
    plan.changes.push_back(compare(desired[i], std::move(live_of[i]), std::move(dry_run->results[i]),
                                   std::move(dry_run->notes[i]), dry_run->untouched[i]));
  }
  // ObjectKey's ordering ignores the version, so this set answers "is the member rendered?".
  std::set<core::ObjectKey> rendered;
  for (const auto& p : desired) rendered.insert(p.key);
  for (const auto& member : members) {
    if (rendered.count(kube::key_of(member)) == 0) plan.changes.push_back(prune_change(member, options));
  }
  std::sort(plan.changes.begin(), plan.changes.end(),
            [](const Change& a, const Change& b) { return a.key < b.key; });
  return plan;
}

std::string scrub_secret_values(std::string message, const core::Json& object) {
  if (object.value("kind", "") != "Secret") return message;
  std::vector<std::string> secrets;
  for (const char* field : {"data", "stringData"}) {
    auto it = object.find(field);
    if (it == object.end() || !it->is_object()) continue;
    for (const auto& [key, value] : it->items()) {
      if (!value.is_string()) continue;
      std::string text = value.get<std::string>();
      secrets.push_back(text);
      if (std::string(field) == "data") {
        auto decoded = kube::base64_decode(text, "data");
        if (decoded && !decoded->empty()) secrets.push_back(*decoded);
      }
    }
  }
  // Longest first, so a value that contains another is replaced whole.
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  auto replace_all = [&message](const std::string& from, const std::string& to) {
    for (size_t pos = message.find(from); pos != std::string::npos; pos = message.find(from, pos + to.size())) {
      message.replace(pos, from.size(), to);
    }
  };
  for (const auto& secret : secrets) {
    if (secret.empty()) continue;
    if (secret.size() >= 3) {
      replace_all(secret, "***");
    } else {
      // Too short to replace everywhere without mangling words; the server quotes the values it
      // cites ("Invalid value: \"ab\""), so replace the quoted forms.
      replace_all("\"" + secret + "\"", "\"***\"");
      replace_all("'" + secret + "'", "'***'");
    }
  }
  return message;
}

}  // namespace gitops::diff
