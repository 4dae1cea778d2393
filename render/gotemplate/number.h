// Number literals: Go's parse.newNumber (ints in every base, floats, hex floats, char constants)
// and exec's idealConstant (the Value a literal has when the parameter type is interface{}).
#pragma once

#include <string>

#include "render/gotemplate/node.h"

namespace gitops::render::gotemplate {

// Fills the numeric fields and `ideal` of `node` from node.text; returns Go's error text
// ("illegal number syntax: \"1x\"", "integer overflow: ...") or "" on success.
std::string parse_number(NumberNode& node, bool is_char);

}  // namespace gitops::render::gotemplate
