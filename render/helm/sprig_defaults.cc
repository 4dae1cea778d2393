// Sprig's defaults and flow functions: default, empty, coalesce, all, any, fail; and the type
// reflection functions typeOf, typeIs, typeIsLike, kindOf, kindIs, deepEqual.
#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_groups.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

// fmt's %T: "<nil>" for nil, else Go's type name.
std::string type_of(const Value& v) { return v.type_name(); }

}  // namespace

void add_sprig_default_functions(FuncMap& f) {
  const auto A = Param::any;
  f.add("default", variadic({A, A}), [](Args a) -> R {
    // Sprig tests empty(given) on the whole variadic slice, then its first element.
    if (a.size() < 2 || is_empty(a[1])) return a[0];
    return a[1];
  });
  f.add("empty", sig({A}), [](Args a) -> R { return Value::boolean(is_empty(a[0])); });
  f.add("coalesce", variadic({A}), [](Args a) -> R {
    for (const auto& v : a) {
      if (!is_empty(v)) return v;
    }
    return Value();
  });
  f.add("all", variadic({A}), [](Args a) -> R {
    for (const auto& v : a) {
      if (is_empty(v)) return Value::boolean(false);
    }
    return Value::boolean(true);
  });
  f.add("any", variadic({A}), [](Args a) -> R {
    for (const auto& v : a) {
      if (!is_empty(v)) return Value::boolean(true);
    }
    return Value::boolean(false);
  });
  f.add("fail", sig({Param::string}), [](Args a) -> R { return go_error(a[0].as_string()); });
}

void add_sprig_type_functions(FuncMap& f) {
  const auto A = Param::any;
  const auto S = Param::string;
  f.add("typeOf", sig({A}), [](Args a) -> R { return Value::string(type_of(a[0])); });
  f.add("typeIs", sig({S, A}), [](Args a) -> R { return Value::boolean(a[0].as_string() == type_of(a[1])); });
  f.add("typeIsLike", sig({S, A}), [](Args a) -> R {
    std::string t = type_of(a[1]);
    return Value::boolean(a[0].as_string() == t || "*" + a[0].as_string() == t);
  });
  f.add("kindOf", sig({A}), [](Args a) -> R { return Value::string(a[0].kind_name()); });
  f.add("kindIs", sig({S, A}), [](Args a) -> R { return Value::boolean(a[0].as_string() == a[1].kind_name()); });
  f.add("deepEqual", sig({A, A}), [](Args a) -> R { return Value::boolean(deep_equal(a[0], a[1])); });
}

}  // namespace gitops::render::helm
