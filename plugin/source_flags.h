// The app source flags shared by render, diff, sync, status and agent (DESIGN.md section 2):
// where the source is (--repo/--ref/--path or --local, or an app spec file -f), how to render it,
// and the app's name and namespace.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace gitops::plugin {

struct SourceFlags {
  std::string repo;
  std::string ref;
  std::string path;
  std::string local;
  std::string app;
  std::string filename;
  std::string source_type = "auto";
  bool recursive = false;
  bool offline = false;
  // helm
  std::vector<std::string> values;
  std::vector<std::string> set;
  std::vector<std::string> set_string;
  std::string release_name;
  std::string kube_version;
  std::vector<std::string> api_versions;
  bool include_crds = false;
  bool no_hooks = false;
  std::vector<std::string> show_only;
  std::string helm_binary;
  // jsonnet
  std::vector<std::string> tla_str;
  std::vector<std::string> tla_code;
  std::vector<std::string> ext_str;
  std::vector<std::string> ext_code;
  std::vector<std::string> jpath;
  // kustomize
  std::string kustomize_binary;
  bool allow_remote_bases = false;
};

// Registers the source flags on a subcommand.
void add_source_flags(CLI::App& command, SourceFlags& flags);

}  // namespace gitops::plugin
