// Helm's own template functions, added to Sprig's: include (a named template's output, with
// Helm's nesting limit), tpl (a string rendered as a template of the running set, needing
// .Template in its context), required (fails with Helm's wrapped message) and lookup (always an
// empty map, as in `helm template`). Also Helm's cleanup of parse and execution errors.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "render/gotemplate/func_map.h"

namespace gitops::render::helm {

// Helm's recursionMaxNums: include may nest a name this deep.
inline constexpr int k_max_include_depth = 1000;

// Adds include, tpl, required and lookup to `funcs`.
void add_helm_functions(gotemplate::FuncMap& funcs);

// Helm's cleanupParseError: "parse error at (chart/templates/t.yaml:3): MESSAGE".
core::Error cleanup_parse_error(std::string_view template_name, const core::Error& error);

// Helm's cleanupExecError: "execution error at (FILE:LINE:COL): MESSAGE" for `required`'s errors,
// the executor's text otherwise.
core::Error cleanup_exec_error(std::string_view template_name, const core::Error& error);

// strconv.Quote-style quoting for messages (`%q`).
std::string quote_go(std::string_view s);

}  // namespace gitops::render::helm
