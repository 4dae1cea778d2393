// Chart: a loaded Helm chart as Helm's chart.Chart holds it: metadata from Chart.yaml (plus
// requirements.yaml for apiVersion v1), default values, the schema, templates, CRDs, the other
// files (what .Files sees) and the subcharts found in charts/.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/gotemplate/value.h"

namespace gitops::render::helm {

struct ChartFile {
  std::string name;  // path inside the chart, '/'-separated ("templates/deploy.yaml")
  std::string data;
};

struct Maintainer {
  std::string name;
  std::string email;
  std::string url;
};

// One entry of Chart.yaml's (or requirements.yaml's) dependencies.
struct Dependency {
  std::string name;
  std::string version;
  std::string repository;
  std::string condition;
  std::vector<std::string> tags;
  bool enabled = false;
  std::vector<gotemplate::Value> import_values;  // strings or {child, parent} maps
  std::string alias;
};

// Chart.yaml, with Go's field names in comments where they differ.
struct Metadata {
  std::string name;
  std::string home;
  std::vector<std::string> sources;
  std::string version;
  std::string description;
  std::vector<std::string> keywords;
  std::vector<Maintainer> maintainers;
  std::string icon;
  std::string api_version;  // APIVersion
  std::string condition;
  std::string tags;
  std::string app_version;  // AppVersion
  bool deprecated = false;
  std::optional<std::vector<std::pair<std::string, std::string>>> annotations;  // nil when absent
  std::string kube_version;  // KubeVersion
  std::vector<std::shared_ptr<Dependency>> dependencies;
  std::string type;
};

struct Chart {
  std::shared_ptr<Metadata> metadata;
  gotemplate::Value values;  // values.yaml: a map (empty when absent)
  std::string schema;        // values.schema.json, "" when absent
  std::vector<ChartFile> templates;
  std::vector<ChartFile> files;  // everything else: .Files, crds/ included
  std::vector<std::shared_ptr<Chart>> dependencies;
  Chart* parent = nullptr;

  // The chart's name (metadata.name).
  const std::string& name() const { return metadata->name; }
  // "root/charts/sub/charts/leaf": the chart's path from the root chart.
  std::string full_path() const;
  // The files under crds/ (of this chart and, recursively, its subcharts), as Helm's CRDObjects:
  // name "ROOTPATH/crds/x.yaml" style paths paired with the data.
  std::vector<ChartFile> crd_objects() const;
  // True for type "library" (any case).
  bool is_library() const;
  // Replaces the subcharts, setting their parent to this chart.
  void set_dependencies(std::vector<std::shared_ptr<Chart>> charts);
};

}  // namespace gitops::render::helm
