// Source detection from the names at the top of the source folder.
#include "render/detect.h"

#include <algorithm>

#include "render/source_folder.h"

namespace gitops::render {
namespace {

bool has_file(const std::vector<core::TreeEntry>& entries, std::string_view name) {
  return std::any_of(entries.begin(), entries.end(), [&](const core::TreeEntry& e) {
    return e.type == core::EntryType::file && e.name == name;
  });
}

bool has_jsonnet(const std::vector<core::TreeEntry>& entries) {
  return std::any_of(entries.begin(), entries.end(), [](const core::TreeEntry& e) {
    return e.type == core::EntryType::file && e.name.size() > 8 &&
           e.name.ends_with(".jsonnet");
  });
}

}  // namespace

bool is_chart_archive_path(std::string_view path) { return path.size() > 4 && path.ends_with(".tgz"); }

core::Result<SourceType> detect_source_type(const core::FileTree& tree, std::string_view path) {
  core::EntryType type = core::EntryType::directory;
  if (is_chart_archive_path(path) && tree.exists(path, &type) && type == core::EntryType::file) {
    return SourceType::helm;
  }
  auto entries = list_source_folder(tree, path);
  if (!entries) return entries.error();
  if (has_file(*entries, "Chart.yaml")) return SourceType::helm;
  for (std::string_view name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    if (has_file(*entries, name)) return SourceType::kustomize;
  }
  if (has_jsonnet(*entries)) return SourceType::jsonnet;
  return SourceType::directory;
}

core::Result<SourceType> resolve_source_type(const core::FileTree& tree,
                                             const SourceOptions& options) {
  if (options.type != SourceType::auto_) return options.type;
  return detect_source_type(tree, options.path);
}

}  // namespace gitops::render
