// Go's %v and %q as Sprig sees them; FormatFloat is the template engine's (gotemplate/strconv.h).
#include "render/helm/go_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "render/gotemplate/strconv.h"
#include "render/helm/go_format_time.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Value;

bool is_printable(char32_t r) {
  if (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xad) return false;
  if (r >= 0xd800 && r < 0xe000) return false;
  if ((r >= 0x200b && r <= 0x200f) || (r >= 0x2028 && r <= 0x202e) ||
      (r >= 0x2060 && r <= 0x206f) || r == 0xfeff || (r >= 0xfff9 && r <= 0xfffb)) {
    return false;
  }
  if ((r >= 0xe000 && r <= 0xf8ff) || r == 0xfffe || r == 0xffff || r > 0x10ffff) return false;
  return r < 0xf0000;
}

void append_hex(std::string& out, std::uint32_t v, int width) {
  static const char* k_hex = "0123456789abcdef";
  for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) out += k_hex[(v >> shift) & 0xf];
}

std::string format_list(const gotemplate::List& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ' ';
    out += format_value(items[i]);
  }
  return out + "]";
}

}  // namespace

std::string format_float_g(double f) { return gotemplate::format_float(f, 'g', -1); }

std::string format_float_f(double f, int prec) { return gotemplate::format_float(f, 'f', prec); }

std::string format_float_e(double f, int prec) { return gotemplate::format_float(f, 'e', prec); }

std::string format_value(const Value& v) {
  switch (v.kind()) {
    case Kind::nil: return "<nil>";
    case Kind::boolean: return v.as_bool() ? "true" : "false";
    case Kind::integer:
    case Kind::int64: return std::to_string(v.as_int());
    case Kind::float64: return format_float_g(v.as_float());
    case Kind::string: return v.as_string();
    case Kind::list: return format_list(v.as_list());
    case Kind::bytes: {
      std::string out = "[";
      const std::string& b = v.as_bytes();
      for (std::size_t i = 0; i < b.size(); ++i) {
        if (i > 0) out += ' ';
        out += std::to_string(static_cast<unsigned char>(b[i]));
      }
      return out + "]";
    }
    case Kind::map: {
      std::string out = "map[";
      bool first = true;
      for (const auto& [key, item] : v.as_map()) {
        if (!first) out += ' ';
        first = false;
        out += key + ":" + format_value(item);
      }
      return out + "]";
    }
    case Kind::time: return format_time_default(v.as_time());
    case Kind::object: return v.as_object().format();
  }
  return "";
}

std::string sprint(std::span<const Value> args) {
  std::string out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0 && !args[i].is_string() && !args[i - 1].is_string()) out += ' ';
    out += format_value(args[i]);
  }
  return out;
}

char32_t decode_rune(std::string_view s, std::size_t& pos) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = byte(pos);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  int len = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
  if (c >= 0xf5) len = 0;
  if (len == 0 || pos + len > s.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t r = c & (0x7f >> len);
  for (int i = 1; i < len; ++i) {
    unsigned char cc = byte(pos + i);
    if ((cc & 0xc0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    r = (r << 6) | (cc & 0x3f);
  }
  bool overlong = (len == 3 && r < 0x800) || (len == 4 && (r < 0x10000 || r > 0x10ffff));
  if (overlong || (r >= 0xd800 && r < 0xe000)) {
    ++pos;
    return 0xFFFD;
  }
  pos += len;
  return r;
}

void append_rune(std::string& out, char32_t r) {
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xc0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3f));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xe0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (r & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (r & 0x3f));
  }
}

std::string go_quote(std::string_view s) {
  std::string out = "\"";
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t start = pos;
    char32_t r = decode_rune(s, pos);
    if (r == 0xFFFD && pos - start == 1 && static_cast<unsigned char>(s[start]) >= 0x80) {
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(s[start]), 2);
      continue;
    }
    switch (r) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\a': out += "\\a"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\v': out += "\\v"; continue;
      default: break;
    }
    if (is_printable(r)) {
      out.append(s.substr(start, pos - start));
    } else if (r < 0x20 || r == 0x7f) {
      out += "\\x";
      append_hex(out, r, 2);
    } else if (r < 0x10000) {
      out += "\\u";
      append_hex(out, r, 4);
    } else {
      out += "\\U";
      append_hex(out, r, 8);
    }
  }
  return out + "\"";
}

std::string to_go_string(const Value& v) {
  switch (v.kind()) {
    case Kind::string: return v.as_string();
    case Kind::bytes: return v.as_bytes();
    case Kind::object: return v.as_object().format();
    default: return format_value(v);
  }
}

}  // namespace gitops::render::helm
