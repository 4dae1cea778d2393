// `kubectl gitops sync`: apply the render of a Git ref with server-side apply, prune, wait for
// health, record the revision.
#include "diff/report.h"
#include "plugin/cluster.h"
#include "plugin/command.h"
#include "plugin/source_loader.h"
#include "plugin/sync_flags.h"
#include "plugin/version.h"
#include "sync/engine.h"

namespace gitops::plugin {
namespace {

struct SyncCommandFlags {
  SourceFlags source;
  SyncFlags sync;
};

core::Result<int> run_sync_command(Context& context, const SyncCommandFlags& flags) {
  const std::string output = context.globals.output.empty() ? "text" : context.globals.output;
  if (output != "text" && output != "json") {
    return core::Error{core::ErrorKind::usage,
                       "unknown output format \"" + output + "\" for sync (use text or json)"};
  }
  auto source = resolve_source(flags.source, context.globals.namespace_);
  if (!source) return source.error();
  auto options = sync_options(flags.sync, *source);
  if (!options) return options.error();
  if (!context.globals.no_progress) {
    Terminal* terminal = &context.terminal;
    options->progress = [terminal](const std::string& line) { terminal->err(line + "\n"); };
  }
  if (options->progress) options->progress("rendering " + source->app);
  auto loaded = load_source(*source);
  if (!loaded) return loaded.error();
  auto client = connect(context);
  if (!client) return client.error();
  if (options->namespace_.empty()) options->namespace_ = (*client)->config().namespace_;
  options->source = source->record;
  auto outcome = sync::run_sync(**client, loaded->rendered.objects, *options);
  if (!outcome) return outcome.error();
  if (options->dry_run == sync::DryRunOnly::yes) {
    diff::ReportOptions report{
        .color = context.terminal.color_stdout(context.globals.color_mode()) ? diff::Color::yes
                                                                             : diff::Color::no};
    if (output == "json") context.terminal.out(diff::format_json(outcome->plan, report).dump(2) + "\n");
    else context.terminal.out(diff::format_text(outcome->plan, report));
    return 0;
  }
  if (output == "json") {
    core::Json record = outcome->revision.to_json();
    record.erase("objects");
    record["health"] = std::string(health::to_string(outcome->health));
    context.terminal.out(record.dump(2) + "\n");
  } else {
    context.terminal.out(sync::summary(*outcome, *options) + "\n");
  }
  return 0;
}

}  // namespace

void add_sync_command(CLI::App& app, Context& context) {
  auto flags = std::make_shared<SyncCommandFlags>();
  CLI::App* cmd = app.add_subcommand(
      "sync", "Apply a Git ref to the cluster: server-side apply, prune, wait for health, record");
  add_source_flags(*cmd, flags->source);
  add_sync_flags(*cmd, flags->sync);
  cmd->footer("Output (-o): text (default), json. Exit codes: see `kubectl gitops --help`.");
  cmd->callback([&context, flags] {
    context.run = [&context, flags] { return run_sync_command(context, *flags); };
  });
}

}  // namespace gitops::plugin
