// render_helm: resolve the chart folder and the values files, render natively or through a real
// helm, then read the printed documents back as objects and mark the hooks.
#include "render/helm_renderer.h"

#include <re2/re2.h>

#include "core/yaml.h"
#include "render/helm/engine.h"
#include "render/helm/manifest.h"
#include "render/helm_binary.h"
#include "render/source_folder.h"

namespace gitops::render {
namespace {

core::Error usage_error(std::string message) {
  return core::Error{core::ErrorKind::usage, std::move(message)};
}

// The values files as the chart engine takes them: what the caller read as it is, tree paths
// normalised (refused when they leave the tree), then the app spec's inline values.
core::Result<std::vector<helm::ValuesSource>> values_sources(const HelmOptions& o) {
  std::vector<helm::ValuesSource> sources;
  for (std::size_t i = 0; i < o.values_files.size(); ++i) {
    const std::string& name = o.values_files[i];
    if (i < o.values_contents.size() && o.values_contents[i]) {
      sources.push_back({name, *o.values_contents[i]});
      continue;
    }
    auto path = core::normalize_tree_path(name);
    if (!path) {
      return usage_error("values file " + name +
                         " is outside the repository (values files of a Git source are read from "
                         "the commit, relative to the repository root)");
    }
    sources.push_back({*path, std::nullopt});
  }
  if (!o.values_inline.empty()) sources.push_back({"the app spec's helm values", o.values_inline});
  return sources;
}

helm::ChartOptions chart_options(const SourceOptions& options,
                                 std::vector<helm::ValuesSource> values) {
  const HelmOptions& h = options.helm;
  helm::ChartOptions c;
  c.release_name = h.release_name.empty() ? options.app_name : h.release_name;
  if (!options.namespace_.empty()) c.namespace_ = options.namespace_;
  c.kube_version = h.kube_version;
  c.api_versions = h.api_versions;
  c.values_files = std::move(values);
  c.set = h.set;
  c.set_string = h.set_string;
  c.include_crds = h.include_crds;
  c.no_hooks = h.no_hooks;
  c.show_only = h.show_only;
  return c;
}

core::Result<std::string> render_natively(const core::FileTree& tree, const std::string& folder,
                                          const helm::ChartOptions& chart) {
  auto rendered = helm::render_chart(tree, folder.empty() ? "." : folder, chart);
  if (!rendered) return rendered.error();
  return std::move(rendered->text);
}

core::Result<std::string> render_with_binary(const core::FileTree& tree, const std::string& folder,
                                             const SourceOptions& options,
                                             const helm::ChartOptions& chart) {
  std::vector<std::string> texts;
  for (const helm::ValuesSource& values : chart.values_files) {
    if (values.content) {
      texts.push_back(*values.content);
      continue;
    }
    core::EntryType type{};
    if (!tree.exists(values.name, &type) || type != core::EntryType::file) {
      return usage_error("open " + values.name + ": no such file or directory");
    }
    auto text = tree.read(values.name);
    if (!text) return text.error();
    texts.push_back(std::move(*text));
  }
  auto root = tree.on_disk();
  if (!root) return root.error();
  HelmOptions helm = options.helm;
  helm.release_name = chart.release_name;
  return run_helm_template(helm, chart.namespace_, folder.empty() ? *root : *root / folder, texts);
}

// The objects of helm template's output, each document read with its `# Source:` file as origin.
core::Result<core::Objects> read_printed_objects(const std::string& text,
                                                 const std::string& chart) {
  static const RE2 k_source("^# Source: ([^\n]*)");
  core::Objects objects;
  std::vector<std::string> problems;
  for (const std::string& document : helm::split_manifests(text)) {
    std::string source;
    if (!RE2::PartialMatch(document, k_source, &source)) source = chart;
    auto read = core::read_objects(document, source);
    if (!read) {
      problems.push_back(read.error().message);
      continue;
    }
    for (core::Object& object : *read) objects.push_back(std::move(object));
  }
  if (!problems.empty()) {
    std::string message;
    for (const auto& p : problems) message += (message.empty() ? "" : "\n") + p;
    return core::Error{core::ErrorKind::source, message};
  }
  return objects;
}

}  // namespace

core::Result<Rendered> render_helm(const core::FileTree& tree, const SourceOptions& options) {
  auto folder = normalize_source_path(options.path);
  if (!folder) return folder.error();
  std::string what = "rendering helm chart " + (folder->empty() ? std::string(".") : *folder);
  auto values = values_sources(options.helm);
  if (!values) return values.error().context(what);
  helm::ChartOptions chart = chart_options(options, std::move(*values));
  auto text = options.helm.binary.empty() ? render_natively(tree, *folder, chart)
                                          : render_with_binary(tree, *folder, options, chart);
  if (!text) return text.error().context(what);
  auto objects = read_printed_objects(*text, *folder);
  if (!objects) return objects.error().context("reading the output of " + what);
  return Rendered{std::move(*objects), std::move(*text), SourceType::helm};
}

}  // namespace gitops::render
