// The Helm renderer's entry point. The chart engine (render/helm/) is being written; until it is
// wired here, a Helm source is a clear error that names the alternatives.
#pragma once

#include "core/file_tree.h"
#include "render/rendered.h"
#include "render/source.h"

namespace gitops::render {

// The objects `helm template` would print for the chart at `options.path`; for now always an
// error (kind source) saying Helm charts are not supported by this build yet.
core::Result<Rendered> render_helm(const core::FileTree& tree, const SourceOptions& options);

}  // namespace gitops::render
