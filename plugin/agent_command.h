// `kubectl gitops agent`: the pull model (agent/agent.h) behind a command line.
#pragma once

#include <CLI/CLI.hpp>

#include "plugin/command.h"

namespace gitops::plugin {

void add_agent_command(CLI::App& app, Context& context);

// The hidden `__fetch-mirror LOCATION` entry point: clones or fetches the cached mirror of a remote
// repository and exits. The agent runs every remote fetch through it in a child process, so what
// libgit2 leaks per fetch (Debian 12's libgit2 1.5.1 loses pcre2 match data on every fetch) dies
// with the child instead of growing a long-running agent. Exit code as for any command.
inline constexpr const char* k_fetch_mirror_command = "__fetch-mirror";
int run_fetch_mirror(const std::string& location, Context& context);

}  // namespace gitops::plugin
