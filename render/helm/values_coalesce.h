// Helm's values coalescing (chartutil/coalesce.go): user values over chart defaults, maps merged,
// scalars and lists replaced, null deleting a key, globals copied down into every subchart's
// values, each subchart's values under its name. Maps are shared and changed in place exactly
// where Helm's Go maps are, because later passes observe those changes.
#pragma once

#include "core/result.h"
#include "render/gotemplate/value.h"
#include "render/helm/chart.h"

namespace gitops::render::helm {

// CoalesceValues: a deep copy of `vals` (a map, or nil) coalesced with `chart`'s defaults and,
// recursively, its subcharts'; fails (kind source) with "type mismatch on sub: %!t(string=x)"
// when a subchart's key holds a non-map.
core::Result<gotemplate::Value> coalesce_values(const Chart& chart, const gotemplate::Value& vals);

// CoalesceTables: merges `src` into `dst` (both maps; `dst` wins, null in `dst` deletes) and
// returns `dst` (or `src` when `dst` is nil).
gotemplate::Value coalesce_tables(const gotemplate::Value& dst, const gotemplate::Value& src);

// Helm's mergeMaps for -f files: a new map, `b` deep-merged over `a` where both hold maps.
gotemplate::Value merge_value_maps(const gotemplate::Value& a, const gotemplate::Value& b);

// Values.Table(path): the map at dotted `path` of `values`, or nullopt when some step is missing
// or not a map.
std::optional<gotemplate::Value> values_table(const gotemplate::Value& values, std::string_view path);

// Values.PathValue(path): the non-map value at dotted `path`, or nullopt.
std::optional<gotemplate::Value> values_path_value(const gotemplate::Value& values,
                                                   std::string_view path);

}  // namespace gitops::render::helm
