// The agent's config file (`--config FILE`): the apps to keep in sync, as a YAML stream of this
// tool's `App` specs and/or Argo CD `Application` manifests, one per document (the same kinds
// `-f` reads; see render/app_spec.h). For example:
//
//   apiVersion: gitops.kubectl.dev/v1alpha1
//   kind: App
//   metadata: {name: web}
//   spec: {repo: https://git.example.com/shop.git, ref: main, path: web, namespace: shop}
//   ---
//   apiVersion: argoproj.io/v1alpha1
//   kind: Application
//   metadata: {name: api}
//   spec:
//     source: {repoURL: https://git.example.com/shop.git, targetRevision: main, path: api}
//     destination: {namespace: shop}
//     syncPolicy: {automated: {prune: true, selfHeal: true}}
//
// Errors are one line each, naming the file and the document:
//   "agent.yaml (document 2): spec.ref: ..." or
//   "agent.yaml (document 3): app web in namespace shop is also defined in document 1".
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "render/app_spec.h"

namespace gitops::agent {

// One app of a config file: its spec, and its document as canonical JSON (sorted keys), which
// tells a changed spec from an unchanged one when the file is reloaded.
struct ConfigEntry {
  render::AppSpec spec;
  std::string canonical;
};

// The apps of a config file's text, with their canonical documents (see parse_agent_config).
core::Result<std::vector<ConfigEntry>> parse_agent_config_entries(
    std::string_view text, std::string_view file, const std::string& default_namespace);

// The apps of a config file's text (`file` names it in errors); kind usage on any problem,
// every problem reported, one per line. `default_namespace` stands in for specs without one
// when checking for duplicates.
core::Result<std::vector<render::AppSpec>> parse_agent_config(std::string_view text,
                                                              std::string_view file,
                                                              const std::string& default_namespace);

// The text of the config file at `path`; kind usage when it cannot be read
// ("reading agent config PATH: cannot open the file").
core::Result<std::string> read_agent_config_text(const std::filesystem::path& path);

// parse_agent_config() of the file at `path`; kind usage when it cannot be read.
core::Result<std::vector<render::AppSpec>> read_agent_config(const std::filesystem::path& path,
                                                             const std::string& default_namespace);

}  // namespace gitops::agent
