// The jsonnet renderer, natively through libjsonnet: evaluates main.jsonnet (or, without it,
// every *.jsonnet at the top of the source folder in name order) with the top-level arguments,
// external variables and library folders of JsonnetOptions. Every import is read from the tree
// (render/jsonnet_imports.h), so nothing outside the repository is read.
#pragma once

#include <string>
#include <vector>

#include "core/file_tree.h"
#include "render/rendered.h"
#include "render/source.h"

namespace gitops::render {

// The entry files (tree paths) of jsonnet folder `path`; an error (kind source) when the folder
// is missing or holds no *.jsonnet file.
core::Result<std::vector<std::string>> jsonnet_entry_files(const core::FileTree& tree,
                                                           std::string_view path);

// The objects of every entry file's output, flattened (render/jsonnet_output.h); raw is each
// entry's JSON output, `---`-separated. Errors: a variable that is not KEY=VALUE or a library
// folder leaving the tree (kind usage); the libjsonnet message for an evaluation error, output
// that is not objects (kind source).
core::Result<Rendered> render_jsonnet(const core::FileTree& tree, const SourceOptions& options);

}  // namespace gitops::render
