// encoding/json as Helm and Sprig call it on template values: json.Marshal (HTML-safe escaping,
// sorted map keys, Go's float format), MarshalIndent, an Encoder without HTML escaping, and
// json.Unmarshal into interface{} (float64 numbers).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "render/gotemplate/value.h"

namespace gitops::render::helm {

struct JsonStyle {
  bool escape_html = true;  // <, > and & as \u003c, \u003e, \u0026
  std::string indent;       // MarshalIndent's indent; empty for compact output
};

// json.Marshal(v) in `style`. Fails with Go's text for NaN/Inf ("json: unsupported value: NaN").
core::Result<std::string> go_json_marshal(const gotemplate::Value& v, const JsonStyle& style = {});

// Go's encoding of one float64 in JSON: 'f' form, 'e' form below 1e-6 or from 1e21 ("1e+21").
std::string go_json_float(double f);

// json.Unmarshal(text, &interface{}): maps map[string]interface {}, lists []interface {}, numbers
// float64. Fails with Go's syntax error texts ("unexpected end of JSON input", "invalid character
// 'x' looking for beginning of value").
core::Result<gotemplate::Value> go_json_unmarshal(std::string_view text);

}  // namespace gitops::render::helm
