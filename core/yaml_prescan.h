// A pass over YAML text before yaml-cpp sees it, for flow nesting ("[[[[..."): yaml-cpp's scanner
// reads ahead through an unclosed flow collection and queues a token per bracket, so a hostile
// file could cost memory in proportion to its size before the event-level depth check runs.
#pragma once

#include <cstddef>
#include <string_view>

namespace gitops::core {

// The offset of the '[' or '{' that opens flow nesting deeper than `max_depth`, or npos. Counts
// brackets that start a node (any bracket inside flow context), skipping quoted scalars and
// comments; it may over-count brackets at the start of lines of a block scalar's text, never
// under-counts real flow nesting outside quotes.
std::size_t find_deep_flow_nesting(std::string_view text, int max_depth);

}  // namespace gitops::core
