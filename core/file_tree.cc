// Tree path helpers: normalising "a/./b/../c" to "a/c" and refusing paths that climb above the
// root or are absolute, so no renderer can be talked into reading outside its tree.
#include "core/file_tree.h"

#include <vector>

namespace gitops::core {

Result<std::string> normalize_tree_path(std::string_view path) {
  if (!path.empty() && path.front() == '/') {
    return Error{ErrorKind::source,
                 "path \"" + std::string(path) + "\" is absolute; tree paths are relative to the root"};
  }
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view part = path.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) {
        return Error{ErrorKind::source,
                     "path \"" + std::string(path) + "\" climbs above the root of the tree"};
      }
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (std::string_view part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

Result<std::string> join_tree_path(std::string_view base, std::string_view relative) {
  if (!relative.empty() && relative.front() == '/') return normalize_tree_path(relative);
  auto normal_base = normalize_tree_path(base);
  if (!normal_base) return normal_base.error();
  std::string joined = *normal_base;
  if (!joined.empty() && !relative.empty()) joined += '/';
  joined += relative;
  auto normal = normalize_tree_path(joined);
  if (!normal) {
    return Error{ErrorKind::source, "path \"" + std::string(relative) + "\" relative to \"" +
                                        std::string(base) + "\" climbs above the root of the tree"};
  }
  return normal;
}

}  // namespace gitops::core
