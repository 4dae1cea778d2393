// Flow-nesting pre-scan: a single pass with a few bits of state (flow depth, quote, whether the
// next character starts a node), resetting at document markers.
#include "core/yaml_prescan.h"

namespace gitops::core {
namespace {

bool is_document_marker_at(std::string_view text, std::size_t i) {
  if (i > 0 && text[i - 1] != '\n') return false;
  std::string_view rest = text.substr(i);
  if (!(rest.starts_with("---") || rest.starts_with("..."))) return false;
  return rest.size() == 3 || rest[3] == ' ' || rest[3] == '\t' || rest[3] == '\r' ||
         rest[3] == '\n';
}

}  // namespace

std::size_t find_deep_flow_nesting(std::string_view text, int max_depth) {
  int depth = 0;
  char quote = 0;
  bool line_start = true;    // only blanks so far on this line
  bool after_blank = true;   // the previous character was a blank or a line break
  char previous = '\n';      // the last character that was not a blank
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote == '"') {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        quote = 0;
        previous = c;
      }
      continue;
    }
    if (quote == '\'') {
      if (c == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
      } else if (c == '\'') {
        quote = 0;
        previous = c;
      }
      continue;
    }
    if (c == '\n') {
      line_start = true;
      after_blank = true;
      if (i + 1 < text.size() && is_document_marker_at(text, i + 1)) depth = 0;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      after_blank = true;
      continue;
    }
    if (c == '#' && after_blank) {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    }
    bool node_start = line_start ||
                      (after_blank && (previous == ':' || previous == '-' || previous == '?')) ||
                      (depth > 0 && (previous == '[' || previous == '{' || previous == ','));
    if ((c == '"' || c == '\'') && node_start) {
      quote = c;
    } else if ((c == '[' || c == '{') && (depth > 0 || node_start)) {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    previous = c;
    line_start = false;
    after_blank = false;
  }
  return std::string_view::npos;
}

}  // namespace gitops::core
