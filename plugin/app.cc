// The command table and the top-level error handling.
#include "plugin/app.h"

#include <exception>
#include <string>
#include <vector>

#include "plugin/agent_command.h"
#include "plugin/command.h"
#include "plugin/completion.h"

namespace gitops::plugin {
namespace {

constexpr const char* k_description =
    "kubectl gitops: Git as the single source of truth for what runs in Kubernetes.\n"
    "Renders Helm, Kustomize, Jsonnet and plain manifests from any Git ref, shows an exact\n"
    "server-side diff, syncs with pruning, and rolls back in seconds.";

// kubectl spells the log level `-v=6`; CLI11 reads short options as `-v 6`, so rewrite it.
std::vector<std::string> normalise_arguments(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("-v=", 0) == 0) a = "--v=" + a.substr(3);
    args.push_back(std::move(a));
  }
  return args;
}

int run_command(Context& context) {
  if (!context.run) return 0;
  core::Result<int> result = context.run();
  context.terminal.flush();
  if (result) return *result;
  context.terminal.error(result.error().message);
  return core::exit_code(result.error().kind);
}

}  // namespace

int main(int argc, char** argv) {
  Context context;
  CLI::App app{k_description, "kubectl gitops"};
  app.require_subcommand(1);
  app.fallthrough();
  add_global_flags(app, context.globals);
  add_render_command(app, context);
  add_diff_command(app, context);
  add_sync_command(app, context);
  add_history_command(app, context);
  add_rollback_command(app, context);
  add_status_command(app, context);
  add_list_command(app, context);
  add_delete_command(app, context);
  add_agent_command(app, context);
  add_version_command(app, context);
  add_completion_command(app, context);

  if (argc > 1 && std::string(argv[1]) == k_complete_command) {
    return serve_completion(app, context, {argv + 2, argv + argc});
  }
  if (argc == 3 && std::string(argv[1]) == k_fetch_mirror_command) {
    return run_fetch_mirror(argv[2], context);
  }

  std::vector<std::string> args = normalise_arguments(argc, argv);
  std::reverse(args.begin(), args.end());  // CLI11 consumes a reversed vector
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    if (e.get_name() == "RequiredError" && message.find("subcommand") != std::string::npos) {
      std::vector<std::string> rest = app.remaining();
      if (!rest.empty()) {
        context.terminal.error("unknown command \"" + rest.front() +
                               "\" for \"kubectl gitops\" (see 'kubectl gitops --help')");
      } else {
        context.terminal.err(app.help());
      }
      return 2;
    }
    context.terminal.error(message + " (see 'kubectl gitops --help')");
    return 2;
  }
  try {
    return run_command(context);
  } catch (const std::exception& e) {
    context.terminal.error(std::string("internal error (please report it): ") + e.what());
    return core::exit_code(core::ErrorKind::internal);
  }
}

}  // namespace gitops::plugin
