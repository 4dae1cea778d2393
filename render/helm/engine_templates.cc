// render_templates: Helm's allTemplates/recAllTpls and render loop (see engine_templates.h).
#include "render/helm/engine_templates.h"

#include <algorithm>

#include "render/gotemplate/template_set.h"
#include "render/helm/chart_object.h"
#include "render/helm/encoding.h"
#include "render/helm/helm_funcs.h"
#include "render/helm/sprig.h"
#include "render/helm/values_coalesce.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Map;
using gotemplate::MapType;
using gotemplate::Value;

struct Renderable {
  std::string text;
  Value dot;  // chartutil.Values shared by the chart's templates
  std::string base_path;
};

// Go's path.Join for names without "." or ".." segments.
std::string join(const std::string& a, const std::string& b) {
  std::string out = a + "/" + b;
  std::string cleaned;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '/' && !cleaned.empty() && cleaned.back() == '/') continue;
    cleaned += out[i];
  }
  while (cleaned.size() > 1 && cleaned.back() == '/') cleaned.pop_back();
  return cleaned;
}

bool is_partial(const std::string& name) {
  auto slash = name.rfind('/');
  return name[slash == std::string::npos ? 0 : slash + 1] == '_';
}

void collect(const Chart& c, const Value& parent_dot, const RenderObjects& objects,
             const YamlMarshal& to_yaml, std::map<std::string, Renderable>& out) {
  Value values = Value::map({}, MapType::helm_values);
  if (c.parent == nullptr) {
    values = objects.values.with_map_type(MapType::helm_values);
  } else if (auto table = values_table(parent_dot, "Values." + c.name())) {
    values = table->with_map_type(MapType::helm_values);
  }
  Map next{{"Chart", chart_metadata_value(*c.metadata)},
           {"Files", files_value(c, to_yaml)},
           {"Release", objects.release},
           {"Capabilities", objects.capabilities},
           {"Values", values}};
  Value dot = Value::map(std::move(next), MapType::helm_values);
  for (const auto& child : c.dependencies) collect(*child, dot, objects, to_yaml, out);
  std::string parent_id = c.full_path();
  for (const auto& t : c.templates) {
    if (c.is_library() && !is_partial(t.name)) continue;
    out[join(parent_id, t.name)] = Renderable{t.data, dot, join(parent_id, "templates")};
  }
}

// Helm's sortTemplates: most path segments first, then reverse lexical order.
std::vector<std::string> render_order(const std::map<std::string, Renderable>& templates) {
  std::vector<std::string> keys;
  for (const auto& [name, r] : templates) keys.push_back(name);
  std::sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    auto ca = std::count(a.begin(), a.end(), '/');
    auto cb = std::count(b.begin(), b.end(), '/');
    if (ca != cb) return ca > cb;
    return a > b;
  });
  return keys;
}

std::shared_ptr<const gotemplate::FuncMap> helm_func_map() {
  auto funcs = std::make_shared<gotemplate::FuncMap>();
  add_sprig_functions(*funcs);
  add_encoding_functions(*funcs);
  add_helm_functions(*funcs);
  return funcs;
}

void remove_no_value(std::string& text) {
  static constexpr std::string_view k_no_value = "<no value>";
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (true) {
    auto hit = text.find(k_no_value, pos);
    out.append(text, pos, hit == std::string::npos ? std::string::npos : hit - pos);
    if (hit == std::string::npos) break;
    pos = hit + k_no_value.size();
  }
  text = std::move(out);
}

}  // namespace

core::Result<std::map<std::string, std::string>> render_templates(const Chart& chart,
                                                                  const RenderObjects& objects,
                                                                  const YamlMarshal& to_yaml) {
  std::map<std::string, Renderable> templates;
  collect(chart, Value(), objects, to_yaml, templates);
  auto order = render_order(templates);
  gotemplate::ExecOptions exec;
  exec.missing_key = gotemplate::MissingKey::zero;
  gotemplate::TemplateSet set(helm_func_map(), exec);
  for (const auto& name : order) {
    if (auto st = set.parse(name, templates.at(name).text); !st) {
      return cleanup_parse_error(name, st.error());
    }
  }
  std::map<std::string, std::string> rendered;
  for (const auto& name : order) {
    if (is_partial(name)) continue;
    const Renderable& r = templates.at(name);
    Map info{{"Name", Value::string(name)}, {"BasePath", Value::string(r.base_path)}};
    r.dot.map_mut()["Template"] = Value::map(std::move(info), MapType::helm_values);
    auto out = set.execute(name, r.dot);
    if (!out) return cleanup_exec_error(name, out.error());
    remove_no_value(*out);
    rendered[name] = std::move(*out);
  }
  return rendered;
}

}  // namespace gitops::render::helm
