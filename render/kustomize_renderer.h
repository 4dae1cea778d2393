// The kustomize renderer: runs `kubectl kustomize DIR` (or `kustomize build DIR`) on the tree's
// folder on disk and reads its output. Kustomize keeps its defaults that confine it: the load
// restrictor stays root-only and exec/KRM function plugins stay disabled; remote bases are refused
// before it runs unless allowed.
#pragma once

#include <string>
#include <vector>

#include "core/file_tree.h"
#include "render/rendered.h"
#include "render/source.h"

namespace gitops::render {

// The command line that builds folder `dir` with `options.binary`.
std::vector<std::string> kustomize_command(const KustomizeOptions& options,
                                           const std::string& dir);

// The objects kustomize builds from folder `options.path`; raw is kustomize's stdout. Errors
// (kind source): a remote base (unless allowed), kustomize failing (one line per stderr line,
// prefixed with the command), a timeout, or output that is not valid YAML.
core::Result<Rendered> render_kustomize(const core::FileTree& tree, const SourceOptions& options);

}  // namespace gitops::render
