// Near-miss suggestions for unknown names ("mian" -> "main"), by edit distance.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gitops::git {

// Levenshtein distance where swapping two adjacent characters also counts as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to three of `candidates` within two edits of `word` (and fewer edits than its length),
// closest first, ties by name; never `word` itself.
std::vector<std::string> near_misses(std::string_view word,
                                     const std::vector<std::string>& candidates);

// " (did you mean \"a\"?)", " (did you mean \"a\" or \"b\"?)", " (did you mean \"a\", \"b\" or
// \"c\"?)", or "" when `names` is empty.
std::string did_you_mean(const std::vector<std::string>& names);

}  // namespace gitops::git
