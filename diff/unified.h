// Unified diffs of text, line by line (Myers' O(ND) algorithm), printed the way `diff -u` prints
// them, so `kubectl gitops diff` reads like `kubectl diff` and golden files stay stable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gitops::diff {

enum class LineOp { keep, remove, add };

struct LineEdit {
  LineOp op = LineOp::keep;
  std::string_view text;  // without the newline
};

// The shortest edit script turning `before` into `after`, line by line. Both texts are split on
// '\n'; a final newline does not produce an empty last line.
std::vector<LineEdit> diff_lines(std::string_view before, std::string_view after);

struct UnifiedOptions {
  std::string before_label;  // the "--- " header
  std::string after_label;   // the "+++ " header
  int context = 3;
};

// The unified diff of `before` and `after`: headers, then hunks "@@ -a,b +c,d @@". Empty when the
// texts are equal.
std::string unified_diff(std::string_view before, std::string_view after,
                         const UnifiedOptions& options);

}  // namespace gitops::diff
