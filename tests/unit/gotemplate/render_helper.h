// Test helper: parse one template text and execute it, returning the output or the error text.
#pragma once

#include <memory>
#include <string>

#include "render/gotemplate/template_set.h"

namespace gitops::render::gotemplate::testing {

// Values for tests: a map[string]interface {} built from pairs.
inline Value dict(std::initializer_list<std::pair<const std::string, Value>> entries) {
  return Value::map(Map(entries));
}
inline Value str(std::string s) { return Value::string(std::move(s)); }
inline Value num(double f) { return Value::float64(f); }

// Parses `text` as "t.yaml" and executes it with `data`; returns the output, or "ERROR: " and
// the error text.
inline std::string render(const std::string& text, const Value& data = Value(),
                          std::shared_ptr<const FuncMap> funcs = nullptr,
                          MissingKey missing = MissingKey::zero) {
  TemplateSet set(std::move(funcs), ExecOptions{.missing_key = missing});
  if (auto parsed = set.parse("t.yaml", text); !parsed.ok()) {
    return "ERROR: " + parsed.error().message;
  }
  auto out = set.execute("t.yaml", data);
  if (!out.ok()) return "ERROR: " + out.error().message;
  return *out;
}

}  // namespace gitops::render::gotemplate::testing
