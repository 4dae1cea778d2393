// read_argo_application: spec.source, spec.destination and spec.syncPolicy of one Application.
#include "render/argo_application.h"

#include "render/app_spec_sections.h"

namespace gitops::render {
namespace {

constexpr std::string_view k_unsupported = "not supported by kubectl-gitops";

void read_directory(const core::Json& directory, std::string_view path, SpecReader& reader,
                    SourceOptions& source) {
  reader.only(directory, path, {"recurse", "jsonnet"}, k_unsupported);
  source.recursive = reader.boolean(directory, path, "recurse", false);
  const core::Json* jsonnet = reader.map(directory, path, "jsonnet");
  if (jsonnet == nullptr) return;
  source.jsonnet = read_jsonnet_section(*jsonnet, SpecReader::field(path, "jsonnet"), reader);
  const JsonnetOptions& j = source.jsonnet;
  bool configured = !j.tla_str.empty() || !j.tla_code.empty() || !j.ext_str.empty() ||
                    !j.ext_code.empty() || !j.jpath.empty();
  if (configured) source.type = SourceType::jsonnet;
}

// spec.source: where the manifests come from and how they are rendered.
void read_source(const core::Json& spec_source, SpecReader& reader, AppSpec& app) {
  constexpr std::string_view path = "spec.source";
  if (spec_source.contains("chart")) {
    reader.problem("spec.source.chart",
                   "Helm repository charts are not supported; point repoURL at a Git repository");
  }
  reader.only(spec_source, path,
              {"repoURL", "targetRevision", "path", "helm", "directory", "chart", "name"},
              k_unsupported);
  app.repo = reader.required_string(spec_source, path, "repoURL");
  app.ref = reader.string(spec_source, path, "targetRevision", "HEAD");
  if (app.ref.empty()) app.ref = "HEAD";
  app.source.path = read_source_path(spec_source, path, reader);
  const core::Json* helm = reader.map(spec_source, path, "helm");
  const core::Json* directory = reader.map(spec_source, path, "directory");
  if (helm != nullptr && directory != nullptr) {
    reader.problem(path, "helm and directory cannot both be set");
  }
  if (helm != nullptr) {
    app.source.type = SourceType::helm;
    app.source.helm = read_helm_section(*helm, "spec.source.helm", app.source.path,
                                        HelmDialect::argo, reader);
  }
  if (directory != nullptr) read_directory(*directory, "spec.source.directory", reader, app.source);
}

void read_sync_policy(const core::Json& spec, SpecReader& reader, AppSpec& app) {
  app.prune = false;
  const core::Json* policy = reader.map(spec, "spec", "syncPolicy");
  if (policy == nullptr) return;
  const core::Json* automated = reader.map(*policy, "spec.syncPolicy", "automated");
  if (automated == nullptr) return;
  app.prune = reader.boolean(*automated, "spec.syncPolicy.automated", "prune", false);
  app.self_heal = reader.boolean(*automated, "spec.syncPolicy.automated", "selfHeal", false);
}

}  // namespace

AppSpec read_argo_application(const core::Json& document, SpecReader& reader) {
  AppSpec app;
  app.kind = AppSpecKind::argo_application;
  app.source.helm.include_crds = true;  // Argo CD renders CRDs unless helm.skipCrds
  app.name = read_app_name(document, reader);
  const core::Json* spec = reader.map(document, "", "spec");
  if (spec == nullptr) {
    reader.problem("spec", "required");
    return app;
  }
  if (spec->contains("sources")) {
    reader.problem("spec.sources",
                   "Applications with several sources are not supported; use one spec.source");
  }
  const core::Json* source = reader.map(*spec, "spec", "source");
  if (source != nullptr) {
    read_source(*source, reader, app);
  } else if (!spec->contains("sources")) {
    reader.problem("spec.source", "required");
  }
  if (const core::Json* destination = reader.map(*spec, "spec", "destination")) {
    app.namespace_ = reader.string(*destination, "spec.destination", "namespace");
  }
  read_sync_policy(*spec, reader, app);
  return app;
}

}  // namespace gitops::render
