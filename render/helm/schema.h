// values.schema.json checks as Helm runs them (chartutil.ValidateAgainstSchema over gojsonschema):
// each chart's schema against its coalesced values, subcharts against their part, problems listed
// as "- FIELD: DESCRIPTION" under "CHART:" in gojsonschema's words. Supports the JSON Schema
// keywords charts use: type, enum, const, required, properties, patternProperties,
// additionalProperties, items, min/max (exclusive too), multipleOf, string lengths, pattern, array
// and object sizes, uniqueItems, allOf/anyOf/oneOf/not, and local $ref.
#pragma once

#include "core/result.h"
#include "render/gotemplate/value.h"
#include "render/helm/chart.h"

namespace gitops::render::helm {

// Checks `values` (the root chart's coalesced values) against every schema of `chart` and its
// subcharts; fails (kind source) with "values don't meet the specifications of the schema(s) in
// the following chart(s):\nCHART:\n- FIELD: PROBLEM\n...".
core::Status validate_values_schema(const Chart& chart, const gotemplate::Value& values);

}  // namespace gitops::render::helm
