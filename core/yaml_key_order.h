// The order go-yaml v2 prints map keys in: a natural sort where runs of digits compare as numbers
// ("a2" < "a10") and non-letters sort before letters ("_x" < "B"). kubectl's output follows it.
#pragma once

#include <string_view>

namespace gitops::core {

// Whether key `a` sorts before key `b` in go-yaml v2's keyList order.
bool yaml_key_less(std::string_view a, std::string_view b);

}  // namespace gitops::core
