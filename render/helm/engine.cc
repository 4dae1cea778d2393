// render_chart: `helm template`'s pipeline as named steps (see engine.h).
#include "render/helm/engine.h"

#include "render/helm/capabilities.h"
#include "render/helm/chart_loader.h"
#include "render/helm/semver.h"
#include "render/helm/dependencies.h"
#include "render/helm/engine_templates.h"
#include "render/helm/schema.h"
#include "render/helm/strvals.h"
#include "render/helm/values_coalesce.h"
#include "render/helm/values_yaml.h"
#include "render/helm/yaml_encode.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Map;
using gotemplate::Value;

constexpr std::size_t k_max_release_name = 53;

core::Error usage_error(std::string message) {
  return core::Error{core::ErrorKind::usage, std::move(message)};
}

core::Error source_error(std::string message) {
  return core::Error{core::ErrorKind::source, std::move(message)};
}

core::Result<std::string> read_values_file(const core::FileTree& tree, const ValuesSource& file) {
  if (file.content) return *file.content;
  core::EntryType type{};
  if (!tree.exists(file.name, &type) || type != core::EntryType::file) {
    return usage_error("open " + file.name + ": no such file or directory");
  }
  return tree.read(file.name);
}

// Helm's MergeValues: values files deep-merged in order, then --set, then --set-string.
core::Result<Value> merge_user_values(const core::FileTree& tree, const ChartOptions& options) {
  Value base = empty_map();
  for (const auto& file : options.values_files) {
    auto text = read_values_file(tree, file);
    if (!text) return text.error();
    auto doc = parse_values_yaml(*text);
    if (!doc) return usage_error("failed to parse " + file.name + ": " + doc.error().message);
    if (doc->is_nil()) continue;
    if (doc->kind() != Kind::map) {
      std::string got = doc->kind() == Kind::list ? "array" : doc->is_string() ? "string" : "number";
      if (doc->kind() == Kind::boolean) got = "bool";
      return usage_error("failed to parse " + file.name +
                         ": error unmarshaling JSON: json: cannot unmarshal " + got +
                         " into Go value of type map[string]interface {}");
    }
    base = merge_value_maps(base, *doc);
  }
  for (const auto& s : options.set) {
    if (auto st = parse_set_into(s, base, SetTyping::typed); !st) {
      return usage_error("failed parsing --set data: " + st.error().message);
    }
  }
  for (const auto& s : options.set_string) {
    if (auto st = parse_set_into(s, base, SetTyping::strings); !st) {
      return usage_error("failed parsing --set-string data: " + st.error().message);
    }
  }
  return base;
}

core::Result<std::shared_ptr<Chart>> load_installable(const core::FileTree& tree,
                                                      std::string_view chart_path) {
  auto chart = load_chart(tree, chart_path);
  if (!chart) return chart.error();
  const auto& type = (*chart)->metadata->type;
  if (!type.empty() && type != "application") {
    return source_error(type + " charts are not installable");
  }
  if (!(*chart)->metadata->dependencies.empty()) {
    if (auto st = check_dependencies(**chart); !st) return st.error();
  }
  return chart;
}

core::Status check_release_name(const std::string& name) {
  if (name.empty()) return usage_error("name is required");
  if (name.size() > k_max_release_name) {
    return usage_error("release name \"" + name + "\" exceeds max length of " +
                       std::to_string(k_max_release_name));
  }
  return {};
}

Value release_value(const ChartOptions& options) {
  Map release{{"Name", Value::string(options.release_name)},
              {"Namespace", Value::string(options.namespace_)},
              {"IsUpgrade", Value::boolean(false)},
              {"IsInstall", Value::boolean(true)},
              {"Revision", Value::integer(1)},
              {"Service", Value::string("Helm")}};
  return Value::map(std::move(release));
}

// Takes NOTES.txt files out of `files`, returning the root chart's rendered notes.
std::string take_notes(std::map<std::string, std::string>& files, const Chart& chart) {
  std::string notes;
  std::string root_notes = chart.name() + "/templates/NOTES.txt";
  for (auto it = files.begin(); it != files.end();) {
    const std::string& name = it->first;
    if (name.size() >= 9 && name.compare(name.size() - 9, 9, "NOTES.txt") == 0) {
      if (name == root_notes) notes = it->second;
      it = files.erase(it);
    } else {
      ++it;
    }
  }
  return notes;
}

std::vector<RenderedDocument> all_documents(const std::vector<ChartFile>& crds,
                                            const SortedManifests& sorted, bool include_crds) {
  std::vector<RenderedDocument> docs;
  if (include_crds) {
    for (const auto& crd : crds) {
      docs.push_back(RenderedDocument{.source = crd.name,
                                      .content = crd.data,
                                      .kind = "CustomResourceDefinition",
                                      .is_crd_file = true});
    }
  }
  docs.insert(docs.end(), sorted.manifests.begin(), sorted.manifests.end());
  docs.insert(docs.end(), sorted.hooks.begin(), sorted.hooks.end());
  return docs;
}

// Helm's toYAML: the YAML without its final newline, "" when it cannot be marshalled.
std::string helm_to_yaml(const Value& v) {
  auto text = go_yaml_marshal(v);
  if (!text) return "";
  std::string out = std::move(*text);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

core::Result<Capabilities> capabilities_for(const ChartOptions& options) {
  Capabilities caps;
  if (!options.kube_version.empty()) {
    auto kv = parse_kube_version(options.kube_version);
    if (!kv) return kv.error();
    caps.kube_version = *kv;
  }
  caps.api_versions = default_api_versions();
  caps.api_versions.insert(caps.api_versions.end(), options.api_versions.begin(),
                           options.api_versions.end());
  return caps;
}

}  // namespace

core::Result<ChartRender> render_chart(const core::FileTree& tree, std::string_view chart_path,
                                       const ChartOptions& options) {
  auto caps = capabilities_for(options);
  if (!caps) return caps.error();
  auto user_values = merge_user_values(tree, options);
  if (!user_values) return user_values.error();
  auto chart = load_installable(tree, chart_path);
  if (!chart) return chart.error();
  Chart& root = **chart;
  if (auto st = check_release_name(options.release_name); !st) return st.error();
  if (auto st = process_dependencies(root, *user_values); !st) return st.error();
  auto values = coalesce_values(root, *user_values);
  if (!values) return values.error();
  if (auto st = validate_values_schema(root, *values); !st) return st.error();
  const std::string& kube_range = root.metadata->kube_version;
  if (!kube_range.empty() && !is_compatible_range(kube_range, caps->kube_version.version)) {
    return source_error("chart requires kubeVersion: " + kube_range +
                        " which is incompatible with Kubernetes " + caps->kube_version.version);
  }
  RenderObjects objects{release_value(options), capabilities_value(*caps), *values};
  auto files = render_templates(root, objects, helm_to_yaml);
  if (!files) return files.error();
  ChartRender result;
  result.notes = take_notes(*files, root);
  auto sorted = sort_manifests(*files);
  if (!sorted) return sorted.error();
  auto crds = root.crd_objects();
  OutputOptions output{options.include_crds, options.no_hooks, options.show_only};
  auto text = template_output(crds, *sorted, output);
  if (!text) return text.error();
  result.text = std::move(*text);
  result.documents = all_documents(crds, *sorted, options.include_crds);
  return result;
}

}  // namespace gitops::render::helm
