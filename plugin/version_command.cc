// `kubectl gitops version`: the client's version and, unless --client, the server's.
#include <nlohmann/json.hpp>

#include "plugin/cluster.h"
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
  std::string server;
  core::Status server_error;
  if (!flags.client_only) {
    auto client = connect(context);
    auto version = client ? (*client)->server_version() : core::Result<std::string>(client.error());
    if (version) server = *version;
    else server_error = version.error().context("reading the server version");
  }
  if (output == "json") {
    nlohmann::ordered_json doc{{"clientVersion", {{"gitVersion", k_version}}}};
    if (!server.empty()) doc["serverVersion"] = {{"gitVersion", server}};
    context.terminal.out(doc.dump(2) + "\n");
  } else if (output == "yaml") {
    std::string text = std::string("clientVersion:\n  gitVersion: ") + k_version + "\n";
    if (!server.empty()) text += "serverVersion:\n  gitVersion: " + server + "\n";
    context.terminal.out(text);
  } else {
    std::string text = std::string("Client Version: ") + k_version + "\n";
    if (!server.empty()) text += "Server Version: " + server + "\n";
    context.terminal.out(text);
  }
  if (!server_error) return server_error.error();
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
