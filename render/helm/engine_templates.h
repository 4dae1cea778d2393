// Helm's engine.Render: every template of the chart and its subcharts, each with its chart's
// scoped objects (.Values, .Chart, .Files, .Release, .Capabilities, .Template), parsed into one
// Go template set (deepest path first, then reverse lexical order, so the last definition parsed
// wins) and every non-partial template executed in that order with `<no value>` removed.
#pragma once

#include <map>
#include <string>

#include "core/result.h"
#include "render/gotemplate/value.h"
#include "render/helm/chart.h"
#include "render/helm/files.h"

namespace gitops::render::helm {

// The objects shared by every chart of a release.
struct RenderObjects {
  gotemplate::Value release;       // .Release
  gotemplate::Value capabilities;  // .Capabilities
  gotemplate::Value values;        // the root chart's coalesced .Values
};

// Rendered text per template name ("chart/templates/t.yaml"), NOTES.txt included; fails (kind
// source) with the first parse error, else the first execution error, in Helm's order and words.
core::Result<std::map<std::string, std::string>> render_templates(const Chart& chart,
                                                                  const RenderObjects& objects,
                                                                  const YamlMarshal& to_yaml);

}  // namespace gitops::render::helm
