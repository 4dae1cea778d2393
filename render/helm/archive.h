// Reads a chart archive (.tgz) into memory as Helm's loader does: the top folder of every entry is
// dropped, directories and pax headers skipped, a UTF-8 BOM trimmed. Refuses what could escape or
// exhaust: absolute names, `..`, hard links, symlinks, device files, and more than
// k_max_archive_bytes once decompressed.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "render/helm/chart.h"

namespace gitops::render::helm {

inline constexpr std::size_t k_max_archive_bytes = 100u << 20;  // 100 MiB decompressed

// The files of the gzip-compressed tar `bytes`, named relative to the chart root; fails (kind
// source) with Helm's texts ("chart illegally references parent directory", "no files in chart
// archive") or naming the refused entry.
core::Result<std::vector<ChartFile>> read_chart_archive(std::string_view bytes);

}  // namespace gitops::render::helm
