// Splitting and joining of tree paths already normalised by core::normalize_tree_path
// (core/file_tree.h), which is what refuses absolute paths and ".." above the root.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gitops::git {

// The '/'-separated segments of a normalised path ("" has none).
std::vector<std::string> split_path(std::string_view normalized);

// `base` and `relative` joined with '/', either may be empty.
std::string join_path(std::string_view base, std::string_view relative);

}  // namespace gitops::git
