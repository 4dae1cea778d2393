// Source detection for `--source-type auto`: looks only at the names at the top of the source
// folder, so the answer is deterministic and cheap. First match wins: Chart.yaml -> helm;
// kustomization.yaml, kustomization.yml or Kustomization -> kustomize; any *.jsonnet -> jsonnet;
// otherwise directory. A --path naming a .tgz file is a packaged Helm chart.
#pragma once

#include <string_view>

#include "core/file_tree.h"
#include "render/source.h"

namespace gitops::render {

// The kind of source at folder `path` of `tree`; an error (kind source) when the folder cannot be
// listed (missing, a file, or leaving the tree).
// Whether --path names a packaged Helm chart (a .tgz file) rather than a folder.
bool is_chart_archive_path(std::string_view path);

core::Result<SourceType> detect_source_type(const core::FileTree& tree, std::string_view path);

// `options.type`, or the detected type when it is SourceType::auto_; fails as detect_source_type.
core::Result<SourceType> resolve_source_type(const core::FileTree& tree,
                                             const SourceOptions& options);

}  // namespace gitops::render
