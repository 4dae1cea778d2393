// render_helm: the placeholder the Helm engine replaces.
#include "render/helm_renderer.h"

#include "render/source_folder.h"

namespace gitops::render {

core::Result<Rendered> render_helm(const core::FileTree& /*tree*/, const SourceOptions& options) {
  auto folder = normalize_source_path(options.path);
  std::string shown = folder && !folder->empty() ? *folder : options.path;
  return core::Error{core::ErrorKind::source,
                     "helm charts are not supported by this build yet (path " + shown +
                         "): use --source-type directory|kustomize|jsonnet"};
}

}  // namespace gitops::render
