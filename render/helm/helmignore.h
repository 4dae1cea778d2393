// .helmignore rules with Helm's pkg/ignore semantics: one glob per line (Go's filepath.Match),
// `#` comments, `!` negation (which ignores every path NOT matching), a trailing `/` for folders
// only, a leading `/` or an inner `/` matching the whole path, otherwise the base name; `**` is
// refused. The default rule `templates/.?*` is always added.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gitops::render::helm {

// Go's filepath.Match(pattern, name) with '/' separators; an error (kind source) "syntax error in
// pattern" for a malformed pattern.
core::Result<bool> go_path_match(std::string_view pattern, std::string_view name);

class HelmIgnore {
 public:
  // Rules read from a .helmignore file's text, the defaults added; fails (kind source) with Helm's
  // text ("double-star (**) syntax is not supported", "syntax error in pattern").
  static core::Result<HelmIgnore> parse(std::string_view text);
  // Only the default rule.
  static HelmIgnore defaults();

  // True when `path` (relative to the chart root, '/'-separated) is ignored; `is_dir` says whether
  // it names a folder.
  bool ignored(std::string_view path, bool is_dir) const;

 private:
  struct Rule {
    std::string pattern;
    enum class Scope { whole_path, base_name } scope = Scope::base_name;
    bool negate = false;
    bool dir_only = false;
  };
  core::Status add(std::string_view line);

  std::vector<Rule> m_rules;
};

}  // namespace gitops::render::helm
