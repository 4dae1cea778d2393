// The YAML Helm prints for a value: sigs.k8s.io/yaml.Marshal, i.e. encoding/json first, then the
// JSON read back and emitted by go-yaml v2 (2.3.0): keys in yaml.v2's natural order, its plain /
// single / double-quoted / literal-block choices, escapes, no line wrapping, two-space indent,
// sequences not indented under their key.
#pragma once

#include <string>

#include "core/result.h"
#include "render/gotemplate/value.h"

namespace gitops::render::helm {

// The YAML text (ending in a newline) of `v`. Fails (kind source) where Go fails: a value JSON
// cannot encode (NaN, Inf), or text yaml.v2 refuses to read back (DEL, C1 controls, U+FFFE/FFFF).
core::Result<std::string> go_yaml_marshal(const gotemplate::Value& v);

}  // namespace gitops::render::helm
