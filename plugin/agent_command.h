// `kubectl gitops agent`: the pull model (agent/agent.h) behind a command line.
#pragma once

#include <CLI/CLI.hpp>

#include "plugin/command.h"

namespace gitops::plugin {

void add_agent_command(CLI::App& app, Context& context);

}  // namespace gitops::plugin
