// `kubectl gitops history APP`: the app's recorded revisions, newest first, from one LIST.
#include "plugin/cluster.h"
#include "plugin/command.h"
#include "plugin/table.h"
#include "sync/history.h"

namespace gitops::plugin {
namespace {

struct HistoryFlags {
  std::string app;
};

std::string description(const sync::Revision& r) {
  std::string text = r.rollback_of > 0 ? "rollback of " + std::to_string(r.rollback_of) : r.source.subject;
  if (!r.message.empty() && r.status != sync::RevisionStatus::succeeded) {
    text += (text.empty() ? "" : ": ") + r.message.substr(0, r.message.find('\n'));
  }
  return text;
}

core::Result<int> run_history(Context& context, const HistoryFlags& flags) {
  const std::string output = context.globals.output.empty() ? "table" : context.globals.output;
  if (output != "table" && output != "json") {
    return core::Error{core::ErrorKind::usage,
                       "unknown output format \"" + output + "\" for history (use table or json)"};
  }
  auto client = connect(context);
  if (!client) return client.error();
  const std::string ns = (*client)->config().namespace_;
  auto revisions = sync::list_revisions(**client, flags.app, ns);
  if (!revisions) return revisions.error();
  if (revisions->empty()) {
    return core::Error{core::ErrorKind::usage,
                       "app " + flags.app + " has no history in namespace " + ns};
  }
  if (output == "json") {
    core::Json all = core::Json::array();
    for (const auto& r : *revisions) all.push_back(r.to_json());
    context.terminal.out(all.dump(2) + "\n");
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : *revisions) {
    std::string commit = r.source.commit.substr(0, 7);
    rows.push_back({std::to_string(r.number), r.finished_at.empty() ? r.started_at : r.finished_at,
                    std::string(sync::to_string(r.status)), commit.empty() ? "-" : commit,
                    r.source.ref.empty() ? "-" : r.source.ref, r.actor,
                    "+" + std::to_string(r.created) + " ~" + std::to_string(r.configured) + " -" +
                        std::to_string(r.pruned),
                    description(r)});
  }
  context.terminal.out(format_table(
      {"REVISION", "TIME", "STATUS", "COMMIT", "REF", "ACTOR", "CHANGES", "DESCRIPTION"}, rows));
  return 0;
}

}  // namespace

void add_history_command(CLI::App& app, Context& context) {
  auto flags = std::make_shared<HistoryFlags>();
  CLI::App* cmd = app.add_subcommand("history", "List an app's recorded revisions, newest first");
  cmd->add_option("APP", flags->app, "App name")->required();
  cmd->footer("Output (-o): table (default), json (every recorded field). Needs no Git access.");
  cmd->callback([&context, flags] {
    context.run = [&context, flags] { return run_history(context, *flags); };
  });
}

}  // namespace gitops::plugin
