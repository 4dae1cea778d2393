// Helm's dependency processing (chartutil/dependencies.go) before rendering: subcharts matched to
// Chart.yaml's dependencies by name and version range, aliases applied (a copy of the chart per
// alias), `tags` and `condition` deciding which subcharts stay (conditions beat tags, the first
// condition path that holds a bool wins), then `import-values` in both forms copied up into the
// parents' default values. Also Helm's "missing in charts/" check.
#pragma once

#include "core/result.h"
#include "render/gotemplate/value.h"
#include "render/helm/chart.h"

namespace gitops::render::helm {

// CheckDependencies: fails (kind source) with "found in Chart.yaml, but missing in charts/
// directory: a, b" when a declared dependency has no subchart of that name.
core::Status check_dependencies(const Chart& chart);

// ProcessDependencies: changes `chart` (its subcharts, their metadata and default values) as Helm
// does for the user values `vals`; fails (kind source) when coalescing fails.
core::Status process_dependencies(Chart& chart, const gotemplate::Value& vals);

}  // namespace gitops::render::helm
