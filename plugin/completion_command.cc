// `kubectl gitops completion bash|zsh|fish` prints a completion script; the hidden `__complete`
// answers the scripts and kubectl's plugin completion (completions/kubectl_complete-gitops).
#include <memory>

#include "plugin/command.h"
#include "plugin/completion.h"
#include "plugin/completion_scripts.h"
#include "plugin/completion_sources.h"

namespace gitops::plugin {

void add_completion_command(CLI::App& app, Context& context) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
  cmd->add_option("SHELL", *shell, "bash, zsh or fish")
      ->check(CLI::IsMember({"bash", "zsh", "fish"}))
      ->required();
  cmd->footer(
      "bash:  source <(kubectl-gitops completion bash)\n"
      "zsh:   source <(kubectl-gitops completion zsh)\n"
      "fish:  kubectl-gitops completion fish | source\n"
      "These complete the kubectl-gitops command. For `kubectl gitops <TAB>` (kubectl 1.26 or\n"
      "newer), put completions/kubectl_complete-gitops from the release archive on PATH.");
  cmd->callback([&context, shell] {
    context.run = [&context, shell]() -> core::Result<int> {
      context.terminal.out(completion_script(*parse_shell(*shell)));
      return 0;
    };
  });
}

int serve_completion(const CLI::App& app, Context& context, const std::vector<std::string>& words) {
  ClusterCompletionSources sources;
  context.terminal.out(format_completion(complete(app, words, sources)));
  context.terminal.flush();
  return 0;
}

}  // namespace gitops::plugin
