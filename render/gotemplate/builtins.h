// Go's builtin template functions other than and/or (which the executor short-circuits):
// not, len, index, slice, eq/ne/lt/le/gt/ge, print/printf/println, html, js, urlquery, call.
// Each failure is Go's returned error text; the executor prefixes "error calling NAME: ".
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "render/gotemplate/node.h"
#include "render/gotemplate/value.h"

namespace gitops::render::gotemplate {

// The Go signature of a builtin: every parameter is reflect.Value (any, nil allowed) except
// printf's format string.
const Signature& builtin_signature(Builtin builtin);

// Result of a builtin: its value, or Go's error message.
struct BuiltinResult {
  Value value;
  std::optional<std::string> error;
};

// Calls `builtin` (not and/or) with checked arguments.
BuiltinResult call_builtin(Builtin builtin, std::span<const Value> args);

// Go's truth(): what `if`, and, or and not see.
bool truth(const Value& v);

}  // namespace gitops::render::gotemplate
