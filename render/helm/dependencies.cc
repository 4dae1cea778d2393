// Dependency enabling, aliasing and import-values, ported from Helm 3.5.4's behaviour.
#include "render/helm/dependencies.h"

#include <set>

#include "render/helm/semver.h"
#include "render/helm/values_coalesce.h"
#include "render/helm/values_yaml.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Map;
using gotemplate::Value;

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

// A copy of chart `c` named `alias` (when set), sharing templates, files and subcharts.
std::shared_ptr<Chart> alias_copy(const Chart& c, const std::string& alias) {
  auto out = std::make_shared<Chart>(c);
  out->metadata = std::make_shared<Metadata>(*c.metadata);
  for (auto& dep : out->metadata->dependencies) dep = std::make_shared<Dependency>(*dep);
  if (!alias.empty()) out->metadata->name = alias;
  out->parent = c.parent;
  out->set_dependencies(out->dependencies);
  return out;
}

std::shared_ptr<Chart> alias_dependency(const std::vector<std::shared_ptr<Chart>>& charts,
                                        const Dependency& dep) {
  for (const auto& c : charts) {
    if (c->name() != dep.name) continue;
    if (!is_compatible_range(dep.version, c->metadata->version)) continue;
    return alias_copy(*c, dep.alias);
  }
  return nullptr;
}

void apply_tags(std::vector<std::shared_ptr<Dependency>>& reqs, const Value& cvals) {
  auto tags = values_table(cvals, "tags");
  if (!tags) return;
  for (auto& r : reqs) {
    bool has_true = false;
    bool has_false = false;
    for (const auto& k : r->tags) {
      auto it = tags->as_map().find(k);
      if (it == tags->as_map().end() || it->second.kind() != Kind::boolean) continue;
      (it->second.as_bool() ? has_true : has_false) = true;
    }
    if (!has_true && has_false) {
      r->enabled = false;
    } else if (has_true || !has_false) {
      r->enabled = true;
    }
  }
}

void apply_conditions(std::vector<std::shared_ptr<Dependency>>& reqs, const Value& cvals,
                      const std::string& path) {
  for (auto& r : reqs) {
    for (const auto& c : split(trim(r->condition), ',')) {
      if (c.empty()) continue;
      auto v = values_path_value(cvals, path + c);
      if (v && v->kind() == Kind::boolean) {
        r->enabled = v->as_bool();
        break;
      }
    }
  }
}

core::Status process_enabled(Chart& c, const Value& v, const std::string& path) {
  auto& md = *c.metadata;
  if (md.dependencies.empty()) return {};
  std::vector<std::shared_ptr<Chart>> chart_deps;
  for (const auto& existing : c.dependencies) {
    bool matched = false;
    for (const auto& req : md.dependencies) {
      matched = matched || (existing->name() == req->name &&
                            is_compatible_range(req->version, existing->metadata->version));
    }
    if (!matched) chart_deps.push_back(existing);
  }
  for (auto& req : md.dependencies) {
    if (auto aliased = alias_dependency(c.dependencies, *req)) chart_deps.push_back(aliased);
    if (!req->alias.empty()) req->name = req->alias;
  }
  c.set_dependencies(chart_deps);
  for (auto& req : md.dependencies) req->enabled = true;
  auto cvals = coalesce_values(c, v);
  if (!cvals) return cvals.error();
  apply_tags(md.dependencies, *cvals);
  apply_conditions(md.dependencies, *cvals, path);
  std::set<std::string> removed;
  for (const auto& r : md.dependencies) {
    if (!r->enabled) removed.insert(r->name);
  }
  std::vector<std::shared_ptr<Chart>> kept;
  for (const auto& n : c.dependencies) {
    if (!removed.count(n->name())) kept.push_back(n);
  }
  std::vector<std::shared_ptr<Dependency>> kept_md;
  for (const auto& n : md.dependencies) {
    if (!removed.count(n->name)) kept_md.push_back(n);
  }
  for (const auto& t : kept) {
    if (auto st = process_enabled(*t, *cvals, path + t->name() + "."); !st) return st;
  }
  md.dependencies = kept_md;
  c.set_dependencies(kept);
  return {};
}

Value path_to_map(const std::string& path, const Value& data) {
  if (path == ".") return data;
  auto parts = split(path, '.');
  Value cur = data;
  for (std::size_t i = parts.size(); i-- > 0;) {
    Map m;
    m[parts[i]] = cur;
    cur = Value::map(std::move(m));
  }
  return cur;
}

std::string map_string(const Value& iv, const char* key) {
  auto it = iv.as_map().find(key);
  if (it == iv.as_map().end() || !it->second.is_string()) return "";
  return it->second.as_string();
}

core::Status process_import_values(Chart& c) {
  if (c.metadata->dependencies.empty()) return {};
  auto cvals_result = coalesce_values(c, Value());
  if (!cvals_result) return cvals_result.error();
  Value cvals = *cvals_result;
  Value b = empty_map();
  for (auto& r : c.metadata->dependencies) {
    std::vector<Value> out;
    for (const auto& riv : r->import_values) {
      std::string child;
      std::string parent = ".";
      if (riv.kind() == Kind::map) {
        child = map_string(riv, "child");
        parent = map_string(riv, "parent");
      } else if (riv.is_string()) {
        child = "exports." + riv.as_string();
      } else {
        continue;
      }
      Map entry{{"child", Value::string(child)}, {"parent", Value::string(parent)}};
      out.push_back(Value::map(std::move(entry), gotemplate::MapType::strings));
      auto table = values_table(cvals, r->name + "." + child);
      if (!table) continue;
      if (riv.kind() == Kind::map) {
        b = coalesce_tables(cvals, path_to_map(parent, *table));
      } else {
        b = coalesce_tables(b, *table);
      }
    }
    r->import_values = std::move(out);
  }
  c.values = coalesce_tables(b, cvals);
  return {};
}

core::Status process_import_values_deep(Chart& c) {
  for (const auto& d : c.dependencies) {
    if (auto st = process_import_values_deep(*d); !st) return st;
  }
  return process_import_values(c);
}

}  // namespace

core::Status check_dependencies(const Chart& chart) {
  std::string missing;
  for (const auto& req : chart.metadata->dependencies) {
    bool found = false;
    for (const auto& d : chart.dependencies) found = found || d->name() == req->name;
    if (!found) missing += (missing.empty() ? "" : ", ") + req->name;
  }
  if (missing.empty()) return {};
  return core::Error{core::ErrorKind::source,
                     "found in Chart.yaml, but missing in charts/ directory: " + missing};
}

core::Status process_dependencies(Chart& chart, const Value& vals) {
  if (auto st = process_enabled(chart, vals, ""); !st) return st;
  return process_import_values_deep(chart);
}

}  // namespace gitops::render::helm
