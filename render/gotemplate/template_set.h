// TemplateSet: Go's *template.Template seen as what Helm uses, a set of named templates sharing
// one namespace of {{define}}s. Each parse() adds a file and its definitions; a later definition
// replaces an earlier one unless its body is empty (Go's AddParseTree rule). execute() runs one
// template against a data Value and returns Go's exact output or error text.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "render/gotemplate/func_map.h"
#include "render/gotemplate/parser.h"
#include "render/gotemplate/value.h"

namespace gitops::render::gotemplate {

// Go's Option("missingkey=..."): what a missing map key yields.
enum class MissingKey {
  invalid,  // "default": no value; printing shows <no value>; a field of it is no value too
  zero,     // "zero": the element type's zero; for interface{} maps a nil that fails on a field
            // access ("nil pointer evaluating interface {}.x"), which is what Helm uses
  error,    // "error": fails with `map has no entry for key "x"`
};

struct ExecOptions {
  MissingKey missing_key = MissingKey::invalid;
  // Go's maxExecDepth for nested {{template}} calls.
  int max_depth = 100000;
  // The set's own name, as Go's "no template ... associated with template NAME" prints it.
  std::string name = "gotpl";
};

class TemplateSet {
 public:
  // `funcs` may be null (only Go's builtins); it must not change once templates are parsed.
  explicit TemplateSet(std::shared_ptr<const FuncMap> funcs = nullptr, ExecOptions options = {});

  // Parses the file `name` and adds it and its definitions; on a parse error (Go's text, e.g.
  // `template: t.yaml:3: unexpected "}" in operand`) nothing is added.
  core::Status parse(std::string_view name, std::string text);

  // Executes template `name` with `data` as dot and $, appending the output to `out` (partial
  // output stays on failure). Fails with Go's text, e.g. `template: t.yaml:1:3: executing
  // "t.yaml" at <.a.b>: nil pointer evaluating interface {}.b`.
  core::Status execute(std::string_view name, const Value& data, std::string& out) const;
  core::Result<std::string> execute(std::string_view name, const Value& data) const;

  // The template `name`, or nullptr.
  const Tree* find(std::string_view name) const;
  // Names of every template, sorted.
  std::vector<std::string> names() const;

  const ExecOptions& options() const { return m_options; }
  void set_options(ExecOptions options) { m_options = std::move(options); }
  const FuncMap* funcs() const { return m_funcs.get(); }

  // A set sharing every parsed tree: parsing into the clone leaves this set unchanged and the
  // other way round (what Helm's tpl needs). O(1) for a set that is not itself a clone with
  // additions; parsing into either side copies only what it adds.
  TemplateSet clone() const;

 private:
  using Trees = std::unordered_map<std::string, Tree>;

  std::shared_ptr<const FuncMap> m_funcs;
  ExecOptions m_options;
  std::shared_ptr<Trees> m_trees = std::make_shared<Trees>();  // own trees, copied on write
  std::shared_ptr<const Trees> m_base;  // trees of the set this was cloned from, or null
};

}  // namespace gitops::render::gotemplate
