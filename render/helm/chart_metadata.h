// Chart.yaml (and requirements.yaml) into Metadata, and Helm's metadata validation with its exact
// messages ("validation: chart.metadata.name is required").
#pragma once

#include <string_view>

#include "core/result.h"
#include "render/gotemplate/value.h"
#include "render/helm/chart.h"

namespace gitops::render::helm {

// Sets the fields of `md` present in `doc` (a parsed Chart.yaml or requirements.yaml), as Go's
// JSON decoding into chart.Metadata does; fails (kind source) on a field of the wrong shape with
// "json: cannot unmarshal object into Go struct field Metadata.name of type string".
core::Status decode_metadata(const gotemplate::Value& doc, Metadata& md);

// Sanitises and validates `md` as Helm's Metadata.Validate; fails (kind source) with Helm's text.
core::Status validate_metadata(Metadata& md);

}  // namespace gitops::render::helm
