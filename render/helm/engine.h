// The native Helm engine's entry point: renders a chart exactly as `helm template` of Helm v3.5.4
// does (values files and --set merged, dependencies processed, values coalesced and checked
// against values.schema.json, every template of every chart parsed into one set and executed,
// documents split, sorted and printed with their `# Source:` headers), returning the printed text
// and the documents with their hook data so a sync can run hooks later.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_tree.h"
#include "core/result.h"
#include "render/helm/manifest.h"

namespace gitops::render::helm {

// One --values file: its name (a tree path, or how the caller shows a disk file) and, when the
// caller read it already (e.g. from disk for --local), its content; otherwise `name` is read
// from the tree.
struct ValuesSource {
  std::string name;
  std::optional<std::string> content;
};

struct ChartOptions {
  std::string release_name;
  std::string namespace_ = "default";
  std::string kube_version;               // --kube-version; "" means v1.20.0
  std::vector<std::string> api_versions;  // --api-versions, added to the defaults
  std::vector<ValuesSource> values_files;  // -f, applied in order
  std::vector<std::string> set;            // --set, after the files
  std::vector<std::string> set_string;     // --set-string, after --set
  bool include_crds = false;
  bool no_hooks = false;
  std::vector<std::string> show_only;
};

struct ChartRender {
  std::string text;  // exactly what `helm template` prints on stdout
  // Every document of the release: CRD files (with include_crds), manifests in install order,
  // then hooks; show_only and no_hooks do not filter this list.
  std::vector<RenderedDocument> documents;
  std::string notes;  // the root chart's rendered NOTES.txt ("" when none)
};

// Renders the chart at `chart_path` of `tree` (a folder or a .tgz). Fails with Helm's message:
// kind usage for bad options (--set syntax, --kube-version, --show-only naming nothing, a
// missing values file), kind source for the chart, its values and its templates
// ("template: chart/templates/t.yaml:3:7: executing ...", "parse error at (...): ...",
// "execution error at (...): ...", "YAML parse error on ...").
core::Result<ChartRender> render_chart(const core::FileTree& tree, std::string_view chart_path,
                                       const ChartOptions& options);

}  // namespace gitops::render::helm
