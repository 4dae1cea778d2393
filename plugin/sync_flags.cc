// Sync flag registration and validation.
#include "plugin/sync_flags.h"

#include <unistd.h>

#include <cstdlib>

#include "plugin/cluster.h"
#include "plugin/version.h"

namespace gitops::plugin {

void add_sync_flags(CLI::App& cmd, SyncFlags& f) {
  const char* group = "Sync";
  cmd.add_flag("--dry-run", f.dry_run, "Print the plan and write nothing")->group(group);
  cmd.add_flag("--no-prune", f.no_prune, "Keep objects that are no longer rendered")->group(group);
  cmd.add_flag("--force-conflicts", f.force_conflicts,
               "Take over fields owned by other field managers")->group(group);
  cmd.add_flag("--no-wait", f.no_wait, "Do not wait for health")->group(group);
  // As in kubectl, a flag given twice takes its last value.
  cmd.add_option("--timeout", f.timeout, "How long to wait for health (default 5m)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->group(group);
  cmd.add_flag("--allow-empty", f.allow_empty, "Allow an empty render to prune everything")
      ->group(group);
  cmd.add_option("--max-prune", f.max_prune, "Refuse to prune more than N objects or P% of them")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->group(group);
  cmd.add_flag("--prune-protected", f.prune_protected,
               "Also prune Namespaces, CRDs and PersistentVolumeClaims")->group(group);
  cmd.add_flag("--adopt", f.adopt, "Take over objects of another ApplySet, Helm release or Argo CD")
      ->group(group);
  cmd.add_option("--history-max", f.history_max, "Revisions to keep (default 10)")->group(group);
  cmd.add_option("--lock-timeout", f.lock_timeout,
                 "How long to wait for another sync of the app (default 1m)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->group(group);
  cmd.add_option("--lock-ttl", f.lock_ttl, "Lease duration of the app's lock (default 30s)")
      ->group(group);
}

std::string local_actor() {
  const char* user = std::getenv("USER");
  char host[256] = "unknown";
  gethostname(host, sizeof host - 1);
  return std::string(user != nullptr && *user != '\0' ? user : "unknown") + "@" + host;
}

core::Result<sync::SyncOptions> sync_options(const SyncFlags& f, const AppSource& source) {
  sync::SyncOptions o;
  o.actor = local_actor();
  o.app = source.app;
  o.namespace_ = source.namespace_;
  o.version = k_version;
  o.dry_run = f.dry_run ? sync::DryRunOnly::yes : sync::DryRunOnly::no;
  o.prune = (f.no_prune || !source.prune) ? sync::Prune::no : sync::Prune::yes;
  o.force_conflicts = f.force_conflicts;
  o.allow_empty = f.allow_empty;
  o.prune_protected = f.prune_protected;
  o.adopt = f.adopt;
  o.wait = f.no_wait ? sync::Wait::no : sync::Wait::yes;
  auto max = sync::parse_max_prune(f.max_prune);
  if (!max) return max.error();
  o.max_prune = *max;
  auto timeout = parse_duration_flag("--timeout", f.timeout);
  if (!timeout) return timeout.error();
  o.timeout = *timeout;
  auto lock_timeout = parse_duration_flag("--lock-timeout", f.lock_timeout);
  if (!lock_timeout) return lock_timeout.error();
  o.lock_timeout = std::chrono::duration_cast<std::chrono::seconds>(*lock_timeout);
  auto lock_ttl = parse_duration_flag("--lock-ttl", f.lock_ttl);
  if (!lock_ttl) return lock_ttl.error();
  o.lock_ttl = std::max(std::chrono::seconds(1), std::chrono::duration_cast<std::chrono::seconds>(*lock_ttl));
  if (f.history_max < 1) {
    return core::Error{core::ErrorKind::usage, "--history-max must be at least 1"};
  }
  o.history_max = f.history_max;
  return o;
}

}  // namespace gitops::plugin
