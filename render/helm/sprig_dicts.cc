// Sprig's dict functions over map[string]interface {} (chartutil.Values is accepted too, as Go
// assigns it to that parameter type): set/unset/merge change the map in place like Go maps, merge
// and mergeOverwrite follow mergo's rules, dig walks nested maps.
#include <string>

#include "render/helm/go_format.h"
#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_dicts.h"
#include "render/helm/sprig_groups.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Kind;
using gotemplate::List;
using gotemplate::Map;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

const Map& map_or_empty(const Value& v) {
  static const Map k_empty;
  return v.is_nil() ? k_empty : v.as_map();
}

// Writing into a nil map panics in Go.
core::Status require_map(const Value& v) {
  if (v.is_nil()) return go_error("assignment to entry in nil map");
  return {};
}

bool mergo_empty(const Value& v) { return is_empty(v); }

void mergo_merge(const Value& dst, const Value& src, bool overwrite) {
  Map& d = dst.map_mut();
  for (const auto& [key, s] : src.as_map()) {
    auto it = d.find(key);
    bool has_dst = it != d.end();
    if (s.is_nil()) {
      if (overwrite) d[key] = s;
      continue;
    }
    if (s.kind() == Kind::map && has_dst && it->second.kind() == Kind::map) {
      mergo_merge(it->second, s, overwrite);
    }
    bool composite = s.kind() == Kind::map || s.kind() == Kind::list || s.kind() == Kind::bytes;
    if (s.kind() == Kind::list || s.kind() == Kind::bytes) {
      if (overwrite) {
        d[key] = s;
        continue;
      }
    }
    it = d.find(key);
    has_dst = it != d.end();
    if (has_dst && !mergo_empty(it->second) && composite) continue;
    if (overwrite || !has_dst || mergo_empty(it->second)) d[key] = s;
  }
}

R merge(Args a, bool overwrite) {
  // mergo makes a nil destination map before merging into it.
  Value dst = a[0].is_nil() ? Value::map({}) : a[0];
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (a[i].is_nil()) continue;
    mergo_merge(dst, a[i], overwrite);
  }
  return dst.with_map_type(gotemplate::MapType::any);
}

std::string go_type_of(const Value& v) { return v.is_nil() ? "nil" : v.type_name(); }

R dig(Args a) {
  if (a.size() < 3) return go_error("dig needs at least three arguments");
  const Value& dict = a[a.size() - 1];
  if (dict.kind() != Kind::map || dict.map_type() != gotemplate::MapType::any) {
    return go_error("interface conversion: interface {} is " + go_type_of(dict) +
                    ", not map[string]interface {}");
  }
  Value current = dict;
  for (std::size_t i = 0; i + 2 < a.size(); ++i) {
    if (!a[i].is_string()) {
      return go_error("interface conversion: interface {} is " + go_type_of(a[i]) + ", not string");
    }
    if (current.kind() != Kind::map || current.map_type() != gotemplate::MapType::any) {
      return go_error("interface conversion: interface {} is " + go_type_of(current) +
                      ", not map[string]interface {}");
    }
    auto it = current.as_map().find(a[i].as_string());
    if (it == current.as_map().end()) return a[a.size() - 2];
    current = it->second;
  }
  return current;
}

}  // namespace

Value deep_copy_value(const Value& v) {
  switch (v.kind()) {
    case Kind::list: {
      List out;
      for (const auto& item : v.as_list()) out.push_back(deep_copy_value(item));
      return Value::list(std::move(out), v.list_type());
    }
    case Kind::map: {
      Map out;
      for (const auto& [key, item] : v.as_map()) out.emplace(key, deep_copy_value(item));
      return Value::map(std::move(out), v.map_type());
    }
    default: return v;
  }
}

void add_sprig_dict_functions(FuncMap& f) {
  const auto A = Param::any;
  const auto M = Param::map;
  const auto S = Param::string;
  f.add("dict", variadic({A}), [](Args a) -> R {
    Map out;
    for (std::size_t i = 0; i < a.size(); i += 2) {
      out[to_go_string(a[i])] = i + 1 < a.size() ? a[i + 1] : Value::string("");
    }
    return Value::map(std::move(out));
  });
  f.add("get", sig({M, S}), [](Args a) -> R {
    const Map& m = map_or_empty(a[0]);
    auto it = m.find(a[1].as_string());
    return it == m.end() ? Value::string("") : it->second;
  });
  f.add("set", sig({M, S, A}), [](Args a) -> R {
    if (auto s = require_map(a[0]); !s.ok()) return s.error();
    a[0].map_mut()[a[1].as_string()] = a[2];
    return a[0].with_map_type(gotemplate::MapType::any);
  });
  f.add("unset", sig({M, S}), [](Args a) -> R {
    if (a[0].is_nil()) return Value::map({});
    a[0].map_mut().erase(a[1].as_string());
    return a[0].with_map_type(gotemplate::MapType::any);
  });
  f.add("hasKey", sig({M, S}), [](Args a) -> R {
    return Value::boolean(map_or_empty(a[0]).count(a[1].as_string()) > 0);
  });
  f.add("pluck", variadic({S, M}), [](Args a) -> R {
    List out;
    for (std::size_t i = 1; i < a.size(); ++i) {
      const Map& m = map_or_empty(a[i]);
      if (auto it = m.find(a[0].as_string()); it != m.end()) out.push_back(it->second);
    }
    return Value::list(std::move(out));
  });
  f.add("keys", variadic({M}), [](Args a) -> R {
    std::vector<std::string> out;
    for (const auto& m : a) {
      for (const auto& [key, item] : map_or_empty(m)) out.push_back(key);
    }
    return Value::string_list(std::move(out));
  });
  f.add("values", sig({M}), [](Args a) -> R {
    List out;
    for (const auto& [key, item] : map_or_empty(a[0])) out.push_back(item);
    return Value::list(std::move(out));
  });
  f.add("pick", variadic({M, S}), [](Args a) -> R {
    Map out;
    const Map& m = map_or_empty(a[0]);
    for (std::size_t i = 1; i < a.size(); ++i) {
      if (auto it = m.find(a[i].as_string()); it != m.end()) out[it->first] = it->second;
    }
    return Value::map(std::move(out));
  });
  f.add("omit", variadic({M, S}), [](Args a) -> R {
    Map out = map_or_empty(a[0]);
    for (std::size_t i = 1; i < a.size(); ++i) out.erase(a[i].as_string());
    return Value::map(std::move(out));
  });
  f.add("merge", variadic({M, M}), [](Args a) -> R { return merge(a, false); });
  f.add("mustMerge", variadic({M, M}), [](Args a) -> R { return merge(a, false); });
  f.add("mergeOverwrite", variadic({M, M}), [](Args a) -> R { return merge(a, true); });
  f.add("mustMergeOverwrite", variadic({M, M}), [](Args a) -> R { return merge(a, true); });
  f.add("deepCopy", sig({A}), [](Args a) -> R { return deep_copy_value(a[0]); });
  f.add("mustDeepCopy", sig({A}), [](Args a) -> R { return deep_copy_value(a[0]); });
  f.add("dig", variadic({A}), dig);
}

}  // namespace gitops::render::helm
