// From source flags to rendered objects: reads the app spec (-f), validates the flags into
// render options, opens the Git commit (or the --local folder) as a tree, and renders it.
// The one place where git/ and render/ meet.
#pragma once

#include <memory>
#include <string>

#include "core/file_tree.h"
#include "core/result.h"
#include "render/rendered.h"
#include "render/source.h"
#include "plugin/source_flags.h"
#include "sync/revision.h"

namespace gitops::plugin {

struct AppSource {
  std::string app;
  std::string namespace_;  // from -n or the spec; "" = the kubeconfig context's
  render::SourceOptions options;
  sync::SourceRecord record;  // repo (redacted), ref, commit, subject, path, type, options
  bool prune = true;          // the spec's prune setting
  std::string repo_location;  // what --repo named (or "."), for re-opening; "" for --local
  std::string local;          // --local folder
  bool offline = false;
};

// Validates the flags (and -f spec) into an AppSource without touching Git (kind usage).
core::Result<AppSource> resolve_source(const SourceFlags& flags, const std::string& namespace_flag);

struct LoadedSource {
  std::unique_ptr<core::FileTree> tree;
  render::Rendered rendered;
};

// Opens the tree the source names (resolving the ref, filling record.commit/subject) and renders
// it (kind source on Git and render failures).
core::Result<LoadedSource> load_source(AppSource& source);

// The render options as recorded in history (helm values, jsonnet variables...).
core::Json options_record(const render::SourceOptions& options);

// The inverse, used by rollback to re-render exactly what a revision applied.
render::SourceOptions options_from_record(const sync::SourceRecord& record);

}  // namespace gitops::plugin
