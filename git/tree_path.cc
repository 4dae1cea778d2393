// Tree path splitting and joining.
#include "git/tree_path.h"

namespace gitops::git {

std::vector<std::string> split_path(std::string_view normalized) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= normalized.size()) {
    std::size_t slash = normalized.find('/', start);
    if (slash == std::string_view::npos) slash = normalized.size();
    if (slash > start) parts.emplace_back(normalized.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

std::string join_path(std::string_view base, std::string_view relative) {
  if (base.empty()) return std::string(relative);
  if (relative.empty()) return std::string(base);
  return std::string(base) + "/" + std::string(relative);
}

}  // namespace gitops::git
