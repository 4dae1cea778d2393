// Sprig's regex functions over RE2 (the engine Go's regexp follows): Go's match iteration rules
// for empty matches, its $1/${name} expansion, its Split, and its error texts. The non-must forms
// use regexp.MustCompile, whose panic is the error they report; regexMatch swallows it.
#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

#include "render/helm/go_format.h"
#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_groups.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

std::string go_regex_message(const RE2& re) {
  std::string what;
  switch (re.error_code()) {
    case RE2::ErrorMissingParen: what = "missing closing )"; break;
    case RE2::ErrorMissingBracket: what = "missing closing ]"; break;
    case RE2::ErrorRepeatArgument: what = "missing argument to repetition operator"; break;
    case RE2::ErrorRepeatSize: what = "invalid repeat count"; break;
    case RE2::ErrorRepeatOp: what = "invalid nested repetition operator"; break;
    case RE2::ErrorBadEscape: what = "invalid escape sequence"; break;
    case RE2::ErrorBadCharRange: what = "invalid character class range"; break;
    case RE2::ErrorBadCharClass: what = "invalid character class"; break;
    case RE2::ErrorBadPerlOp: what = "invalid or unsupported Perl syntax"; break;
    case RE2::ErrorBadUTF8: what = "invalid UTF-8"; break;
    case RE2::ErrorBadNamedCapture: what = "invalid named capture"; break;
    case RE2::ErrorTrailingBackslash: return "error parsing regexp: trailing backslash at end of expression: ``";
    default: what = "unexpected )"; break;
  }
  return "error parsing regexp: " + what + ": `" + re.error_arg() + "`";
}

struct Compiled {
  std::unique_ptr<RE2> re;
  std::string error;  // Go's regexp.Compile error text, empty when compiled
};

Compiled compile(const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) return Compiled{nullptr, go_regex_message(*re)};
  return Compiled{std::move(re), ""};
}

// regexp.MustCompile's panic text.
std::string must_compile_panic(const std::string& pattern, const std::string& error) {
  bool backquote = pattern.find('`') == std::string::npos;
  for (unsigned char c : pattern) backquote = backquote && (c >= 0x20 || c == '\t') && c != 0x7f;
  std::string shown = backquote ? "`" + pattern + "`" : go_quote(pattern);
  return "regexp: Compile(" + shown + "): " + error;
}

using Match = std::vector<re2::StringPiece>;  // [0] the whole match, then the groups

std::optional<Match> find_at(const RE2& re, const std::string& s, std::size_t pos) {
  Match groups(static_cast<std::size_t>(re.NumberOfCapturingGroups()) + 1);
  if (!re.Match(s, pos, s.size(), RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()))) {
    return std::nullopt;
  }
  return groups;
}

std::size_t begin_of(const re2::StringPiece& p, const std::string& s) {
  return static_cast<std::size_t>(p.data() - s.data());
}

std::size_t rune_width(const std::string& s, std::size_t pos) {
  if (pos >= s.size()) return 0;
  std::size_t p = pos;
  decode_rune(s, p);
  return p - pos;
}

// Go's allMatches: at most n matches (all when n < 0), no empty match right after a match.
std::vector<Match> find_all(const RE2& re, const std::string& s, std::int64_t n) {
  std::vector<Match> out;
  if (n < 0) n = static_cast<std::int64_t>(s.size()) + 1;
  std::size_t pos = 0;
  std::int64_t prev_end = -1;
  while (static_cast<std::int64_t>(out.size()) < n && pos <= s.size()) {
    auto m = find_at(re, s, pos);
    if (!m) break;
    std::size_t b = begin_of((*m)[0], s);
    std::size_t e = b + (*m)[0].size();
    bool accept = true;
    if (e == pos) {
      if (static_cast<std::int64_t>(b) == prev_end) accept = false;
      std::size_t w = rune_width(s, pos);
      pos += w == 0 ? 1 : w;
    } else {
      pos = e;
    }
    prev_end = static_cast<std::int64_t>(e);
    if (accept) out.push_back(std::move(*m));
  }
  return out;
}

// Go's Regexp.Expand of `templ` for one match: $1, ${1}, $name, ${name}, $$.
std::string expand(const RE2& re, const std::string& templ, const Match& m) {
  std::string out;
  const auto& names = re.NamedCapturingGroups();
  std::size_t i = 0;
  while (i < templ.size()) {
    std::size_t dollar = templ.find('$', i);
    if (dollar == std::string::npos || dollar + 1 >= templ.size()) {
      out.append(templ, i);
      break;
    }
    out.append(templ, i, dollar - i);
    i = dollar + 1;
    if (templ[i] == '$') {
      out += '$';
      ++i;
      continue;
    }
    bool brace = templ[i] == '{';
    std::size_t start = brace ? i + 1 : i;
    std::size_t end = start;
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    while (end < templ.size() && word(templ[end])) ++end;
    if (end == start || (brace && (end >= templ.size() || templ[end] != '}'))) {
      out += '$';  // malformed: the dollar is kept literally
      continue;
    }
    std::string name = templ.substr(start, end - start);
    i = brace ? end + 1 : end;
    int index = -1;
    if (std::all_of(name.begin(), name.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      index = name.size() < 9 ? std::stoi(name) : -1;
    } else if (auto it = names.find(name); it != names.end()) {
      index = it->second;
    }
    if (index >= 0 && static_cast<std::size_t>(index) < m.size() && m[static_cast<std::size_t>(index)].data()) {
      out.append(m[static_cast<std::size_t>(index)].data(), m[static_cast<std::size_t>(index)].size());
    }
  }
  return out;
}

std::string replace_all(const RE2& re, const std::string& s, const std::string& repl, bool literal) {
  std::string out;
  std::size_t last_end = 0, search = 0;
  while (search <= s.size()) {
    auto m = find_at(re, s, search);
    if (!m) break;
    std::size_t b = begin_of((*m)[0], s);
    std::size_t e = b + (*m)[0].size();
    out.append(s, last_end, b - last_end);
    if (e > last_end || b == 0) out += literal ? repl : expand(re, repl, *m);
    last_end = e;
    std::size_t w = rune_width(s, search);
    if (search + w > e) {
      search += w;
    } else if (search + 1 > e) {
      ++search;
    } else {
      search = e;
    }
  }
  out.append(s, last_end);
  return out;
}

std::vector<std::string> split(const RE2& re, const std::string& pattern, const std::string& s, std::int64_t n) {
  std::vector<std::string> out;
  if (n == 0) return out;
  if (!pattern.empty() && s.empty()) return {""};
  std::size_t beg = 0, end = 0;
  for (const auto& m : find_all(re, s, n)) {
    if (n > 0 && static_cast<std::int64_t>(out.size()) == n - 1) break;
    end = begin_of(m[0], s);
    if (end + m[0].size() != 0) out.push_back(s.substr(beg, end - beg));
    beg = end + m[0].size();
  }
  if (end != s.size()) out.push_back(s.substr(beg));
  return out;
}

std::vector<std::string> match_texts(const std::vector<Match>& matches) {
  std::vector<std::string> out;
  for (const auto& m : matches) out.emplace_back(m[0].data(), m[0].size());
  return out;
}

// Registers NAME (panicking on a bad pattern, like MustCompile) and mustNAME (returning the error).
template <typename Fn>
void add_pair(FuncMap& f, const std::string& name, gotemplate::Signature s, Fn fn) {
  f.add(name, s, [fn](Args a) -> R {
    Compiled c = compile(a[0].as_string());
    if (!c.re) return go_error(must_compile_panic(a[0].as_string(), c.error));
    return fn(*c.re, a);
  });
  std::string must = "must" + std::string(1, static_cast<char>(std::toupper(name[0]))) + name.substr(1);
  f.add(must, s, [fn](Args a) -> R {
    Compiled c = compile(a[0].as_string());
    if (!c.re) return go_error(c.error);
    return fn(*c.re, a);
  });
}

}  // namespace

void add_sprig_regex_functions(FuncMap& f) {
  const auto S = Param::string;
  const auto I = Param::integer;
  f.add("regexMatch", sig({S, S}), [](Args a) -> R {
    Compiled c = compile(a[0].as_string());
    return Value::boolean(c.re && find_at(*c.re, a[1].as_string(), 0).has_value());
  });
  f.add("mustRegexMatch", sig({S, S}), [](Args a) -> R {
    Compiled c = compile(a[0].as_string());
    if (!c.re) return go_error(c.error);
    return Value::boolean(find_at(*c.re, a[1].as_string(), 0).has_value());
  });
  add_pair(f, "regexFindAll", sig({S, S, I}), [](const RE2& re, Args a) -> R {
    return Value::string_list(match_texts(find_all(re, a[1].as_string(), a[2].as_int())));
  });
  add_pair(f, "regexFind", sig({S, S}), [](const RE2& re, Args a) -> R {
    auto m = find_at(re, a[1].as_string(), 0);
    return Value::string(m ? std::string((*m)[0].data(), (*m)[0].size()) : "");
  });
  add_pair(f, "regexReplaceAll", sig({S, S, S}), [](const RE2& re, Args a) -> R {
    return Value::string(replace_all(re, a[1].as_string(), a[2].as_string(), false));
  });
  add_pair(f, "regexReplaceAllLiteral", sig({S, S, S}), [](const RE2& re, Args a) -> R {
    return Value::string(replace_all(re, a[1].as_string(), a[2].as_string(), true));
  });
  add_pair(f, "regexSplit", sig({S, S, I}), [](const RE2& re, Args a) -> R {
    return Value::string_list(split(re, a[0].as_string(), a[1].as_string(), a[2].as_int()));
  });
  f.add("regexQuoteMeta", sig({S}), [](Args a) -> R {
    std::string out;
    for (char c : a[0].as_string()) {
      if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
    return Value::string(out);
  });
}

}  // namespace gitops::render::helm
