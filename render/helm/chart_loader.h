// Loads a Helm chart the way Helm's chart/loader does: from a folder of a core::FileTree (honouring
// the chart's .helmignore) or from a .tgz archive, with Chart.yaml validated, values.yaml parsed,
// requirements.yaml read for apiVersion v1, and every subchart in charts/ (folders and .tgz, nested
// at any depth) loaded. Nothing outside the chart is read.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "core/file_tree.h"
#include "core/result.h"
#include "render/helm/chart.h"

namespace gitops::render::helm {

// The chart at `path` in `tree` (a folder, or a .tgz file); fails (kind source) with Helm's texts,
// e.g. "Chart.yaml file is missing", "validation: chart.metadata.name is required",
// "error unpacking sub in parent: ...".
core::Result<std::shared_ptr<Chart>> load_chart(const core::FileTree& tree, std::string_view path);

// The chart in the .tgz `bytes`.
core::Result<std::shared_ptr<Chart>> load_chart_archive(std::string_view bytes);

// The chart made of `files` (names relative to the chart root), as Helm's LoadFiles.
core::Result<std::shared_ptr<Chart>> load_chart_files(std::vector<ChartFile> files);

}  // namespace gitops::render::helm
