// CallContext: what a function sees of the execution that called it. Helm's `include` executes a
// named template of the running set through it; `tpl` clones templates() and parses into the
// clone. The executor implements it; functions that do not need it ignore it.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "render/gotemplate/value.h"

namespace gitops::render::gotemplate {

class TemplateSet;

class CallContext {
 public:
  virtual ~CallContext() = default;

  // The template set being executed.
  virtual const TemplateSet& templates() const = 0;
  // Executes the template `name` of templates() with `data` as dot and returns its output, like
  // Go's Template.ExecuteTemplate; fails with Go's error text (`template: no template "x"
  // associated with template "y"`, or the inner execution error).
  virtual core::Result<std::string> execute_template(std::string_view name, const Value& data) = 0;
  // The name of the template whose action is running ("chart/templates/t.yaml").
  virtual std::string_view template_name() const = 0;
  // The position of the running action, as Go's errors print it: "chart/templates/t.yaml:3:7".
  virtual std::string location() const = 0;
};

}  // namespace gitops::render::gotemplate
