// Sprig's case and word functions: Go's strings.ToUpper/ToLower/Title, goutils' Uncapitalize,
// SwapCase, Initials, Abbreviate, Wrap and DeleteWhiteSpace, and xstrings' snake/kebab/camel case,
// each ported rune for rune (byte for byte where the original works on bytes).
#include <random>
#include <string>
#include <vector>

#include "render/helm/go_format.h"
#include "render/helm/sprig_groups.h"
#include "render/helm/sprig_unicode.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

std::vector<char32_t> runes(std::string_view s) {
  std::vector<char32_t> out;
  std::size_t p = 0;
  while (p < s.size()) out.push_back(decode_rune(s, p));
  return out;
}

std::string from_runes(const std::vector<char32_t>& rs) {
  std::string out;
  for (char32_t r : rs) append_rune(out, r);
  return out;
}

std::string map_runes(std::string_view s, char32_t (*fn)(char32_t)) {
  std::vector<char32_t> rs = runes(s);
  for (auto& r : rs) r = fn(r);
  return from_runes(rs);
}

bool title_separator(char32_t r) {
  if (r <= 0x7f) {
    bool alnum = (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
    return !(alnum || r == '_');
  }
  if (unicode_is_letter(r) || unicode_is_number(r)) return false;
  return unicode_is_space(r);
}

std::string title(std::string_view s) {
  std::vector<char32_t> rs = runes(s);
  char32_t prev = ' ';
  for (auto& r : rs) {
    char32_t cur = r;
    if (title_separator(prev)) r = unicode_to_title(r);
    prev = cur;
  }
  return from_runes(rs);
}

std::string untitle(std::string_view s) {
  std::vector<char32_t> rs = runes(s);
  bool next = true;
  for (auto& r : rs) {
    if (unicode_is_space(r)) {
      next = true;
    } else if (next) {
      r = unicode_to_lower(r);
      next = false;
    }
  }
  return from_runes(rs);
}

std::string swapcase(std::string_view s) {
  std::vector<char32_t> rs = runes(s);
  bool whitespace = true;
  for (auto& r : rs) {
    if (unicode_is_upper(r)) {
      r = unicode_to_lower(r);
      whitespace = false;
    } else if (unicode_is_lower(r)) {
      r = whitespace ? unicode_to_title(r) : unicode_to_upper(r);
      whitespace = false;
    } else {
      whitespace = unicode_is_space(r);
    }
  }
  return from_runes(rs);
}

// goutils works on bytes here, widening each byte to a rune.
std::string initials(std::string_view s) {
  std::string out;
  bool gap = true;
  for (unsigned char c : s) {
    if (unicode_is_space(c)) {
      gap = true;
    } else if (gap) {
      append_rune(out, c);
      gap = false;
    }
  }
  return out;
}

std::string delete_white_space(std::string_view s) {
  std::string out;
  bool removed = false;
  for (unsigned char c : s) {
    if (unicode_is_space(c)) {
      removed = true;
    } else {
      append_rune(out, c);
    }
  }
  return removed ? out : std::string(s);
}

std::string abbreviate_full(const std::string& s, std::int64_t offset, std::int64_t width) {
  if (s.empty() || width < 4) return "";
  auto len = static_cast<std::int64_t>(s.size());
  if (len <= width) return s;
  if (offset > len) offset = len;
  if (len - offset < width - 3) offset = len - (width - 3);
  if (offset <= 4) return s.substr(0, static_cast<std::size_t>(width - 3)) + "...";
  if (width < 7) return "";
  if (offset + width - 3 < len) {
    return "..." + abbreviate_full(s.substr(static_cast<std::size_t>(offset)), 0, width - 3);
  }
  return "..." + s.substr(static_cast<std::size_t>(len - (width - 3)));
}

std::string wrap_custom(const std::string& s, std::int64_t length, std::string sep, bool long_words) {
  if (s.empty()) return "";
  if (sep.empty()) sep = "\n";
  if (length < 1) length = 1;
  auto len = static_cast<std::int64_t>(s.size());
  std::int64_t offset = 0;
  std::string out;
  auto part = [&](std::int64_t from, std::int64_t to) {
    return s.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from));
  };
  while (len - offset > length) {
    if (s[static_cast<std::size_t>(offset)] == ' ') {
      ++offset;
      continue;
    }
    std::int64_t end = std::min(length + offset + 1, len);
    std::string window = part(offset, end);
    auto space = window.rfind(' ');
    std::int64_t at = space == std::string::npos ? offset - 1 : static_cast<std::int64_t>(space) + offset;
    if (at >= offset) {
      out += part(offset, at) + sep;
      offset = at + 1;
    } else if (long_words) {
      out += part(offset, length + offset) + sep;
      offset += length;
    } else {
      std::int64_t stop = length + offset;
      auto next = s.find(' ', static_cast<std::size_t>(stop));
      if (next == std::string::npos) {
        out += part(offset, len);
        offset = len;
      } else {
        out += part(offset, static_cast<std::int64_t>(next)) + sep;
        offset = static_cast<std::int64_t>(next) + 1;
      }
    }
  }
  return out + part(offset, len);
}

bool is_connector(char32_t r) { return r == '-' || r == '_' || unicode_is_space(r); }

std::string camelcase(std::string_view s) {
  std::vector<char32_t> rs = runes(s);
  if (rs.empty()) return "";
  std::string out;
  std::size_t i = 0;
  char32_t r0 = 0;
  for (; i < rs.size(); ++i) {
    r0 = rs[i];
    if (!is_connector(r0)) {
      r0 = unicode_to_upper(r0);
      ++i;
      break;
    }
    append_rune(out, r0);
  }
  if (i >= rs.size()) {
    append_rune(out, r0);  // xstrings writes the last rune again here, even a connector
    return out;
  }
  for (; i < rs.size(); ++i) {
    char32_t r1 = r0;
    r0 = rs[i];
    if (is_connector(r0) && is_connector(r1)) {
      append_rune(out, r1);
      continue;
    }
    if (is_connector(r1)) {
      r0 = unicode_to_upper(r0);
    } else {
      r0 = unicode_to_lower(r0);
      append_rune(out, r1);
    }
  }
  append_rune(out, r0);
  return out;
}

}  // namespace

std::string xstrings_lower_case(std::string_view s, char32_t connector);  // sprig_case_words.cc

void add_sprig_case_functions(FuncMap& f) {
  const auto S = Param::string;
  const auto I = Param::integer;
  f.add("upper", sig({S}), [](Args a) -> R { return Value::string(map_runes(a[0].as_string(), unicode_to_upper)); });
  f.add("lower", sig({S}), [](Args a) -> R { return Value::string(map_runes(a[0].as_string(), unicode_to_lower)); });
  f.add("title", sig({S}), [](Args a) -> R { return Value::string(title(a[0].as_string())); });
  f.add("untitle", sig({S}), [](Args a) -> R { return Value::string(untitle(a[0].as_string())); });
  f.add("swapcase", sig({S}), [](Args a) -> R { return Value::string(swapcase(a[0].as_string())); });
  f.add("initials", sig({S}), [](Args a) -> R { return Value::string(initials(a[0].as_string())); });
  f.add("nospace", sig({S}), [](Args a) -> R { return Value::string(delete_white_space(a[0].as_string())); });
  f.add("abbrev", sig({I, S}), [](Args a) -> R {
    if (a[0].as_int() < 4) return a[1];
    return Value::string(abbreviate_full(a[1].as_string(), 0, a[0].as_int()));
  });
  f.add("abbrevboth", sig({I, I, S}), [](Args a) -> R {
    std::int64_t left = a[0].as_int(), right = a[1].as_int();
    if (right < 4 || (left > 0 && right < 7)) return a[2];
    return Value::string(abbreviate_full(a[2].as_string(), left, right));
  });
  f.add("wrap", sig({I, S}), [](Args a) -> R {
    return Value::string(wrap_custom(a[1].as_string(), a[0].as_int(), "", false));
  });
  f.add("wrapWith", sig({I, S, S}), [](Args a) -> R {
    return Value::string(wrap_custom(a[2].as_string(), a[0].as_int(), a[1].as_string(), true));
  });
  f.add("camelcase", sig({S}), [](Args a) -> R { return Value::string(camelcase(a[0].as_string())); });
  f.add("snakecase", sig({S}), [](Args a) -> R { return Value::string(xstrings_lower_case(a[0].as_string(), '_')); });
  f.add("kebabcase", sig({S}), [](Args a) -> R { return Value::string(xstrings_lower_case(a[0].as_string(), '-')); });
  f.add("shuffle", sig({S}), [](Args a) -> R {
    std::vector<char32_t> rs = runes(a[0].as_string());
    static thread_local std::mt19937_64 engine{std::random_device{}()};
    for (std::size_t i = rs.size(); i > 1; --i) {
      std::uniform_int_distribution<std::size_t> pick(0, i - 1);
      std::swap(rs[i - 1], rs[pick(engine)]);
    }
    return Value::string(from_runes(rs));
  });
}

}  // namespace gitops::render::helm
