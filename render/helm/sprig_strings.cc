// Sprig's string functions: trimming, slicing, quoting, joining and splitting, with Go's panics
// (slice bounds, negative Repeat count) returned as the errors text/template would report.
#include <algorithm>
#include <string>

#include "render/helm/go_format.h"
#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_groups.h"
#include "render/helm/sprig_strings.h"
#include "render/helm/sprig_unicode.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

Value str(std::string s) { return Value::string(std::move(s)); }

std::string trim_set(std::string_view s, std::string_view cutset, bool left, bool right) {
  auto in_set = [&](char32_t r) {
    std::size_t p = 0;
    while (p < cutset.size()) {
      if (decode_rune(cutset, p) == r) return true;
    }
    return false;
  };
  std::size_t begin = 0, end = s.size();
  while (left && begin < end) {
    std::size_t p = begin;
    if (!in_set(decode_rune(s, p))) break;
    begin = p;
  }
  while (right && end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xc0) == 0x80) --start;
    std::size_t p = start;
    if (!in_set(decode_rune(s, p)) || p != end) break;
    end = start;
  }
  return std::string(s.substr(begin, end - begin));
}

std::string trim_space(std::string_view s) {
  std::size_t begin = 0, end = s.size();
  while (begin < end) {
    std::size_t p = begin;
    if (!unicode_is_space(decode_rune(s, p))) break;
    begin = p;
  }
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xc0) == 0x80) --start;
    std::size_t p = start;
    if (!unicode_is_space(decode_rune(s, p))) break;
    end = start;
  }
  return std::string(s.substr(begin, end - begin));
}

core::Result<std::string> repeat(std::string_view s, std::int64_t count) {
  if (count < 0) return go_error("strings: negative Repeat count");
  std::string out;
  for (std::int64_t i = 0; i < count; ++i) out += s;
  return out;
}

core::Result<std::string> substring(std::int64_t start, std::int64_t end, const std::string& s) {
  auto len = static_cast<std::int64_t>(s.size());
  auto bounds = [&](std::string text) {
    return go_error("runtime error: slice bounds out of range " + text);
  };
  if (start < 0) {
    if (end < 0 || end > len) {
      return bounds("[:" + std::to_string(end) + "] with length " + std::to_string(len));
    }
    return s.substr(0, static_cast<std::size_t>(end));
  }
  if (end < 0 || end > len) {
    if (start > len) return bounds("[" + std::to_string(start) + ":" + std::to_string(len) + "]");
    return s.substr(static_cast<std::size_t>(start));
  }
  if (start > end) return bounds("[" + std::to_string(start) + ":" + std::to_string(end) + "]");
  return s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
}

std::string trunc(std::int64_t c, const std::string& s) {
  auto len = static_cast<std::int64_t>(s.size());
  if (c < 0 && len + c > 0) return s.substr(static_cast<std::size_t>(len + c));
  if (c >= 0 && len > c) return s.substr(0, static_cast<std::size_t>(c));
  return s;
}

std::string replace_all(const std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) {
    // strings.Replace with an empty old string inserts `to` around every rune.
    std::string out(to);
    std::size_t p = 0;
    while (p < s.size()) {
      std::size_t start = p;
      decode_rune(s, p);
      out.append(s, start, p - start);
      out += to;
    }
    return out;
  }
  std::string out;
  std::size_t pos = 0;
  while (true) {
    std::size_t hit = s.find(from, pos);
    if (hit == std::string::npos) break;
    out.append(s, pos, hit - pos);
    out += to;
    pos = hit + from.size();
  }
  out.append(s, pos);
  return out;
}

core::Result<std::string> indent(std::int64_t spaces, const std::string& s) {
  auto pad = repeat(" ", spaces);
  if (!pad.ok()) return pad.error();
  return *pad + replace_all(s, "\n", "\n" + *pad);
}

// A map[string]string of "_0", "_1"... as Sprig's split and splitn return.
Value numbered_parts(const std::vector<std::string>& parts) {
  gotemplate::Map out;
  for (std::size_t i = 0; i < parts.size(); ++i) out["_" + std::to_string(i)] = str(parts[i]);
  return Value::map(std::move(out), gotemplate::MapType::strings);
}

Value quote_each(Args args, bool single) {
  std::string out;
  bool first = true;
  for (const auto& arg : args) {
    if (arg.is_nil()) continue;
    if (!first) out += ' ';
    first = false;
    out += single ? "'" + format_value(arg) + "'" : go_quote(to_go_string(arg));
  }
  return str(out);
}

}  // namespace

std::vector<std::string> go_split(std::string_view s, std::string_view sep, std::int64_t n) {
  std::vector<std::string> parts;
  if (n == 0) return parts;
  if (sep.empty()) {
    std::size_t p = 0;
    while (p < s.size()) {
      if (n > 0 && static_cast<std::int64_t>(parts.size()) == n - 1) {
        parts.emplace_back(s.substr(p));
        return parts;
      }
      std::size_t start = p;
      decode_rune(s, p);
      parts.emplace_back(s.substr(start, p - start));
    }
    return parts;
  }
  std::size_t pos = 0;
  while (n < 0 || static_cast<std::int64_t>(parts.size()) < n - 1) {
    std::size_t hit = s.find(sep, pos);
    if (hit == std::string_view::npos) break;
    parts.emplace_back(s.substr(pos, hit - pos));
    pos = hit + sep.size();
  }
  parts.emplace_back(s.substr(pos));
  return parts;
}

std::vector<std::string> to_string_slice(const Value& v) {
  std::vector<std::string> out;
  if (auto items = slice_items(v)) {
    bool strings = v.list_type() == gotemplate::ListType::strings && v.kind() == gotemplate::Kind::list;
    for (const auto& item : *items) {
      if (strings || !item.is_nil()) out.push_back(to_go_string(item));
    }
    return out;
  }
  if (!v.is_nil()) out.push_back(to_go_string(v));
  return out;
}

void add_sprig_string_functions(FuncMap& f) {
  const auto S = Param::string;
  const auto I = Param::integer;
  const auto A = Param::any;
  f.add("trim", sig({S}), [](Args a) -> R { return str(trim_space(a[0].as_string())); });
  auto trim_all = [](Args a) -> R { return str(trim_set(a[1].as_string(), a[0].as_string(), true, true)); };
  f.add("trimAll", sig({S, S}), trim_all);
  f.add("trimall", sig({S, S}), trim_all);
  f.add("trimSuffix", sig({S, S}), [](Args a) -> R {
    const std::string& s = a[1].as_string();
    const std::string& x = a[0].as_string();
    bool has = s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
    return str(has ? s.substr(0, s.size() - x.size()) : s);
  });
  f.add("trimPrefix", sig({S, S}), [](Args a) -> R {
    const std::string& s = a[1].as_string();
    const std::string& x = a[0].as_string();
    return str(s.rfind(x, 0) == 0 ? s.substr(x.size()) : s);
  });
  f.add("substr", sig({I, I, S}), [](Args a) -> R {
    auto s = substring(a[0].as_int(), a[1].as_int(), a[2].as_string());
    if (!s.ok()) return s.error();
    return str(*s);
  });
  f.add("repeat", sig({I, S}), [](Args a) -> R {
    auto s = repeat(a[1].as_string(), a[0].as_int());
    if (!s.ok()) return s.error();
    return str(*s);
  });
  f.add("trunc", sig({I, S}), [](Args a) -> R { return str(trunc(a[0].as_int(), a[1].as_string())); });
  f.add("contains", sig({S, S}), [](Args a) -> R {
    return Value::boolean(a[1].as_string().find(a[0].as_string()) != std::string::npos);
  });
  f.add("hasPrefix", sig({S, S}), [](Args a) -> R {
    return Value::boolean(a[1].as_string().rfind(a[0].as_string(), 0) == 0);
  });
  f.add("hasSuffix", sig({S, S}), [](Args a) -> R {
    const std::string& s = a[1].as_string();
    const std::string& x = a[0].as_string();
    return Value::boolean(s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0);
  });
  f.add("quote", variadic({A}), [](Args a) -> R { return quote_each(a, false); });
  f.add("squote", variadic({A}), [](Args a) -> R { return quote_each(a, true); });
  f.add("cat", variadic({A}), [](Args a) -> R {
    std::string out;
    bool first = true;
    for (const auto& arg : a) {
      if (arg.is_nil()) continue;
      if (!first) out += ' ';
      first = false;
      out += format_value(arg);
    }
    return str(out);
  });
  f.add("indent", sig({I, S}), [](Args a) -> R {
    auto s = indent(a[0].as_int(), a[1].as_string());
    if (!s.ok()) return s.error();
    return str(*s);
  });
  f.add("nindent", sig({I, S}), [](Args a) -> R {
    auto s = indent(a[0].as_int(), a[1].as_string());
    if (!s.ok()) return s.error();
    return str("\n" + *s);
  });
  f.add("replace", sig({S, S, S}), [](Args a) -> R {
    return str(replace_all(a[2].as_string(), a[0].as_string(), a[1].as_string()));
  });
  f.add("plural", sig({S, S, I}), [](Args a) -> R { return a[2].as_int() == 1 ? a[0] : a[1]; });
  f.add("toString", sig({A}), [](Args a) -> R { return str(to_go_string(a[0])); });
  f.add("atoi", sig({S}), [](Args a) -> R {
    return Value::integer(parse_go_int(a[0].as_string(), 10).value_or(0));
  });
  f.add("split", sig({S, S}), [](Args a) -> R {
    return numbered_parts(go_split(a[1].as_string(), a[0].as_string(), -1));
  });
  f.add("splitn", sig({S, I, S}), [](Args a) -> R {
    return numbered_parts(go_split(a[2].as_string(), a[0].as_string(), a[1].as_int()));
  });
  f.add("splitList", sig({S, S}), [](Args a) -> R {
    return Value::string_list(go_split(a[1].as_string(), a[0].as_string(), -1));
  });
  f.add("toStrings", sig({A}), [](Args a) -> R { return Value::string_list(to_string_slice(a[0])); });
  f.add("join", sig({S, A}), [](Args a) -> R {
    std::string out;
    auto parts = to_string_slice(a[1]);
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? a[0].as_string() : "") + parts[i];
    return str(out);
  });
  f.add("sortAlpha", sig({A}), [](Args a) -> R {
    if (!slice_items(a[0])) return Value::string_list({to_go_string(a[0])});
    auto parts = to_string_slice(a[0]);
    std::sort(parts.begin(), parts.end());
    return Value::string_list(std::move(parts));
  });
  f.add("ternary", sig({A, A, Param::boolean}), [](Args a) -> R { return a[2].as_bool() ? a[0] : a[1]; });
}

}  // namespace gitops::render::helm
