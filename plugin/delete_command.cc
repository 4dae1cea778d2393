// `kubectl gitops delete APP`: prune every member of the app (with sync's protections), then its
// inventory parent, history and lease. Asks on a terminal; scripts pass --yes.
#include <algorithm>
#include <iostream>

#include "diff/engine.h"

#include "core/annotations.h"
#include "plugin/cluster.h"
#include "plugin/command.h"
#include "sync/history.h"
#include "sync/inventory.h"
#include "sync/order.h"
#include "sync/wait.h"

namespace gitops::plugin {
namespace {

struct DeleteFlags {
  std::string app;
  bool yes = false;
  bool prune_protected = false;
};

std::string protection(const core::Json& member, const DeleteFlags& flags) {
  core::ObjectKey key = kube::key_of(member);
  std::string reason = core::prune_disabled_reason(member);
  if (reason.empty() && core::is_prune_protected_kind(key) && !flags.prune_protected) {
    reason = key.kind + " is protected (use --prune-protected to delete it)";
  }
  return reason;
}

core::Result<int> run_delete(Context& context, const DeleteFlags& flags) {
  auto client = connect(context);
  if (!client) return client.error();
  kube::Client& kube = **client;
  const std::string ns = kube.config().namespace_;
  auto inventory = sync::read_inventory(kube, flags.app, ns);
  if (!inventory) return inventory.error();
  auto revisions = sync::list_revisions(kube, flags.app, ns);
  if (!revisions) return revisions.error();
  if (!inventory->parent && revisions->empty()) {
    return core::Error{core::ErrorKind::usage, "app " + flags.app + " not found in namespace " + ns};
  }
  std::vector<core::Json> doomed, kept;
  for (const auto& m : inventory->members) (protection(m, flags).empty() ? doomed : kept).push_back(m);
  if (!flags.yes) {
    if (!context.terminal.stdin_is_tty()) {
      return core::Error{core::ErrorKind::usage,
                         "delete of app " + flags.app + " needs confirmation: pass --yes in scripts"};
    }
    std::string list;
    for (const auto& m : doomed) list += "  " + kube::key_of(m).to_string() + "\n";
    context.terminal.err("This deletes " + std::to_string(doomed.size()) + " objects of app " + flags.app +
                         " and its history:\n" + list + "Continue? [y/N] ");
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      context.terminal.err("Nothing deleted.\n");
      return 0;
    }
  }
  std::sort(doomed.begin(), doomed.end(), [](const core::Json& a, const core::Json& b) {
    diff::Change ca{.key = kube::key_of(a), .wave = core::sync_wave(a)};
    diff::Change cb{.key = kube::key_of(b), .wave = core::sync_wave(b)};
    return sync::apply_before(cb, ca);
  });
  std::vector<sync::Deleted> gone;
  for (const auto& m : doomed) {
    gone.push_back({kube::key_of(m), m.value("metadata", core::Json::object()).value("uid", "")});
    auto deleted = kube.delete_object(gone.back().key, {.propagation = kube::Propagation::foreground});
    if (!deleted) return core::Error{core::ErrorKind::partial, deleted.error().message};
  }
  // Foreground deletion finishes once the garbage collector has removed dependents; wait for it,
  // as `kubectl delete` does, so the app is gone when the command returns.
  auto waited = sync::wait_healthy(
      kube, {}, {.timeout = std::chrono::minutes(2), .interval = std::chrono::milliseconds(250), .deleted = gone});
  if (!waited) return waited.error();
  std::vector<core::ObjectKey> records = {{"", "v1", "Secret", ns, sync::parent_name(flags.app)},
                                          {"coordination.k8s.io", "v1", "Lease", ns, "gitops-" + flags.app}};
  for (const auto& r : *revisions) {
    records.push_back({"", "v1", "Secret", ns, sync::revision_secret_name(flags.app, r.number)});
  }
  for (const auto& key : records) {
    auto deleted = kube.delete_object(key);
    if (!deleted) return core::Error{core::ErrorKind::partial, deleted.error().message};
  }
  std::string text = "deleted app " + flags.app + ": " + std::to_string(doomed.size()) + " objects";
  if (!kept.empty()) {
    text += "; kept " + std::to_string(kept.size()) + " protected objects:";
    for (const auto& m : kept) text += "\n  " + kube::key_of(m).to_string() + ": " + protection(m, flags);
  }
  context.terminal.out(text + "\n");
  return 0;
}

}  // namespace

void add_delete_command(CLI::App& app, Context& context) {
  auto flags = std::make_shared<DeleteFlags>();
  CLI::App* cmd = app.add_subcommand(
      "delete", "Delete every object of an app, then its inventory, history and lock");
  cmd->add_option("APP", flags->app, "App name")->required();
  cmd->add_flag("-y,--yes", flags->yes, "Do not ask (needed when not on a terminal)");
  cmd->add_flag("--prune-protected", flags->prune_protected,
                "Also delete Namespaces, CRDs and PersistentVolumeClaims");
  cmd->callback([&context, flags] {
    context.run = [&context, flags] { return run_delete(context, *flags); };
  });
}

}  // namespace gitops::plugin
