// Helm's and Sprig's encoding functions for templates: toYaml/fromYaml/fromYamlArray,
// toJson/fromJson/fromJsonArray and toToml as Helm 3.5.4 defines them (errors swallowed into an
// empty string, an "Error" key or the error text), and Sprig's toPrettyJson, toRawJson,
// mustToJson, mustToPrettyJson, mustToRawJson and mustFromJson.
#pragma once

#include <string>

#include "render/gotemplate/func_map.h"

namespace gitops::render::helm {

// Registers the functions above into `funcs`; register after add_sprig_functions so that Helm's
// toJson and fromJson replace Sprig's, as in Helm.
void add_encoding_functions(gotemplate::FuncMap& funcs);

// BurntSushi/toml v0.3.1's encoding of `v` (a map), or Go's error text when it cannot encode it.
std::string go_toml_encode(const gotemplate::Value& v);

}  // namespace gitops::render::helm
