// `kubectl gitops diff`: what a sync would change, from a server-side dry-run of every object.
#include "diff/engine.h"
#include "diff/hooks.h"
#include "diff/report.h"
#include "plugin/cluster.h"
#include "plugin/command.h"
#include "plugin/external_diff.h"
#include "plugin/source_loader.h"
#include "sync/applyset.h"
#include "sync/hooks.h"
#include "sync/inventory.h"

namespace gitops::plugin {
namespace {

struct DiffFlags {
  SourceFlags source;
  bool show_secrets = false;
  bool prune_protected = false;
};

core::Result<int> run_diff(Context& context, const DiffFlags& flags) {
  const std::string output = context.globals.output.empty() ? "text" : context.globals.output;
  if (output != "text" && output != "json") {
    return core::Error{core::ErrorKind::usage,
                       "unknown output format \"" + output + "\" for diff (use text or json)"};
  }
  auto source = resolve_source(flags.source, context.globals.namespace_);
  if (!source) return source.error();
  auto loaded = load_source(*source);
  if (!loaded) return loaded.error();
  auto client = connect(context);
  if (!client) return client.error();
  kube::Client& kube = **client;
  std::string ns = source->namespace_.empty() ? kube.config().namespace_ : source->namespace_;
  auto inventory = sync::read_inventory(kube, source->app, ns);
  if (!inventory) return inventory.error();
  // Helm's install hooks run on the first sync of an app, its upgrade hooks on every other.
  diff::SplitRender split = diff::split_hooks(
      loaded->rendered.objects, inventory->parent ? diff::Operation::upgrade : diff::Operation::install);
  auto prepared = diff::prepare_objects(split.members, kube.discovery(),
                                        {.namespace_ = ns, .applyset_id = inventory->set.id()});
  if (!prepared) return prepared.error();
  diff::DiffOptions options{
      .prune_protected = flags.prune_protected ? diff::PruneProtected::yes : diff::PruneProtected::no,
      .applied = &inventory->applied};
  auto plan = diff::compute_plan(kube, *prepared, inventory->members, options);
  if (!plan) return plan.error();
  auto hooks = sync::prepare_hooks(kube, split.hooks, ns);
  if (!hooks) return hooks.error();
  if (auto s = sync::dry_run_hooks(kube, *hooks); !s) return s.error();
  plan->hooks = sync::hook_steps(*hooks, split.skipped, ns);
  diff::ReportOptions report{
      .show_secrets = flags.show_secrets ? diff::ShowSecrets::yes : diff::ShowSecrets::no,
      .color = context.terminal.color_stdout(context.globals.color_mode()) ? diff::Color::yes
                                                                           : diff::Color::no};
  const bool differs = plan->counts().any_difference();
  if (output == "json") {
    context.terminal.out(diff::format_json(*plan, report).dump(2) + "\n");
  } else if (auto program = external_diff_program(); !program.empty()) {
    auto code = run_external_diff(program, *plan, report);
    if (!code) return code.error();
    return *code;
  } else {
    context.terminal.out(diff::format_text(*plan, report));
  }
  return differs ? 1 : 0;
}

}  // namespace

void add_diff_command(CLI::App& app, Context& context) {
  auto flags = std::make_shared<DiffFlags>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "Show what a sync would change: server-side dry-run, unified diff, prunes");
  add_source_flags(*cmd, flags->source);
  cmd->add_flag("--show-secrets", flags->show_secrets, "Show Secret values instead of ***");
  cmd->add_flag("--prune-protected", flags->prune_protected,
                "Count Namespaces, CRDs and PersistentVolumeClaims as prunable");
  cmd->footer(
      "Output (-o): text (default), json.\n"
      "Exit status: 0 no differences, 1 differences, >1 an error (see `kubectl gitops --help`).\n"
      "KUBECTL_EXTERNAL_DIFF names a diff program to run on two folders instead, as kubectl does.");
  cmd->callback([&context, flags] {
    context.run = [&context, flags] { return run_diff(context, *flags); };
  });
}

}  // namespace gitops::plugin
