// render(): detection, then dispatch by source type.
#include "render/renderer.h"

#include "render/detect.h"
#include "render/directory_renderer.h"
#include "render/helm_renderer.h"
#include "render/jsonnet_renderer.h"
#include "render/kustomize_renderer.h"

namespace gitops::render {

core::Result<Rendered> render(const core::FileTree& tree, const SourceOptions& options) {
  auto type = resolve_source_type(tree, options);
  if (!type) return type.error();
  switch (*type) {
    case SourceType::directory: return render_directory(tree, options);
    case SourceType::kustomize: return render_kustomize(tree, options);
    case SourceType::jsonnet: return render_jsonnet(tree, options);
    case SourceType::helm: return render_helm(tree, options);
    case SourceType::auto_: break;
  }
  return core::Error{core::ErrorKind::internal, "render: source type was not resolved"};
}

}  // namespace gitops::render
