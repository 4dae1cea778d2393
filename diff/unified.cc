// Myers' greedy shortest-edit-script diff over lines, and the unified hunk printer.
#include "diff/unified.h"

#include <algorithm>

namespace gitops::diff {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// Walks Myers' V arrays backwards from the end to recover the edit script.
std::vector<LineEdit> backtrack(const std::vector<std::vector<int>>& trace,
                                const std::vector<std::string_view>& a,
                                const std::vector<std::string_view>& b, int offset) {
  std::vector<LineEdit> edits;
  int x = static_cast<int>(a.size());
  int y = static_cast<int>(b.size());
  for (int d = static_cast<int>(trace.size()) - 1; d >= 0; --d) {
    const std::vector<int>& v = trace[static_cast<size_t>(d)];
    int k = x - y;
    int prev_k;
    if (k == -d || (k != d && v[static_cast<size_t>(k - 1 + offset)] < v[static_cast<size_t>(k + 1 + offset)])) {
      prev_k = k + 1;
    } else {
      prev_k = k - 1;
    }
    int prev_x = v[static_cast<size_t>(prev_k + offset)];
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      edits.push_back({LineOp::keep, a[static_cast<size_t>(x - 1)]});
      --x;
      --y;
    }
    if (d > 0) {
      if (x == prev_x) {
        edits.push_back({LineOp::add, b[static_cast<size_t>(y - 1)]});
      } else {
        edits.push_back({LineOp::remove, a[static_cast<size_t>(x - 1)]});
      }
    }
    x = prev_x;
    y = prev_y;
  }
  std::reverse(edits.begin(), edits.end());
  return edits;
}

std::vector<LineEdit> myers(const std::vector<std::string_view>& a,
                            const std::vector<std::string_view>& b);

}  // namespace

// Common leading and trailing lines are kept out of Myers' search: objects usually differ in a
// few lines, and this keeps the search (and its trace memory) to the changed middle.
std::vector<LineEdit> diff_lines(std::string_view before, std::string_view after) {
  std::vector<std::string_view> a = split_lines(before);
  std::vector<std::string_view> b = split_lines(after);
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::vector<LineEdit> edits;
  for (size_t i = 0; i < prefix; ++i) edits.push_back({LineOp::keep, a[i]});
  std::vector<std::string_view> mid_a(a.begin() + static_cast<long>(prefix),
                                      a.end() - static_cast<long>(suffix));
  std::vector<std::string_view> mid_b(b.begin() + static_cast<long>(prefix),
                                      b.end() - static_cast<long>(suffix));
  for (const LineEdit& e : myers(mid_a, mid_b)) edits.push_back(e);
  for (size_t i = a.size() - suffix; i < a.size(); ++i) edits.push_back({LineOp::keep, a[i]});
  return edits;
}

namespace {

std::vector<LineEdit> myers(const std::vector<std::string_view>& a,
                            const std::vector<std::string_view>& b) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  const int max = n + m;
  const int offset = max + 1;
  std::vector<int> v(static_cast<size_t>(2 * max + 3), 0);
  std::vector<std::vector<int>> trace;
  for (int d = 0; d <= max; ++d) {
    trace.push_back(v);  // V as it was before step d: what backtracking needs
    for (int k = -d; k <= d; k += 2) {
      int x;
      if (k == -d || (k != d && v[static_cast<size_t>(k - 1 + offset)] < v[static_cast<size_t>(k + 1 + offset)])) {
        x = v[static_cast<size_t>(k + 1 + offset)];
      } else {
        x = v[static_cast<size_t>(k - 1 + offset)] + 1;
      }
      int y = x - k;
      while (x < n && y < m && a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) {
        ++x;
        ++y;
      }
      v[static_cast<size_t>(k + offset)] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset);
    }
  }
  return {};
}

std::string range(int start, int count) {
  // diff -u prints an empty range as "start-1,0" and a one-line range without the count.
  if (count == 0) return std::to_string(start - 1) + ",0";
  if (count == 1) return std::to_string(start);
  return std::to_string(start) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after,
                         const UnifiedOptions& options) {
  std::vector<LineEdit> edits = diff_lines(before, after);
  bool changed = std::any_of(edits.begin(), edits.end(),
                             [](const LineEdit& e) { return e.op != LineOp::keep; });
  if (!changed) return {};
  std::string out = "--- " + options.before_label + "\n+++ " + options.after_label + "\n";
  const int total = static_cast<int>(edits.size());
  int i = 0;
  while (i < total) {
    // Find the next change, then grow the hunk while changes are within 2*context lines.
    while (i < total && edits[static_cast<size_t>(i)].op == LineOp::keep) ++i;
    if (i >= total) break;
    int start = std::max(0, i - options.context);
    int end = i;
    int last_change = i;
    while (end < total) {
      if (edits[static_cast<size_t>(end)].op != LineOp::keep) last_change = end;
      if (end - last_change > 2 * options.context) break;
      ++end;
    }
    end = std::min(total, last_change + options.context + 1);
    // Line numbers at the hunk start.
    int a_line = 1, b_line = 1;
    for (int j = 0; j < start; ++j) {
      if (edits[static_cast<size_t>(j)].op != LineOp::add) ++a_line;
      if (edits[static_cast<size_t>(j)].op != LineOp::remove) ++b_line;
    }
    int a_count = 0, b_count = 0;
    std::string body;
    for (int j = start; j < end; ++j) {
      const LineEdit& e = edits[static_cast<size_t>(j)];
      char mark = e.op == LineOp::keep ? ' ' : e.op == LineOp::remove ? '-' : '+';
      if (e.op != LineOp::add) ++a_count;
      if (e.op != LineOp::remove) ++b_count;
      body.push_back(mark);
      body.append(e.text);
      body.push_back('\n');
    }
    out += "@@ -" + range(a_line, a_count) + " +" + range(b_line, b_count) + " @@\n" + body;
    i = end;
  }
  return out;
}

}  // namespace gitops::diff
