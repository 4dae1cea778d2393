// Parser: turns one file's text into named trees (the file itself plus every {{define}} and
// {{block}} in it), with Go 1.19's grammar, variable scoping, function checks and exact parse
// error texts ("template: NAME:LINE: unexpected ..."). The caller decides what wins across files.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "render/gotemplate/func_map.h"
#include "render/gotemplate/node.h"

namespace gitops::render::gotemplate {

// One named template: its body and the parsed file that owns the nodes.
struct Tree {
  std::string name;
  ListNode* root = nullptr;
  std::shared_ptr<const Source> source;
};

// Go's builtin for `name`, or Builtin::none.
Builtin find_builtin(std::string_view name);

// Parses the file `name`. Returns its trees: each definition in the order it ends, then the
// file's own tree; fails with Go's error text (core::ErrorKind::source). Identifiers must name
// a builtin or a function of `funcs` (which must outlive the trees; it may be null).
core::Result<std::vector<Tree>> parse(std::string_view name, std::string text,
                                      const FuncMap* funcs);

}  // namespace gitops::render::gotemplate
