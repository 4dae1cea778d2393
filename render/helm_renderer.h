// The Helm renderer: the chart at the source folder rendered exactly as `helm template` prints it,
// by the native engine (render/helm/engine.h) or, when HelmOptions::binary names one, by a real
// helm (render/helm_binary.h). The printed text is the raw output; it is read back as objects,
// each with the template it came from as its origin, and hooks are marked for sync.
#pragma once

#include "core/file_tree.h"
#include "render/rendered.h"
#include "render/source.h"

namespace gitops::render {


// The objects and text `helm template RELEASE CHART` gives for the chart at `options.path`, with
// the release name (default: the app name), namespace ("" means default) and helm options of
// `options`. Values files are tree paths unless the caller read them (values_contents); a path
// that leaves the tree fails (kind usage). Chart and template failures are kind source, with
// Helm's message prefixed by "rendering helm chart PATH: ".
core::Result<Rendered> render_helm(const core::FileTree& tree, const SourceOptions& options);

}  // namespace gitops::render
