// Flags of sync (and rollback, which runs the same pipeline) and their conversion into the
// sync engine's options.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "core/result.h"
#include "plugin/source_loader.h"
#include "sync/engine.h"

namespace gitops::plugin {

struct SyncFlags {
  bool dry_run = false;
  bool no_prune = false;
  bool force_conflicts = false;
  bool no_wait = false;
  std::string timeout = "5m";
  bool allow_empty = false;
  std::string max_prune;
  bool prune_protected = false;
  bool adopt = false;
  int history_max = 10;
  std::string lock_timeout = "1m";
  std::string lock_ttl = "30s";
};

void add_sync_flags(CLI::App& command, SyncFlags& flags);

// Validates the flags (kind usage) into engine options for `source`.
// The options of a sync or rollback run by a person or a CI job: actor local_actor().
core::Result<sync::SyncOptions> sync_options(const SyncFlags& flags, const AppSource& source);

// Who runs this process, for the history: "USER@HOST".
std::string local_actor();

}  // namespace gitops::plugin
