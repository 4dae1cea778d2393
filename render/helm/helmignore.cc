// Go's filepath.Match and Helm's .helmignore rule evaluation (see helmignore.h).
#include "render/helm/helmignore.h"

#include <optional>

namespace gitops::render::helm {
namespace {

struct BadPattern {};

char32_t next_rune(std::string_view& s) {
  auto c = static_cast<unsigned char>(s[0]);
  std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (n > s.size()) n = 1;
  char32_t r = n == 1 ? c : c & (0x7F >> n);
  for (std::size_t i = 1; i < n; ++i) r = (r << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  s.remove_prefix(n);
  return r;
}

char32_t get_esc(std::string_view& chunk) {
  if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') throw BadPattern{};
  if (chunk[0] == '\\') {
    chunk.remove_prefix(1);
    if (chunk.empty()) throw BadPattern{};
  }
  char32_t r = next_rune(chunk);
  if (chunk.empty()) throw BadPattern{};
  return r;
}

// Go's scanChunk: leading stars, then the chunk up to the next star outside a class.
bool scan_chunk(std::string_view& pattern, std::string_view& chunk) {
  bool star = false;
  while (!pattern.empty() && pattern[0] == '*') {
    pattern.remove_prefix(1);
    star = true;
  }
  bool in_range = false;
  std::size_t i = 0;
  for (; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) ++i;
    else if (c == '[') in_range = true;
    else if (c == ']') in_range = false;
    else if (c == '*' && !in_range) break;
  }
  chunk = pattern.substr(0, i);
  pattern.remove_prefix(i);
  return star;
}

// Go's matchChunk: the rest of `s` after `chunk` matched its start, or nullopt.
std::optional<std::string_view> match_chunk(std::string_view chunk, std::string_view s) {
  bool failed = false;
  while (!chunk.empty()) {
    if (!failed && s.empty()) failed = true;
    char c = chunk[0];
    if (c == '[') {
      char32_t r = 0;
      if (!failed) r = next_rune(s);
      chunk.remove_prefix(1);
      bool negated = false;
      if (!chunk.empty() && chunk[0] == '^') {
        negated = true;
        chunk.remove_prefix(1);
      }
      bool match = false;
      int nrange = 0;
      while (true) {
        if (!chunk.empty() && chunk[0] == ']' && nrange > 0) {
          chunk.remove_prefix(1);
          break;
        }
        char32_t lo = get_esc(chunk);
        char32_t hi = lo;
        if (chunk[0] == '-') {
          chunk.remove_prefix(1);
          hi = get_esc(chunk);
        }
        if (lo <= r && r <= hi) match = true;
        ++nrange;
      }
      if (match == negated) failed = true;
    } else if (c == '?') {
      if (!failed) {
        if (s[0] == '/') failed = true;
        next_rune(s);
      }
      chunk.remove_prefix(1);
    } else {
      if (c == '\\') {
        chunk.remove_prefix(1);
        if (chunk.empty()) throw BadPattern{};
      }
      if (!failed) {
        if (chunk[0] != s[0]) failed = true;
        s.remove_prefix(1);
      }
      chunk.remove_prefix(1);
    }
  }
  if (failed) return std::nullopt;
  return s;
}

bool match(std::string_view pattern, std::string_view name) {
  while (!pattern.empty()) {
    std::string_view chunk;
    bool star = scan_chunk(pattern, chunk);
    if (star && chunk.empty()) return name.find('/') == std::string_view::npos;
    auto rest = match_chunk(chunk, name);
    if (rest && (rest->empty() || !pattern.empty())) {
      name = *rest;
      continue;
    }
    bool advanced = false;
    if (star) {
      for (std::size_t i = 0; i < name.size() && name[i] != '/'; ++i) {
        auto t = match_chunk(chunk, name.substr(i + 1));
        if (t) {
          if (pattern.empty() && !t->empty()) continue;
          name = *t;
          advanced = true;
          break;
        }
      }
    }
    if (advanced) continue;
    while (!pattern.empty()) {
      scan_chunk(pattern, chunk);
      match_chunk(chunk, "");
    }
    return false;
  }
  return name.empty();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string_view base_name(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

core::Result<bool> go_path_match(std::string_view pattern, std::string_view name) {
  try {
    return match(pattern, name);
  } catch (const BadPattern&) {
    return core::Error{core::ErrorKind::source, "syntax error in pattern"};
  }
}

core::Result<HelmIgnore> HelmIgnore::parse(std::string_view text) {
  HelmIgnore rules;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (auto st = rules.add(line); !st) return st.error();
  }
  (void)rules.add("templates/.?*");
  return rules;
}

HelmIgnore HelmIgnore::defaults() {
  HelmIgnore rules;
  (void)rules.add("templates/.?*");
  return rules;
}

core::Status HelmIgnore::add(std::string_view line) {
  std::string_view rule = trim(line);
  if (rule.empty() || rule[0] == '#') return {};
  if (rule.find("**") != std::string_view::npos) {
    return core::Error{core::ErrorKind::source, "double-star (**) syntax is not supported"};
  }
  if (auto ok = go_path_match(rule, "abc"); !ok) return ok.error();
  Rule r;
  if (rule[0] == '!') {
    r.negate = true;
    rule.remove_prefix(1);
  }
  if (!rule.empty() && rule.back() == '/') {
    r.dir_only = true;
    rule.remove_suffix(1);
  }
  if (!rule.empty() && rule[0] == '/') {
    r.scope = Rule::Scope::whole_path;
    rule.remove_prefix(1);
  } else if (rule.find('/') != std::string_view::npos) {
    r.scope = Rule::Scope::whole_path;
  }
  r.pattern = std::string(rule);
  m_rules.push_back(std::move(r));
  return {};
}

bool HelmIgnore::ignored(std::string_view path, bool is_dir) const {
  if (path.empty() || path == "." || path == "./") return false;
  for (const auto& r : m_rules) {
    std::string_view subject = r.scope == Rule::Scope::whole_path ? path : base_name(path);
    auto matched = go_path_match(r.pattern, subject);
    bool hit = matched.ok() && *matched;
    if (r.negate) {
      if (r.dir_only && !is_dir) return true;
      if (!hit) return true;
      continue;
    }
    if (r.dir_only && !is_dir) continue;
    if (hit) return true;
  }
  return false;
}

}  // namespace gitops::render::helm
