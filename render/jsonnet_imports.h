// Jsonnet imports resolved from the FileTree only: relative to the importing file's folder, then
// the library folders (--jpath, the last one first, as the jsonnet CLI searches them). Nothing is
// read from disk outside the tree; absolute paths and paths climbing out of the tree are refused.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/file_tree.h"

namespace gitops::render {

struct ResolvedImport {
  std::string path;     // tree path of the file found
  std::string content;
};

// The file that `import "REL"` from folder `base` ("" or "dir/") names; an error (kind source)
// naming REL when it is absolute, leaves the tree, or is found nowhere.
core::Result<ResolvedImport> resolve_jsonnet_import(const core::FileTree& tree,
                                                    std::string_view base, std::string_view rel,
                                                    const std::vector<std::string>& jpath);

}  // namespace gitops::render
