// .Chart: a chart's metadata as templates see Helm's *chart.Metadata, with Go's field names
// (Name, Version, AppVersion, APIVersion, Maintainers, Dependencies...) and Go's zero values for
// absent fields (empty strings, `[]` lists, `map[]` annotations).
#pragma once

#include <memory>

#include "render/gotemplate/value.h"
#include "render/helm/chart.h"

namespace gitops::render::helm {

// The .Chart value for `metadata` (a snapshot: later changes to `metadata` are not seen).
gotemplate::Value chart_metadata_value(const Metadata& metadata);

}  // namespace gitops::render::helm
