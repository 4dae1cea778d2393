// Normalisation of paths inside a Git tree ("a/./b/../c" -> "a/c"), refusing any that climbs
// above the root or is absolute. Private to git/ until core::normalize_tree_path lands.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gitops::git {

// The normalised form of `path` ("" for the root); fails (kind source) naming `path` when it
// is absolute or climbs above the root with "..".
core::Result<std::string> normalize_path(std::string_view path);

// The '/'-separated segments of a normalised path ("" has none).
std::vector<std::string> split_path(std::string_view normalized);

// `base` and `relative` joined with '/', either may be empty.
std::string join_path(std::string_view base, std::string_view relative);

}  // namespace gitops::git
