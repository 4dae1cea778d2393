// Arguments of typed parameters: Go's validateType (a computed value reaching a parameter) and
// the typed reading of literals (evalBool, evalString, evalInteger, evalFloat, evalEmptyInterface),
// each giving the converted Value or Go's error text.
#pragma once

#include <string>

#include "render/gotemplate/node.h"
#include "render/gotemplate/value.h"

namespace gitops::render::gotemplate {

// A converted argument, or Go's error text when `error` is not empty.
struct Argument {
  Value value;
  std::string error;
};

// `v` passed to a parameter of type `param` ("wrong type for value; expected string; got int").
// chartutil.Values reaching a map parameter becomes a map[string]interface {}, as in Go.
Argument check_argument(const Value& v, Param param);

// The literal node `n` (bool, number, string or nil) read as a `param` ("expected string;
// found 3", "cannot assign nil to int").
Argument literal_argument(const Node& n, Param param);

}  // namespace gitops::render::gotemplate
