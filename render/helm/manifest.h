// What `helm template` does with rendered template files: NOTES.txt and partials dropped, each file
// split into documents on Helm's separator regex (`(?:^|\s*\n)---\s*`), documents trimmed, hooks
// (`helm.sh/hook`, unknown events dropped) set apart from manifests, both sorted by Helm's install
// order of kinds (unknown kinds last, alphabetically; stable), and the final text assembled with
// `---\n# Source: PATH` headers, CRDs from crds/ first with --include-crds, hooks after manifests
// unless --no-hooks, and --show-only filtering.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "render/helm/chart.h"

namespace gitops::render::helm {

// One rendered document: the template it came from and, for hooks, Helm's hook data.
struct RenderedDocument {
  std::string source;   // "chart/templates/job.yaml", or "crds/x.yaml" for a CRD file
  std::string content;  // the trimmed document text
  std::string kind;     // `kind:` ("" when absent)
  std::string name;     // `metadata.name`
  bool is_hook = false;
  bool is_crd_file = false;               // from crds/ (printed only with --include-crds)
  std::vector<std::string> hook_events;   // "pre-install", "test"...
  int hook_weight = 0;                    // helm.sh/hook-weight
  std::vector<std::string> delete_policies;  // helm.sh/hook-delete-policy
};

struct SortedManifests {
  std::vector<RenderedDocument> manifests;  // in install order
  std::vector<RenderedDocument> hooks;      // in install order of kinds
};

// Helm's SplitManifests: the trimmed, non-empty documents of `text` in order.
std::vector<std::string> split_manifests(std::string_view text);

// Helm's SortManifests over rendered files (name -> text), NOTES.txt files already removed;
// fails (kind source) with "YAML parse error on FILE: ..." when a document is not YAML or its
// head (apiVersion, kind, metadata) has the wrong shape.
core::Result<SortedManifests> sort_manifests(const std::map<std::string, std::string>& files);

struct OutputOptions {
  bool include_crds = false;
  bool no_hooks = false;
  std::vector<std::string> show_only;  // globs relative to the chart's parent folder
};

// The exact text `helm template` prints for `sorted` and the chart's CRD files `crds`; fails
// (kind usage) with "could not find template PATH in chart" for a --show-only that matches nothing.
core::Result<std::string> template_output(const std::vector<ChartFile>& crds,
                                          const SortedManifests& sorted,
                                          const OutputOptions& options);

}  // namespace gitops::render::helm
