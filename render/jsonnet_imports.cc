// resolve_jsonnet_import: the candidate list (importing folder, then library folders right-most
// first) checked against the tree.
#include "render/jsonnet_imports.h"

#include "render/source_folder.h"

namespace gitops::render {
namespace {

core::Error import_error(std::string_view rel, const std::string& problem) {
  return core::Error{core::ErrorKind::source,
                     "import \"" + std::string(rel) + "\": " + problem};
}

}  // namespace

core::Result<ResolvedImport> resolve_jsonnet_import(const core::FileTree& tree,
                                                    std::string_view base, std::string_view rel,
                                                    const std::vector<std::string>& jpath) {
  if (rel.empty()) return import_error(rel, "empty path");
  if (rel.front() == '/') {
    return import_error(rel, "absolute paths are refused; imports are read from the repository");
  }
  std::vector<std::string> folders{std::string(base)};
  for (auto it = jpath.rbegin(); it != jpath.rend(); ++it) folders.push_back(*it);
  std::string searched;
  for (std::string& folder : folders) {
    while (!folder.empty() && folder.back() == '/') folder.pop_back();
    auto candidate = core::join_tree_path(folder, rel);
    if (!candidate || *candidate == "." || candidate->starts_with("../")) {
      return import_error(rel, "the path leaves the repository");
    }
    core::EntryType type = core::EntryType::directory;
    if (tree.exists(*candidate, &type) && type == core::EntryType::file) {
      auto content = tree.read(*candidate);
      if (!content) return content.error();
      return ResolvedImport{*candidate, std::move(*content)};
    }
    searched += (searched.empty() ? "" : ", ") + (folder.empty() ? std::string(".") : folder);
  }
  return import_error(rel, "not found in " + searched);
}

}  // namespace gitops::render
