// String helpers Sprig's groups share (Go's strings.SplitN and Sprig's strslice).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "render/gotemplate/value.h"

namespace gitops::render::helm {

// strings.SplitN(s, sep, n): n < 0 all parts, n == 0 none, else at most n; an empty sep splits
// into UTF-8 sequences.
std::vector<std::string> go_split(std::string_view s, std::string_view sep, std::int64_t n);

// Sprig's strslice: a []string as it is, other slices element-wise without nils, nil as an empty
// list, anything else as a one-element list of its string form.
std::vector<std::string> to_string_slice(const gotemplate::Value& v);

}  // namespace gitops::render::helm
