// Executor entry: walks a parsed tree against a data Value with Go 1.19's exec.go semantics
// (truthiness, variables, range/break/continue, template calls, field and method lookup,
// argument checking, short-circuit and/or) and Go's execution error texts and positions.
#pragma once

#include <string>

#include "core/result.h"
#include "render/gotemplate/parser.h"
#include "render/gotemplate/value.h"

namespace gitops::render::gotemplate {

class TemplateSet;

// Go's Template.Execute of `tree` (a template of `set`) with `data` as dot and $; appends the
// output to `out`. Fails with Go's error text as a core::ErrorKind::source error.
core::Status execute_tree(const TemplateSet& set, const Tree& tree, const Value& data,
                          std::string& out);

}  // namespace gitops::render::gotemplate
