// Values coalescing, a faithful port of Helm 3.5.4's semantics (see values_coalesce.h).
#include "render/helm/values_coalesce.h"

#include <vector>

#include "render/helm/values_yaml.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Map;
using gotemplate::Value;

constexpr const char* k_global = "global";

bool is_table(const Value& v) { return v.kind() == Kind::map; }

// Go's %t of a non-bool value, as fmt prints it in "type mismatch on".
std::string bad_verb_t(const Value& v) {
  switch (v.kind()) {
    case Kind::string: return "%!t(string=" + v.as_string() + ")";
    case Kind::nil: return "%!t(<nil>)";
    case Kind::boolean: return v.as_bool() ? "true" : "false";
    case Kind::int64: return "%!t(int64=" + std::to_string(v.as_int()) + ")";
    default: return "%!t(" + v.type_name() + "=...)";
  }
}

Value copy_map(const Value& src) {
  Map m = src.as_map();
  return Value::map(std::move(m));
}

void coalesce_globals(const Value& dest, const Value& src) {
  Value dg;
  auto& dmap = dest.map_mut();
  if (auto it = dmap.find(k_global); it == dmap.end()) {
    dg = empty_map();
  } else if (is_table(it->second)) {
    dg = it->second;
  } else {
    return;
  }
  Value sg;
  const auto& smap = src.as_map();
  if (auto it = smap.find(k_global); it == smap.end()) {
    sg = empty_map();
  } else if (is_table(it->second)) {
    sg = it->second;
  } else {
    return;
  }
  // Iterate over a snapshot: dg and sg may be the same map.
  Map source = sg.as_map();
  for (const auto& [key, val] : source) {
    auto& dg_map = dg.map_mut();
    if (is_table(val)) {
      Value vv = copy_map(val);
      auto existing = dg_map.find(key);
      if (existing == dg_map.end()) {
        dg_map[key] = vv;
        continue;
      }
      if (!is_table(existing->second)) continue;
      coalesce_tables(vv, existing->second);
      dg_map[key] = vv;
      continue;
    }
    if (auto existing = dg_map.find(key); existing != dg_map.end() && is_table(existing->second)) {
      continue;
    }
    dg_map[key] = val;
  }
  dest.map_mut()[k_global] = dg;
}

void coalesce_chart_values(const Chart& c, const Value& v) {
  if (!is_table(c.values)) return;
  Map defaults = c.values.as_map();
  for (const auto& [key, val] : defaults) {
    auto& vmap = v.map_mut();
    auto it = vmap.find(key);
    if (it == vmap.end()) {
      vmap[key] = val;
      continue;
    }
    if (it->second.is_nil()) {
      vmap.erase(it);
    } else if (is_table(it->second) && is_table(val)) {
      coalesce_tables(it->second, val);
    }
  }
}

core::Result<Value> coalesce(const Chart& c, const Value& dest);

core::Status coalesce_deps(const Chart& c, const Value& dest) {
  for (const auto& sub : c.dependencies) {
    auto& dmap = dest.map_mut();
    auto it = dmap.find(sub->name());
    if (it == dmap.end()) {
      dmap[sub->name()] = empty_map();
    } else if (!is_table(it->second)) {
      return core::Error{core::ErrorKind::source,
                         "type mismatch on " + sub->name() + ": " + bad_verb_t(it->second)};
    }
    Value dv = dest.as_map().at(sub->name());
    coalesce_globals(dv, dest);
    auto merged = coalesce(*sub, dv);
    if (!merged) return merged.error();
    dest.map_mut()[sub->name()] = *merged;
  }
  return {};
}

core::Result<Value> coalesce(const Chart& c, const Value& dest) {
  coalesce_chart_values(c, dest);
  if (auto st = coalesce_deps(c, dest); !st) return st.error();
  return dest;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto dot = path.find('.', start);
    out.emplace_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

}  // namespace

core::Result<Value> coalesce_values(const Chart& chart, const Value& vals) {
  Value copy = vals.is_nil() ? empty_map() : deep_copy(vals);
  return coalesce(chart, copy);
}

Value coalesce_tables(const Value& dst, const Value& src) {
  if (src.is_nil()) return dst;
  if (dst.is_nil()) return src;
  Map source = src.as_map();
  for (const auto& [key, val] : source) {
    auto& dmap = dst.map_mut();
    auto it = dmap.find(key);
    if (it != dmap.end() && it->second.is_nil()) {
      dmap.erase(it);
    } else if (it == dmap.end()) {
      dmap[key] = val;
    } else if (is_table(val) && is_table(it->second)) {
      coalesce_tables(it->second, val);
    }
  }
  return dst;
}

Value merge_value_maps(const Value& a, const Value& b) {
  Map out = a.as_map();
  for (const auto& [key, val] : b.as_map()) {
    auto it = out.find(key);
    if (is_table(val) && it != out.end() && is_table(it->second)) {
      it->second = merge_value_maps(it->second, val);
      continue;
    }
    out[key] = val;
  }
  return Value::map(std::move(out));
}

std::optional<Value> values_table(const Value& values, std::string_view path) {
  Value table = values;
  for (const auto& step : split_path(path)) {
    if (!is_table(table)) return std::nullopt;
    auto it = table.as_map().find(step);
    if (it == table.as_map().end() || !is_table(it->second)) return std::nullopt;
    table = it->second;
  }
  return table;
}

std::optional<Value> values_path_value(const Value& values, std::string_view path) {
  if (path.empty()) return std::nullopt;
  auto parts = split_path(path);
  std::string key = parts.back();
  Value table = values;
  if (parts.size() > 1) {
    auto parent_path = std::string(path.substr(0, path.size() - key.size() - 1));
    auto t = values_table(values, parent_path);
    if (!t) return std::nullopt;
    table = *t;
  }
  if (!is_table(table)) return std::nullopt;
  auto it = table.as_map().find(key);
  if (it == table.as_map().end() || is_table(it->second)) return std::nullopt;
  return it->second;
}

}  // namespace gitops::render::helm
