// Command: what a subcommand registers. Each command file fills a flags struct through CLI11,
// then its run function validates the flags into engine options and runs the engine.
// Run functions return the exit code of a success (0, or 1 for "differences found") or an Error.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/result.h"
#include "plugin/global_flags.h"
#include "plugin/terminal.h"

namespace gitops::plugin {

struct Context {
  GlobalFlags globals;
  Terminal terminal;
  // Set by the subcommand that CLI11 selected.
  std::function<core::Result<int>()> run;
};

void add_version_command(CLI::App& app, Context& context);
void add_render_command(CLI::App& app, Context& context);
void add_diff_command(CLI::App& app, Context& context);
void add_sync_command(CLI::App& app, Context& context);
void add_history_command(CLI::App& app, Context& context);
void add_rollback_command(CLI::App& app, Context& context);
void add_status_command(CLI::App& app, Context& context);
void add_list_command(CLI::App& app, Context& context);
void add_delete_command(CLI::App& app, Context& context);
void add_completion_command(CLI::App& app, Context& context);

// Answers `__complete WORDS...` (see completion.h) from `app`'s command tree; returns 0.
int serve_completion(const CLI::App& app, Context& context, const std::vector<std::string>& words);

}  // namespace gitops::plugin
