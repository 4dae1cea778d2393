// The source folder of a render: `--path` normalised and checked against the tree, with the one
// error message every renderer gives for a missing or wrong path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/file_tree.h"

namespace gitops::render {

// `path` as a normalised tree path ("" for the root); an error (kind source) when it leaves the
// tree.
core::Result<std::string> normalize_source_path(std::string_view path);

// The entries of source folder `path`; an error (kind source) naming the path and the tree when
// it is missing, is a file, or leaves the tree.
core::Result<std::vector<core::TreeEntry>> list_source_folder(const core::FileTree& tree,
                                                              std::string_view path);

// Joins a folder ("" for the root) and a name.
std::string join_path(std::string_view dir, std::string_view name);

}  // namespace gitops::render
