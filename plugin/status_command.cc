// `kubectl gitops status [APP]`: whether the live objects match the render of the ref's current
// commit (Synced/OutOfSync, by the diff engine) and the health of each object and of the app.
// With an app name alone, the source recorded in its last revision is used. The agent's view of
// the app (annotations on its parent, sync/agent_view.h) is shown when an agent wrote one.
#include <thread>

#include "plugin/cluster.h"
#include "plugin/command.h"
#include "plugin/source_loader.h"
#include "plugin/table.h"
#include "sync/agent_view.h"
#include "sync/applyset.h"
#include "sync/drift.h"
#include "sync/history.h"
#include "sync/wait.h"

namespace gitops::plugin {
namespace {

struct StatusFlags {
  std::string app;
  SourceFlags source;
  bool exit_code = false;
  bool watch = false;
};

bool has_source_flags(const SourceFlags& f) {
  return !f.repo.empty() || !f.path.empty() || !f.local.empty() || !f.filename.empty() || !f.ref.empty();
}

struct StatusReport {
  core::Json json;
  std::string text;
  bool ok = true;  // Synced and Healthy
};

core::Result<StatusReport> compute_status(Context& context, kube::Client& kube, const StatusFlags& flags) {
  const std::string ns = context.globals.namespace_.empty() ? kube.config().namespace_ : context.globals.namespace_;
  AppSource source;
  std::vector<sync::Revision> revisions;
  if (!flags.app.empty()) {
    auto listed = sync::list_revisions(kube, flags.app, ns);
    if (!listed) return listed.error();
    revisions = std::move(*listed);
  }
  if (has_source_flags(flags.source) || flags.app.empty()) {
    SourceFlags f = flags.source;
    if (f.app.empty()) f.app = flags.app;
    auto resolved = resolve_source(f, ns);
    if (!resolved) return resolved.error();
    source = std::move(*resolved);
  } else {
    if (revisions.empty()) {
      return core::Error{core::ErrorKind::usage, "app " + flags.app + " has no history in namespace " + ns +
                                                     "; give its source (--repo, --path or -f)"};
    }
    const sync::Revision& last = revisions.front();
    source.app = flags.app;
    source.namespace_ = ns;
    source.options = options_from_record(last.source);
    source.options.app_name = flags.app;
    source.options.namespace_ = ns;
    source.repo_location = last.source.repo;
    source.record = last.source;
    source.record.commit.clear();
    if (source.record.ref.empty()) source.local = last.source.repo;
  }
  auto loaded = load_source(source);
  if (!loaded) return loaded.error();
  auto drift = sync::compute_drift(kube, loaded->rendered.objects, source.app, ns);
  if (!drift) return drift.error();
  const diff::Plan* plan = &drift->plan;
  const std::vector<core::ObjectKey>& keys = drift->keys;
  auto health = sync::check_health(kube, keys);
  if (!health) return health.error();

  int differing = drift->differing;
  std::string sync_status = differing == 0 ? "Synced" : "OutOfSync";
  std::string commit = source.record.commit.substr(0, 7);
  StatusReport report;
  report.ok = differing == 0 && health->app == health::Status::healthy;
  std::string app_health(health::to_string(health->app));
  report.text = "App:        " + source.app + "\nNamespace:  " + ns + "\nSync:       " + sync_status +
                (differing ? " (" + std::to_string(differing) + " objects differ)" : "") + " against " +
                (commit.empty() ? source.record.repo : commit + " (" + source.record.ref + ")") +
                "\nHealth:     " + app_health + "\n";
  report.json = {{"app", source.app}, {"namespace", ns}, {"sync", sync_status},
                 {"differingObjects", differing}, {"commit", source.record.commit},
                 {"ref", source.record.ref}, {"health", app_health}};
  if (!revisions.empty()) {
    const sync::Revision& last = revisions.front();
    report.text += "Last sync:  revision " + std::to_string(last.number) + ", " +
                   last.source.commit.substr(0, 7) + ", " + std::string(sync::to_string(last.status)) +
                   " at " + (last.finished_at.empty() ? last.started_at : last.finished_at) + "\n";
    report.json["lastRevision"] = {{"revision", last.number}, {"commit", last.source.commit},
                                   {"status", std::string(sync::to_string(last.status))},
                                   {"time", last.finished_at}};
  }
  auto parent = kube.get({"", "v1", "Secret", ns, sync::parent_name(source.app)});
  if (!parent) return parent.error().context("reading the inventory of " + source.app);
  if (*parent) {
    if (auto view = sync::agent_view_from_parent(**parent)) {
      report.text += "Agent:      " + view->sync_status + " at " + view->commit.substr(0, 7) +
                     " (" + view->ref + "), health " + view->health + ", observed " +
                     view->observed_at + " by " + view->identity + "\n";
      report.json["agent"] = sync::to_json(*view);
    }
  }
  std::vector<std::vector<std::string>> rows;
  core::Json objects = core::Json::array();
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto& k = keys[i];
    std::string object_sync = "Synced";
    for (const auto& c : plan->changes) {
      if (c.key.same_object(k) && (c.action == diff::Action::create || c.action == diff::Action::update)) {
        object_sync = "OutOfSync";
      }
    }
    const auto& h = health->objects[i].health;
    rows.push_back({k.api_version(), k.kind, k.namespace_.empty() ? "-" : k.namespace_, k.name,
                    object_sync, std::string(health::to_string(h.status)), h.message});
    objects.push_back({{"apiVersion", k.api_version()}, {"kind", k.kind}, {"namespace", k.namespace_},
                       {"name", k.name}, {"sync", object_sync},
                       {"health", std::string(health::to_string(h.status))}, {"message", h.message}});
  }
  for (const auto& c : plan->changes) {
    if (c.action != diff::Action::prune) continue;
    rows.push_back({c.key.api_version(), c.key.kind, c.key.namespace_.empty() ? "-" : c.key.namespace_,
                    c.key.name, "OutOfSync", "-", "no longer rendered; a sync prunes it"});
  }
  report.json["objects"] = objects;
  report.text += "\n" + format_table({"APIVERSION", "KIND", "NAMESPACE", "NAME", "SYNC", "HEALTH", "MESSAGE"}, rows);
  return report;
}

core::Result<int> run_status(Context& context, const StatusFlags& flags) {
  const std::string output = context.globals.output.empty() ? "table" : context.globals.output;
  if (output != "table" && output != "json") {
    return core::Error{core::ErrorKind::usage,
                       "unknown output format \"" + output + "\" for status (use table or json)"};
  }
  auto client = connect(context);
  if (!client) return client.error();
  while (true) {
    auto report = compute_status(context, **client, flags);
    if (!report) return report.error();
    if (flags.watch && context.terminal.stdout_is_tty()) context.terminal.out("\033[H\033[2J");
    context.terminal.out(output == "json" ? report->json.dump(2) + "\n" : report->text);
    if (!flags.watch) return (flags.exit_code && !report->ok) ? 1 : 0;
    if (!context.terminal.stdout_is_tty()) context.terminal.out("\n");
    context.terminal.flush();
    std::this_thread::sleep_for(std::chrono::seconds(2));
  }
}

}  // namespace

void add_status_command(CLI::App& app, Context& context) {
  auto flags = std::make_shared<StatusFlags>();
  CLI::App* cmd = app.add_subcommand(
      "status", "Show whether an app is Synced with its ref and how healthy its objects are");
  cmd->add_option("APP", flags->app, "App name (its last revision gives the source)");
  add_source_flags(*cmd, flags->source);
  cmd->add_flag("--exit-code", flags->exit_code, "Exit 1 when OutOfSync or not Healthy");
  cmd->add_flag("--watch", flags->watch, "Refresh every 2 seconds until interrupted");
  cmd->footer("Output (-o): table (default), json.");
  cmd->callback([&context, flags] {
    context.run = [&context, flags] { return run_status(context, *flags); };
  });
}

}  // namespace gitops::plugin
