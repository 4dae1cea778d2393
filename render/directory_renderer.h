// The directory renderer: every *.yaml, *.yml and *.json file of the source folder (and of its
// sub-folders with `recursive`), in path order, read as Kubernetes objects. Other files, and
// names starting with '.', are ignored.
#pragma once

#include <string>
#include <vector>

#include "core/file_tree.h"
#include "render/rendered.h"
#include "render/source.h"

namespace gitops::render {

// The manifest files of folder `path` (tree paths, sorted); an error (kind source) when a folder
// cannot be listed.
core::Result<std::vector<std::string>> list_manifest_files(const core::FileTree& tree,
                                                           std::string_view path,
                                                           bool recursive);

// The objects of every manifest file, with origins relative to the tree root; raw is the files
// concatenated as `---`-separated documents. Errors (kind source): the folder is missing, a file
// cannot be read, or is not valid YAML/JSON (every bad file reported, one line each).
core::Result<Rendered> render_directory(const core::FileTree& tree, const SourceOptions& options);

}  // namespace gitops::render
