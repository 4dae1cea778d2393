// The scripts `kubectl gitops completion SHELL` prints: small shell functions that hand the words
// typed so far to `kubectl-gitops __complete` and turn its answer (candidates and a directive,
// see completion.h) into the shell's own completion calls.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gitops::plugin {

enum class Shell { bash, zsh, fish };
std::string_view to_string(Shell shell);
// The shell named `name`, or nullopt.
std::optional<Shell> parse_shell(std::string_view name);

// The completion script for `shell`, completing the command `kubectl-gitops`.
std::string completion_script(Shell shell);

}  // namespace gitops::plugin
