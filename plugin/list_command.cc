// `kubectl gitops list`: the apps this tool manages, read from ApplySet parents with this tool's
// tooling annotation and their newest revisions - two LIST requests in all. The agent's view of
// each app (its annotations on the parent, sync/agent_view.h) fills the AGENT-* columns.
#include <map>

#include "plugin/cluster.h"
#include "plugin/command.h"
#include "plugin/table.h"
#include "sync/agent_view.h"
#include "sync/applyset.h"
#include "sync/revision.h"

namespace gitops::plugin {
namespace {

struct ListFlags {
  bool all_namespaces = false;
};

core::Result<int> run_list(Context& context, const ListFlags& flags) {
  const std::string output = context.globals.output.empty() ? "table" : context.globals.output;
  if (output != "table" && output != "json") {
    return core::Error{core::ErrorKind::usage,
                       "unknown output format \"" + output + "\" for list (use table or json)"};
  }
  auto client = connect(context);
  if (!client) return client.error();
  kube::Client& kube = **client;
  const std::string ns = flags.all_namespaces ? "" : kube.config().namespace_;
  kube::ResourceQuery secrets{.group = "", .version = "v1", .kind = "Secret", .namespace_ = ns};
  auto parents = kube.list_all(secrets, {.label_selector = sync::k_applyset_id_label});
  if (!parents) return parents.error().context("listing apps");
  auto records = kube.list_all(secrets, {.label_selector = sync::k_app_label});
  if (!records) return records.error().context("listing apps");
  // Newest revision Secret per (namespace, app).
  std::map<std::pair<std::string, std::string>, const core::Json*> newest;
  for (const auto& secret : *records) {
    const core::Json& meta = secret["metadata"];
    const core::Json labels = meta.value("labels", core::Json::object());
    auto key = std::make_pair(meta.value("namespace", ""), labels.value(sync::k_app_label, ""));
    int number = std::atoi(labels.value(sync::k_revision_label, "0").c_str());
    auto it = newest.find(key);
    if (it == newest.end() ||
        number > std::atoi((*it->second)["metadata"]["labels"].value(sync::k_revision_label, "0").c_str())) {
      newest[key] = &secret;
    }
  }
  std::vector<std::vector<std::string>> rows;
  core::Json apps = core::Json::array();
  for (const auto& parent : *parents) {
    const core::Json& meta = parent["metadata"];
    std::string tooling = meta.value("annotations", core::Json::object()).value(sync::k_tooling_annotation, "");
    std::string name = meta.value("name", "");
    if (tooling.rfind("kubectl-gitops/", 0) != 0 || name.rfind("gitops-", 0) != 0) continue;
    std::string app = name.substr(7);
    std::string app_ns = meta.value("namespace", "");
    std::vector<std::string> row = {app, app_ns, "-", "-", "-", "-"};
    core::Json entry = {{"name", app}, {"namespace", app_ns}};
    if (auto it = newest.find({app_ns, app}); it != newest.end()) {
      auto revision = sync::revision_from_secret(*it->second);
      if (!revision) return revision.error();
      row = {app, app_ns, std::to_string(revision->number), revision->source.commit.substr(0, 7),
             std::string(sync::to_string(revision->status)),
             revision->finished_at.empty() ? revision->started_at : revision->finished_at};
      entry["revision"] = revision->number;
      entry["commit"] = revision->source.commit;
      entry["status"] = std::string(sync::to_string(revision->status));
      entry["time"] = row[5];
    }
    if (auto view = sync::agent_view_from_parent(parent)) {
      row.insert(row.end(), {view->commit.substr(0, 7), view->sync_status, view->health});
      entry["agent"] = sync::to_json(*view);
    } else {
      row.insert(row.end(), {"-", "-", "-"});
    }
    rows.push_back(row);
    apps.push_back(entry);
  }
  if (output == "json") {
    context.terminal.out(apps.dump(2) + "\n");
  } else if (rows.empty()) {
    context.terminal.err(ns.empty() ? "No apps found.\n" : "No apps found in namespace " + ns + ".\n");
  } else {
    context.terminal.out(format_table({"NAME", "NAMESPACE", "REVISION", "COMMIT", "STATUS", "TIME",
                                       "AGENT-COMMIT", "AGENT-SYNC", "AGENT-HEALTH"},
                                      rows));
  }
  return 0;
}

}  // namespace

void add_list_command(CLI::App& app, Context& context) {
  auto flags = std::make_shared<ListFlags>();
  CLI::App* cmd = app.add_subcommand("list", "List the apps kubectl-gitops manages in a namespace");
  cmd->add_flag("-A,--all-namespaces", flags->all_namespaces, "Every namespace");
  cmd->footer("Output (-o): table (default), json.");
  cmd->callback([&context, flags] {
    context.run = [&context, flags] { return run_list(context, *flags); };
  });
}

}  // namespace gitops::plugin
