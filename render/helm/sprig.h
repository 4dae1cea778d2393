// Sprig's template functions (Masterminds/sprig v3.2, TxtFuncMap) as Helm 3.5.4 registers them:
// every function with its Go signature, behaviour on odd input and Go's error texts; `env` and
// `expandenv` are left out as Helm removes them. Helm's own functions (include, tpl, required,
// toYaml...) are not here: see encoding.h and the chart engine.
#pragma once

#include "render/gotemplate/func_map.h"

namespace gitops::render::helm {

// Registers all Sprig functions into `funcs`, replacing entries of the same name (Sprig's `slice`
// replaces Go's builtin, as in Helm).
void add_sprig_functions(gotemplate::FuncMap& funcs);

}  // namespace gitops::render::helm
