// Test fixture for Sprig and encoding functions: calls registered functions directly through the
// FuncMap with a fake CallContext, and builds gotemplate values tersely.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "render/gotemplate/call_context.h"
#include "render/gotemplate/func_map.h"
#include "render/helm/encoding.h"
#include "render/helm/go_format.h"
#include "render/helm/sprig.h"

namespace gitops::render::helm::testing {

using gotemplate::Value;

inline Value S(std::string s) { return Value::string(std::move(s)); }
inline Value I(std::int64_t i) { return Value::integer(i); }
inline Value I64(std::int64_t i) { return Value::int64(i); }
inline Value F(double f) { return Value::float64(f); }
inline Value B(bool b) { return Value::boolean(b); }
inline Value L(gotemplate::List items) { return Value::list(std::move(items)); }
inline Value M(gotemplate::Map entries) { return Value::map(std::move(entries)); }

// A CallContext for functions that never use it.
class NoContext : public gotemplate::CallContext {
 public:
  const gotemplate::TemplateSet& templates() const override {
    return *reinterpret_cast<const gotemplate::TemplateSet*>(this);  // never dereferenced
  }
  core::Result<std::string> execute_template(std::string_view, const Value&) override {
    return core::Error{core::ErrorKind::internal, "no templates in this test"};
  }
  std::string_view template_name() const override { return "t"; }
  std::string location() const override { return "t:1:1"; }
};

class SprigTest : public ::testing::Test {
 protected:
  SprigTest() {
    add_sprig_functions(m_funcs);
    add_encoding_functions(m_funcs);
  }

  core::Result<Value> call(std::string_view name, std::vector<Value> args) {
    const gotemplate::Func* fn = m_funcs.find(name);
    if (fn == nullptr) return core::Error{core::ErrorKind::internal, "no function " + std::string(name)};
    return fn->body(m_context, args);
  }

  // %v of the result; "ERROR: message" when the call failed.
  std::string run(std::string_view name, std::vector<Value> args) {
    auto r = call(name, std::move(args));
    if (!r.ok()) return "ERROR: " + r.error().message;
    return format_value(*r);
  }

  // The error message of a call that must fail with kind source.
  std::string error(std::string_view name, std::vector<Value> args) {
    auto r = call(name, std::move(args));
    if (r.ok()) return "no error; got " + format_value(*r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::source);
    return r.error().message;
  }

  // Go's %T of the result.
  std::string type_of(std::string_view name, std::vector<Value> args) {
    auto r = call(name, std::move(args));
    if (!r.ok()) return "ERROR: " + r.error().message;
    return r->type_name();
  }

  gotemplate::FuncMap m_funcs;
  NoContext m_context;
};

}  // namespace gitops::render::helm::testing
