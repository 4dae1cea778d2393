// App spec files (`-f FILE`): this tool's own `App` kind, or an Argo CD `Application`, read into
// one AppSpec. Every problem is reported at once, one line each, naming the file and the field
// ("app.yaml: spec.sourceType: unknown source type ..."), with kind usage.
//
// The App kind (every field but metadata.name optional):
//
//   apiVersion: gitops.kubectl.dev/v1alpha1
//   kind: App
//   metadata:
//     name: web                  # the app name, a DNS-1123 label
//   spec:
//     repo: https://git.example.com/shop.git   # default: the repository of the current folder
//     ref: main                  # branch, tag or SHA; default HEAD
//     path: apps/web             # folder in the repository; default "."
//     sourceType: auto           # auto | directory | kustomize | helm | jsonnet
//     recursive: false           # directory sources: descend into sub-folders
//     namespace: shop            # default namespace and home of inventory and history
//     helm:
//       valueFiles: [values-prod.yaml]  # relative to spec.path, applied in order
//       values: |                # inline values (a YAML string or a map), after valueFiles
//         replicas: 2
//       parameters:              # --set NAME=VALUE, or --set-string with forceString
//       - {name: image.tag, value: "1.2", forceString: true}
//       releaseName: web         # default: the app name
//     jsonnet:
//       tlas: [{name: env, value: prod}]            # code: true for --tla-code
//       extVars: [{name: replicas, value: "2", code: true}]
//       libs: [vendor]           # library folders, relative to the repository root
//     prune: true                # delete objects no longer rendered; default true
//     selfHeal: false            # the agent re-syncs drift; default false
//     interval: 3m               # agent poll interval (Go duration: 90s, 3m, 1h30m)
//
// From an Argo CD Application (argoproj.io/v1alpha1) are read: spec.source.repoURL (required),
// targetRevision, path, helm {valueFiles, values, valuesObject, parameters, releaseName,
// skipCrds, kubeVersion, apiVersions}, directory {recurse, jsonnet {tlas, extVars, libs}},
// spec.destination.namespace and spec.syncPolicy.automated {prune, selfHeal} (prune defaults to
// false, as in Argo CD). Settings kubectl-gitops cannot honour (spec.sources, source.chart,
// kustomize, plugin, directory include/exclude, ...) are errors rather than silently ignored.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"
#include "render/source.h"

namespace gitops::render {

enum class AppSpecKind { app, argo_application };

// "App" or "Application".
std::string_view to_string(AppSpecKind kind);

struct AppSpec {
  AppSpecKind kind = AppSpecKind::app;
  std::string name;
  std::string repo;         // "" means the repository of the current folder
  std::string ref = "HEAD";
  // path, type, recursive, helm and jsonnet from the spec; app_name and namespace_ filled too.
  SourceOptions source;
  std::string namespace_;   // "" means the kubeconfig context's namespace
  bool prune = true;
  bool self_heal = false;
  std::chrono::seconds interval{0};  // 0 means the agent's default
};

// The app spec in YAML `text` read from `file` (named in errors); an error (kind usage) when the
// text is not one App or Application document or when any field is wrong.
core::Result<AppSpec> parse_app_spec(std::string_view text, std::string_view file);

// parse_app_spec() of the file at `path`; an error (kind usage) when it cannot be read.
core::Result<AppSpec> read_app_spec(const std::filesystem::path& path);

// A Go duration ("90s", "3m", "1h30m") in whole seconds; an error (kind usage) when malformed,
// not positive, or finer than a second.
core::Result<std::chrono::seconds> parse_duration(std::string_view text);

}  // namespace gitops::render
