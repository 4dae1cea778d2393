// Dict helpers shared with the encoding functions.
#pragma once

#include "render/gotemplate/value.h"

namespace gitops::render::helm {

// copystructure.Copy: fresh lists and maps all the way down, same Go types; scalars shared.
gotemplate::Value deep_copy_value(const gotemplate::Value& v);

}  // namespace gitops::render::helm
