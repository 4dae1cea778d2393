// shopspring/decimal as Sprig's addf/subf/mulf/divf use it: each float64 operand becomes the exact
// decimal of its shortest round-trip digits, sums and products are exact, quotients are rounded
// half away from zero to 16 decimal places, and the result is the nearest float64.
#pragma once

#include <functional>
#include <span>

#include "core/result.h"

namespace gitops::render::helm {

enum class DecimalOp { add, sub, mul, div };

std::string_view to_string(DecimalOp op);

// Folds `op` over first, rest... in decimal arithmetic and returns the nearest float64. Fails with
// shopspring's panics: "decimal division by zero", "Cannot create a Decimal from +Inf".
core::Result<double> decimal_fold(double first, std::span<const double> rest, DecimalOp op);

}  // namespace gitops::render::helm
