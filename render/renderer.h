// render(): the one entry point of render/. Takes a tree (a Git commit or a folder) and the
// source options, resolves `auto` to a source type (render/detect.h), and runs that renderer.
// Renderers never print, never touch the cluster and never read outside the tree.
#pragma once

#include "core/file_tree.h"
#include "render/rendered.h"
#include "render/source.h"

namespace gitops::render {

// The objects and raw text of the source at `options.path` of `tree`, with `type` the resolved
// source type. Fails as the chosen renderer does: kind source for missing folders and render
// errors, kind usage for invalid options.
core::Result<Rendered> render(const core::FileTree& tree, const SourceOptions& options);

}  // namespace gitops::render
