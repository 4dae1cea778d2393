// Rendered: what every renderer returns, the objects read from a source and the renderer's own
// text (for `render -o raw`).
#pragma once

#include <string>

#include "core/object.h"
#include "render/source.h"

namespace gitops::render {

struct Rendered {
  core::Objects objects;  // in the renderer's output order
  std::string raw;        // the renderer's own text
  SourceType type = SourceType::directory;
};

}  // namespace gitops::render
