// `kubectl gitops rollback APP [REVISION]`: re-render exactly what a recorded revision applied
// (its repo, commit, path and render options) and run the full sync pipeline on it; when Git is
// unreachable, restore the objects stored in the revision instead. The app is pinned so the agent
// does not undo the rollback until a new commit arrives.
#include "plugin/cluster.h"
#include "plugin/command.h"
#include "plugin/source_loader.h"
#include "plugin/sync_flags.h"
#include "diff/report.h"
#include "sync/history.h"
#include "sync/inventory.h"

namespace gitops::plugin {
namespace {

struct RollbackFlags {
  std::string app;
  int revision = 0;
  std::string to_ref;
  bool offline = false;
  SyncFlags sync;
};

core::Result<const sync::Revision*> pick_target(const std::vector<sync::Revision>& revisions,
                                                const RollbackFlags& flags) {
  if (flags.revision > 0) {
    for (const auto& r : revisions) {
      if (r.number == flags.revision) return &r;
    }
    return core::Error{core::ErrorKind::usage, "app " + flags.app + " has no revision " +
                                                   std::to_string(flags.revision) +
                                                   " (see kubectl gitops history " + flags.app + ")"};
  }
  for (size_t i = 1; i < revisions.size(); ++i) {
    if (revisions[i].status == sync::RevisionStatus::succeeded) return &revisions[i];
  }
  return core::Error{core::ErrorKind::usage,
                     "app " + flags.app + " has no earlier successful revision to roll back to"};
}

// The objects of `target`: re-rendered from Git, else the stored copy (said on stderr).
core::Result<core::Objects> target_objects(Context& context, const sync::Revision& target,
                                           const RollbackFlags& flags, sync::SourceRecord& record) {
  AppSource source;
  source.app = flags.app;
  source.options = options_from_record(target.source);
  source.options.app_name = flags.app;
  source.options.namespace_ = target.namespace_;
  source.repo_location = target.source.repo;
  source.offline = flags.offline;
  source.record = target.source;
  source.record.ref = flags.to_ref.empty() ? target.source.commit : flags.to_ref;
  auto loaded = target.source.commit.empty() && flags.to_ref.empty()
                    ? core::Result<LoadedSource>(core::Error{core::ErrorKind::source, "the revision was synced from a local folder"})
                    : load_source(source);
  if (loaded) {
    record = source.record;
    if (flags.to_ref.empty()) record.ref = target.source.ref;
    return std::move(loaded->rendered.objects);
  }
  if (!flags.to_ref.empty() || target.objects_omitted) {
    std::string why = loaded.error().message;
    if (target.objects_omitted) {
      why += "\nrevision " + std::to_string(target.number) +
             " does not store its objects (they were too large), so it cannot be restored without Git";
    }
    return core::Error{core::ErrorKind::source, "rolling back " + flags.app + ": " + why};
  }
  context.terminal.warning("cannot render revision " + std::to_string(target.number) + " from Git (" +
                           loaded.error().message.substr(0, loaded.error().message.find('\n')) +
                           "); restoring the objects stored in the revision");
  record = target.source;
  core::Objects objects;
  for (const auto& body : target.objects) objects.push_back({body, {"revision " + std::to_string(target.number)}});
  return objects;
}

core::Result<int> run_rollback(Context& context, const RollbackFlags& flags) {
  const std::string output = context.globals.output.empty() ? "text" : context.globals.output;
  if (output != "text" && output != "json") {
    return core::Error{core::ErrorKind::usage,
                       "unknown output format \"" + output + "\" for rollback (use text or json)"};
  }
  auto client = connect(context);
  if (!client) return client.error();
  kube::Client& kube = **client;
  const std::string ns = kube.config().namespace_;
  auto revisions = sync::list_revisions(kube, flags.app, ns);
  if (!revisions) return revisions.error();
  if (revisions->empty()) {
    return core::Error{core::ErrorKind::usage, "app " + flags.app + " has no history in namespace " + ns};
  }
  auto target = pick_target(*revisions, flags);
  if (!target) return target.error();
  AppSource app{.app = flags.app, .namespace_ = ns};
  auto options = sync_options(flags.sync, app);
  if (!options) return options.error();
  if (!context.globals.no_progress) {
    Terminal* terminal = &context.terminal;
    options->progress = [terminal](const std::string& line) { terminal->err(line + "\n"); };
  }
  auto objects = target_objects(context, **target, flags, options->source);
  if (!objects) return objects.error();
  options->rollback_of = flags.to_ref.empty() ? (*target)->number : 0;
  options->pin_rollback = true;
  auto outcome = sync::run_sync(kube, *objects, *options);
  if (!outcome) return outcome.error();
  if (options->dry_run == sync::DryRunOnly::yes) {
    context.terminal.out(diff::format_text(outcome->plan, {}));
    return 0;
  }
  if (output == "json") {
    core::Json record = outcome->revision.to_json();
    record.erase("objects");
    context.terminal.out(record.dump(2) + "\n");
  } else {
    std::string text = sync::summary(*outcome, *options);
    text.replace(0, 6, "rolled back");
    context.terminal.out(text + " (revision " + std::to_string(outcome->revision.number) +
                         ", rollback of " + std::to_string((*target)->number) + ")\n");
  }
  return 0;
}

}  // namespace

void add_rollback_command(CLI::App& app, Context& context) {
  auto flags = std::make_shared<RollbackFlags>();
  CLI::App* cmd = app.add_subcommand(
      "rollback", "Re-apply what an earlier revision applied (default: the one before the current)");
  cmd->add_option("APP", flags->app, "App name")->required();
  cmd->add_option("REVISION", flags->revision, "Revision number (see history)");
  cmd->add_option("--to-ref", flags->to_ref, "Roll to any commit of the app's repository instead");
  cmd->add_flag("--offline", flags->offline, "Do not fetch the repository");
  add_sync_flags(*cmd, flags->sync);
  cmd->callback([&context, flags] {
    context.run = [&context, flags] { return run_rollback(context, *flags); };
  });
}

}  // namespace gitops::plugin
