// An Argo CD Application (argoproj.io/v1alpha1) read into an AppSpec; see render/app_spec.h for
// the fields read. Settings with no kubectl-gitops equivalent are problems, not silently dropped.
#pragma once

#include "core/object.h"
#include "render/app_spec.h"
#include "render/spec_reader.h"

namespace gitops::render {

// The AppSpec of Application `document`; problems are recorded in `reader`.
AppSpec read_argo_application(const core::Json& document, SpecReader& reader);

}  // namespace gitops::render
