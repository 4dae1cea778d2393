// The steps of parse_yaml_stream, apart so that a large stream can be parsed in pieces on several
// threads: the byte checks run once over the whole text, then each piece (a run of whole
// documents) is parsed on its own.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/yaml.h"

namespace gitops::core {

// Checks the raw bytes: valid UTF-8, no control characters, no document over the size limit, no
// flow nesting over the depth limit. Errors (kind source) name file:line:column.
Status check_yaml_bytes(std::string_view text, std::string_view file, const YamlLimits& limits);

// Parses `text`, a piece of a stream that starts at a line start, `first_line` lines into the
// stream (so origins and errors name lines of the whole stream).
Result<std::vector<YamlDocument>> parse_yaml_piece(std::string_view text, std::string_view file,
                                                   const YamlLimits& limits, int first_line);

// Offsets where `text` can be cut into up to `parts` pieces of similar size, each cut at the start
// of a "---" line; empty when the stream has directives ("%YAML", "%TAG"), which belong to the
// document after them.
std::vector<std::size_t> yaml_cut_points(std::string_view text, int parts);

}  // namespace gitops::core
