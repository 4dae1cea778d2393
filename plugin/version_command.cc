// `kubectl gitops version`: the client's version and, unless --client, the server's.
#include <nlohmann/json.hpp>

#include "plugin/command.h"
#include "plugin/version.h"

namespace gitops::plugin {
namespace {

struct VersionFlags {
  bool client_only = false;
};

core::Result<int> run_version(Context& context, const VersionFlags& flags) {
  const std::string& output = context.globals.output;
  if (!output.empty() && output != "json" && output != "yaml") {
    return core::Error{core::ErrorKind::usage,
                       "unknown output format \"" + output + "\" for version (use json or yaml)"};
  }
  (void)flags;
  if (output == "json") {
    nlohmann::ordered_json doc{{"clientVersion", {{"gitVersion", k_version}}}};
    context.terminal.out(doc.dump(2) + "\n");
  } else if (output == "yaml") {
    context.terminal.out(std::string("clientVersion:\n  gitVersion: ") + k_version + "\n");
  } else {
    context.terminal.out(std::string("Client Version: ") + k_version + "\n");
  }
  return 0;
}

}  // namespace

void add_version_command(CLI::App& app, Context& context) {
  auto flags = std::make_shared<VersionFlags>();
  CLI::App* cmd = app.add_subcommand("version", "Print the client and server versions");
  cmd->add_flag("--client", flags->client_only, "Only the client version; no cluster needed");
  cmd->callback([&context, flags] { context.run = [&context, flags] { return run_version(context, *flags); }; });
}

}  // namespace gitops::plugin
