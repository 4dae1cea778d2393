// Registration of the app source flags.
#include "plugin/source_flags.h"

namespace gitops::plugin {

void add_source_flags(CLI::App& cmd, SourceFlags& f) {
  const char* src = "Source";
  cmd.add_option("--repo", f.repo,
                 "Git repository: a local path, or https://, ssh://, git@host:path, file:// URL "
                 "(default: the repository containing the current folder)")->group(src);
  cmd.add_option("--ref", f.ref, "Branch, tag, SHA, HEAD~N or origin/main (default HEAD)")->group(src);
  cmd.add_option("--path", f.path, "Folder inside the repository (default .)")->group(src);
  cmd.add_option("--local", f.local,
                 "Render a folder as it is on disk instead of a Git commit")->group(src);
  cmd.add_option("--app", f.app, "App name (default: base name of --path, else of the repository)")
      ->group(src);
  cmd.add_option("-f,--filename", f.filename,
                 "App spec file: an App or an Argo CD Application")->group(src);
  cmd.add_option("--source-type", f.source_type, "auto, directory, kustomize, helm, jsonnet")
      ->check(CLI::IsMember({"auto", "directory", "kustomize", "helm", "jsonnet"}))
      ->group(src);
  cmd.add_flag("--recursive", f.recursive, "Directory sources: descend into sub-folders")->group(src);
  cmd.add_flag("--offline", f.offline, "Use the cached clone of a remote repository without fetching")
      ->group(src);

  const char* helm = "Helm";
  cmd.add_option("--values", f.values,
                 "Values file: a path in the repository, or on disk relative to the current folder "
                 "with --local (repeatable)")->group(helm);
  cmd.add_option("--set", f.set, "Set a value: K=V (repeatable)")->group(helm);
  cmd.add_option("--set-string", f.set_string, "Set a string value: K=V (repeatable)")->group(helm);
  cmd.add_option("--release-name", f.release_name, "Release name (default: the app name)")->group(helm);
  cmd.add_option("--kube-version", f.kube_version, "Kubernetes version for .Capabilities")->group(helm);
  cmd.add_option("--api-versions", f.api_versions, "Extra API versions, G/V or G/V/Kind (repeatable)")
      ->group(helm);
  cmd.add_flag("--include-crds", f.include_crds, "Include the chart's crds/ folder")->group(helm);
  cmd.add_flag("--no-hooks", f.no_hooks, "Leave out hooks")->group(helm);
  cmd.add_option("--show-only", f.show_only, "Only the named templates (repeatable)")->group(helm);
  cmd.add_option("--helm-binary", f.helm_binary,
                 "Run this helm's `helm template` instead of the built-in engine "
                 "(default: $KUBECTL_GITOPS_HELM, else built-in)")->group(helm);

  const char* jsonnet = "Jsonnet";
  cmd.add_option("--tla-str", f.tla_str, "Top-level argument as a string: K=V")->group(jsonnet);
  cmd.add_option("--tla-code", f.tla_code, "Top-level argument as code: K=V")->group(jsonnet);
  cmd.add_option("--ext-str", f.ext_str, "External variable as a string: K=V")->group(jsonnet);
  cmd.add_option("--ext-code", f.ext_code, "External variable as code: K=V")->group(jsonnet);
  cmd.add_option("--jpath", f.jpath, "Library folder in the repository (repeatable)")->group(jsonnet);

  const char* kustomize = "Kustomize";
  cmd.add_option("--kustomize-binary", f.kustomize_binary,
                 "A kustomize binary to run instead of `kubectl kustomize`")->group(kustomize);
  cmd.add_flag("--allow-remote-bases", f.allow_remote_bases,
               "Allow kustomize bases and resources fetched from URLs")->group(kustomize);
}

}  // namespace gitops::plugin
