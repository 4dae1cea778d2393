// Reads YAML the way Helm reads values files and Chart.yaml (sigs.k8s.io/yaml over yaml.v2): the
// first document only, YAML 1.1 scalars (yes/on/y are booleans, 0755 is octal), merge keys and
// anchors, then a JSON round trip: every number becomes float64 and every map key a string
// (`y:` becomes "true"). Built on yaml-cpp; bounded against alias bombs and deep nesting.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "render/gotemplate/value.h"

namespace gitops::render::helm {

// The value of the first document of `text` (nil for an empty one): maps are
// map[string]interface {}, lists []interface {}, numbers float64. Fails (kind source) with
// "error converting YAML to JSON: yaml: line N: MESSAGE" on invalid YAML.
core::Result<gotemplate::Value> parse_values_yaml(std::string_view text);

// A deep copy: fresh maps and lists all the way down (Go's copystructure.Copy).
gotemplate::Value deep_copy(const gotemplate::Value& value);

// An empty map[string]interface {} value.
gotemplate::Value empty_map();

}  // namespace gitops::render::helm
