// encoding/json over gotemplate values: a writer with Go's escaping and float format, and a
// reader with Go's error texts. Objects (semver versions...) encode as the JSON string of their
// String(), as their MarshalJSON does.
#include "render/helm/encoding_json.h"

#include <cmath>
#include <cstdlib>

#include "render/helm/go_format.h"
#include "render/helm/go_format_time.h"
#include "render/helm/sprig_convert.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Value;

void append_json_string(std::string& out, std::string_view s, bool escape_html) {
  static const char* k_hex = "0123456789abcdef";
  out += '"';
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t start = p;
    char32_t r = decode_rune(s, p);
    bool invalid = r == 0xFFFD && p - start == 1;
    if (invalid) {
      out += "\\ufffd";
      continue;
    }
    if (r == '"' || r == '\\') {
      out += '\\';
      out += static_cast<char>(r);
    } else if (r == '\n') {
      out += "\\n";
    } else if (r == '\r') {
      out += "\\r";
    } else if (r == '\t') {
      out += "\\t";
    } else if (r < 0x20 || (escape_html && (r == '<' || r == '>' || r == '&'))) {
      out += "\\u00";
      out += k_hex[r >> 4];
      out += k_hex[r & 0xf];
    } else if (r == 0x2028 || r == 0x2029) {
      out += r == 0x2028 ? "\\u2028" : "\\u2029";
    } else {
      out.append(s.substr(start, p - start));
    }
  }
  out += '"';
}

class Writer {
 public:
  explicit Writer(const JsonStyle& style) : m_style(style) {}

  core::Status write(const Value& v, int depth) {
    switch (v.kind()) {
      case Kind::nil: m_out += "null"; return {};
      case Kind::boolean: m_out += v.as_bool() ? "true" : "false"; return {};
      case Kind::integer:
      case Kind::int64: m_out += std::to_string(v.as_int()); return {};
      case Kind::float64:
        if (!std::isfinite(v.as_float())) {
          return go_error("json: unsupported value: " + format_float_g(v.as_float()));
        }
        m_out += go_json_float(v.as_float());
        return {};
      case Kind::string: append_json_string(m_out, v.as_string(), m_style.escape_html); return {};
      case Kind::bytes: {
        std::string b64;
        static const char* k_b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        const std::string& d = v.as_bytes();
        for (std::size_t i = 0; i < d.size(); i += 3) {
          std::uint32_t n = static_cast<unsigned char>(d[i]) << 16;
          if (i + 1 < d.size()) n |= static_cast<unsigned char>(d[i + 1]) << 8;
          if (i + 2 < d.size()) n |= static_cast<unsigned char>(d[i + 2]);
          b64 += k_b64[(n >> 18) & 63];
          b64 += k_b64[(n >> 12) & 63];
          b64 += i + 1 < d.size() ? k_b64[(n >> 6) & 63] : '=';
          b64 += i + 2 < d.size() ? k_b64[n & 63] : '=';
        }
        append_json_string(m_out, b64, m_style.escape_html);
        return {};
      }
      case Kind::time:
        append_json_string(m_out, format_time(v.as_time(), "2006-01-02T15:04:05.999999999Z07:00"), m_style.escape_html);
        return {};
      case Kind::object: append_json_string(m_out, v.as_object().format(), m_style.escape_html); return {};
      case Kind::list: return write_list(v.as_list(), depth);
      case Kind::map: return write_map(v.as_map(), depth);
    }
    return {};
  }

  std::string take() { return std::move(m_out); }

 private:
  void newline(int depth) {
    if (m_style.indent.empty()) return;
    m_out += '\n';
    for (int i = 0; i < depth; ++i) m_out += m_style.indent;
  }

  core::Status write_list(const gotemplate::List& items, int depth) {
    m_out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) m_out += ',';
      newline(depth + 1);
      if (auto s = write(items[i], depth + 1); !s.ok()) return s;
    }
    if (!items.empty()) newline(depth);
    m_out += ']';
    return {};
  }

  core::Status write_map(const gotemplate::Map& entries, int depth) {
    m_out += '{';
    bool first = true;
    for (const auto& [key, item] : entries) {
      if (!first) m_out += ',';
      first = false;
      newline(depth + 1);
      append_json_string(m_out, key, m_style.escape_html);
      m_out += m_style.indent.empty() ? ":" : ": ";
      if (auto s = write(item, depth + 1); !s.ok()) return s;
    }
    if (!entries.empty()) newline(depth);
    m_out += '}';
    return {};
  }

  const JsonStyle& m_style;
  std::string m_out;
};

}  // namespace

std::string go_json_float(double f) {
  double a = std::fabs(f);
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    std::string s = format_float_e(f, -1);
    // Go trims "e-07" to "e-7".
    auto e = s.find('e');
    if (e != std::string::npos && e + 3 < s.size() + 1 && s[e + 2] == '0' && s.size() - e == 4) {
      s.erase(e + 2, 1);
    }
    return s;
  }
  return format_float_f(f, -1);
}

core::Result<std::string> go_json_marshal(const Value& v, const JsonStyle& style) {
  Writer w(style);
  if (auto s = w.write(v, 0); !s.ok()) return s.error();
  return w.take();
}

}  // namespace gitops::render::helm
