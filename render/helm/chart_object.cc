// The .Chart object and its Maintainer and Dependency elements (see chart_object.h).
#include "render/helm/chart_object.h"

#include <functional>
#include <map>

namespace gitops::render::helm {
namespace {

using gotemplate::Map;
using gotemplate::MapType;
using gotemplate::Value;

// A Go struct pointer with a fixed set of fields, printed as "&{v1 v2 ...}".
class StructObject final : public gotemplate::Object {
 public:
  StructObject(std::string type, std::vector<std::pair<std::string, Value>> fields,
               std::string text)
      : m_type(std::move(type)), m_fields(std::move(fields)), m_text(std::move(text)) {}
  std::string type_name() const override { return m_type; }
  std::string kind_name() const override { return "ptr"; }
  std::optional<Value> field(std::string_view name) const override {
    for (const auto& [n, v] : m_fields) {
      if (n == name) return v;
    }
    return std::nullopt;
  }
  std::string format() const override { return m_text; }

 private:
  std::string m_type;
  std::vector<std::pair<std::string, Value>> m_fields;
  std::string m_text;
};

Value strings(const std::vector<std::string>& items) { return Value::string_list(items); }

std::string join_words(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? " " : "") + items[i];
  return out + "]";
}

Value maintainer_value(const Maintainer& m) {
  return Value::object(std::make_shared<StructObject>(
      "*chart.Maintainer",
      std::vector<std::pair<std::string, Value>>{{"Name", Value::string(m.name)},
                                                 {"Email", Value::string(m.email)},
                                                 {"URL", Value::string(m.url)}},
      "&{" + m.name + " " + m.email + " " + m.url + "}"));
}

Value dependency_value(const Dependency& d) {
  return Value::object(std::make_shared<StructObject>(
      "*chart.Dependency",
      std::vector<std::pair<std::string, Value>>{
          {"Name", Value::string(d.name)},
          {"Version", Value::string(d.version)},
          {"Repository", Value::string(d.repository)},
          {"Condition", Value::string(d.condition)},
          {"Tags", strings(d.tags)},
          {"Enabled", Value::boolean(d.enabled)},
          {"ImportValues", Value::list(d.import_values)},
          {"Alias", Value::string(d.alias)}},
      "&{" + d.name + " " + d.version + " " + d.repository + " " + d.condition + " " +
          join_words(d.tags) + " " + (d.enabled ? "true" : "false") + " [] " + d.alias + "}"));
}

}  // namespace

Value chart_metadata_value(const Metadata& md) {
  Map annotations;
  if (md.annotations) {
    for (const auto& [k, v] : *md.annotations) annotations[k] = Value::string(v);
  }
  gotemplate::List maintainers;
  for (const auto& m : md.maintainers) maintainers.push_back(maintainer_value(m));
  gotemplate::List dependencies;
  for (const auto& d : md.dependencies) dependencies.push_back(dependency_value(*d));
  std::vector<std::pair<std::string, Value>> fields = {
      {"Name", Value::string(md.name)},
      {"Home", Value::string(md.home)},
      {"Sources", strings(md.sources)},
      {"Version", Value::string(md.version)},
      {"Description", Value::string(md.description)},
      {"Keywords", strings(md.keywords)},
      {"Maintainers", Value::list(std::move(maintainers))},
      {"Icon", Value::string(md.icon)},
      {"APIVersion", Value::string(md.api_version)},
      {"Condition", Value::string(md.condition)},
      {"Tags", Value::string(md.tags)},
      {"AppVersion", Value::string(md.app_version)},
      {"Deprecated", Value::boolean(md.deprecated)},
      {"Annotations", Value::map(std::move(annotations), MapType::strings)},
      {"KubeVersion", Value::string(md.kube_version)},
      {"Dependencies", Value::list(std::move(dependencies))},
      {"Type", Value::string(md.type)}};
  std::string text = "&{" + md.name + " " + md.home + " " + join_words(md.sources) + " " +
                     md.version + " " + md.description + " " + join_words(md.keywords) + " ... " +
                     md.api_version + " ... " + md.app_version + "}";
  return Value::object(
      std::make_shared<StructObject>("*chart.Metadata", std::move(fields), std::move(text)));
}

}  // namespace gitops::render::helm
