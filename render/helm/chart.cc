// Chart's path, CRD and library helpers (Helm's chart.Chart methods).
#include "render/helm/chart.h"

#include <algorithm>
#include <cctype>

namespace gitops::render::helm {
namespace {

bool has_manifest_extension(const std::string& name) {
  auto slash = name.rfind('/');
  auto dot = name.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return false;
  std::string ext = name.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

}  // namespace

std::string Chart::full_path() const {
  if (parent == nullptr) return name();
  return parent->full_path() + "/charts/" + name();
}

std::vector<ChartFile> Chart::crd_objects() const {
  std::vector<ChartFile> crds;
  for (const auto& f : files) {
    if (f.name.rfind("crds/", 0) == 0 && has_manifest_extension(f.name)) crds.push_back(f);
  }
  for (const auto& dep : dependencies) {
    auto sub = dep->crd_objects();
    crds.insert(crds.end(), sub.begin(), sub.end());
  }
  return crds;
}

bool Chart::is_library() const {
  std::string t = metadata->type;
  std::transform(t.begin(), t.end(), t.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return t == "library";
}

void Chart::set_dependencies(std::vector<std::shared_ptr<Chart>> charts) {
  dependencies = std::move(charts);
  for (auto& c : dependencies) c->parent = this;
}

}  // namespace gitops::render::helm
