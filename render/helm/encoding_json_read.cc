// json.Unmarshal into interface{}: a strict RFC 8259 reader whose errors read as Go's scanner's.
#include <cmath>
#include <cstdlib>

#include "render/helm/encoding_json.h"
#include "render/helm/go_format.h"
#include "render/helm/sprig_convert.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Value;

constexpr int k_max_depth = 10000;

class Reader {
 public:
  explicit Reader(std::string_view text) : m_text(text) {}

  core::Result<Value> document() {
    skip_space();
    auto v = value("beginning of value", 0);
    if (!v.ok()) return v;
    skip_space();
    if (m_pos < m_text.size()) return invalid("after top-level value");
    return v;
  }

 private:
  static std::string quote_char(char c) {
    if (c == '\'') return "'\\''";
    if (c == '"') return "'\"'";
    std::string q = go_quote(std::string(1, c));
    return "'" + q.substr(1, q.size() - 2) + "'";
  }

  core::Error invalid(const std::string& context) {
    if (m_pos >= m_text.size()) return go_error("unexpected end of JSON input");
    return go_error("invalid character " + quote_char(m_text[m_pos]) + " " + context);
  }

  void skip_space() {
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                     m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
      ++m_pos;
    }
  }

  bool literal(std::string_view word) {
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (m_pos >= m_text.size() || m_text[m_pos] != word[i]) return false;
      ++m_pos;
    }
    return true;
  }

  core::Result<Value> value(const std::string& context, int depth) {
    if (depth > k_max_depth) return go_error("exceeded max depth");
    if (m_pos >= m_text.size()) return go_error("unexpected end of JSON input");
    char c = m_text[m_pos];
    switch (c) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': {
        auto s = string();
        if (!s.ok()) return s.error();
        return Value::string(std::move(*s));
      }
      case 't': return word("true", Value::boolean(true));
      case 'f': return word("false", Value::boolean(false));
      case 'n': return word("null", Value());
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        return invalid("looking for " + context);
    }
  }

  core::Result<Value> word(std::string_view w, Value v) {
    std::size_t start = m_pos;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (m_pos >= m_text.size()) return go_error("unexpected end of JSON input");
      if (m_text[m_pos] != w[i]) {
        (void)start;
        return invalid("in literal " + std::string(w) + " (expecting " + quote_char(w[i]) + ")");
      }
      ++m_pos;
    }
    return v;
  }

  core::Result<Value> number() {
    std::size_t start = m_pos;
    auto digits = [&] {
      std::size_t n = 0;
      while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') ++m_pos, ++n;
      return n;
    };
    if (m_text[m_pos] == '-') ++m_pos;
    if (m_pos >= m_text.size()) return go_error("unexpected end of JSON input");
    if (m_text[m_pos] == '0') {
      ++m_pos;
    } else if (digits() == 0) {
      return invalid("in numeric literal");
    }
    if (m_pos < m_text.size() && m_text[m_pos] == '.') {
      ++m_pos;
      if (m_pos >= m_text.size()) return go_error("unexpected end of JSON input");
      if (digits() == 0) return invalid("after decimal point in numeric literal");
    }
    if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
      ++m_pos;
      if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) ++m_pos;
      if (m_pos >= m_text.size()) return go_error("unexpected end of JSON input");
      if (digits() == 0) return invalid("in exponent of numeric literal");
    }
    std::string text(m_text.substr(start, m_pos - start));
    double d = std::strtod(text.c_str(), nullptr);
    if (std::isinf(d)) {
      return go_error("json: cannot unmarshal number " + text + " into Go value of type float64");
    }
    return Value::float64(d);
  }

  core::Result<std::string> string() {
    ++m_pos;
    std::string out;
    while (true) {
      if (m_pos >= m_text.size()) return go_error("unexpected end of JSON input");
      char c = m_text[m_pos];
      if (c == '"') {
        ++m_pos;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) return invalid("in string literal");
      if (c != '\\') {
        std::size_t start = m_pos;
        char32_t r = decode_rune(m_text, m_pos);
        if (r == 0xFFFD && m_pos - start == 1) {
          out += "\xef\xbf\xbd";
        } else {
          out.append(m_text.substr(start, m_pos - start));
        }
        continue;
      }
      ++m_pos;
      if (m_pos >= m_text.size()) return go_error("unexpected end of JSON input");
      char e = m_text[m_pos++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          auto r = hex4();
          if (!r.ok()) return r.error();
          char32_t cp = *r;
          if (cp >= 0xd800 && cp < 0xdc00 && m_text.substr(m_pos, 2) == "\\u") {
            std::size_t save = m_pos;
            m_pos += 2;
            auto lo = hex4();
            if (lo.ok() && *lo >= 0xdc00 && *lo < 0xe000) {
              cp = 0x10000 + ((cp - 0xd800) << 10) + (*lo - 0xdc00);
            } else {
              m_pos = save;
              cp = 0xFFFD;
            }
          } else if (cp >= 0xd800 && cp < 0xe000) {
            cp = 0xFFFD;
          }
          append_rune(out, cp);
          break;
        }
        default:
          --m_pos;
          return invalid("in string escape code");
      }
    }
  }

  core::Result<char32_t> hex4() {
    char32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      if (m_pos >= m_text.size()) return go_error("unexpected end of JSON input");
      char c = m_text[m_pos];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return invalid("in \\u hexadecimal character escape");
      v = v * 16 + static_cast<char32_t>(d);
      ++m_pos;
    }
    return v;
  }

  core::Result<Value> array(int depth) {
    ++m_pos;
    gotemplate::List items;
    skip_space();
    if (m_pos < m_text.size() && m_text[m_pos] == ']') {
      ++m_pos;
      return Value::list(std::move(items));
    }
    while (true) {
      skip_space();
      auto v = value("beginning of value", depth + 1);
      if (!v.ok()) return v;
      items.push_back(std::move(*v));
      skip_space();
      if (m_pos < m_text.size() && m_text[m_pos] == ',') {
        ++m_pos;
        continue;
      }
      if (m_pos < m_text.size() && m_text[m_pos] == ']') {
        ++m_pos;
        return Value::list(std::move(items));
      }
      return invalid("after array element");
    }
  }

  core::Result<Value> object(int depth) {
    ++m_pos;
    gotemplate::Map entries;
    skip_space();
    if (m_pos < m_text.size() && m_text[m_pos] == '}') {
      ++m_pos;
      return Value::map(std::move(entries));
    }
    while (true) {
      skip_space();
      if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
        return invalid("looking for beginning of object key string");
      }
      auto key = string();
      if (!key.ok()) return key.error();
      skip_space();
      if (m_pos >= m_text.size() || m_text[m_pos] != ':') return invalid("after object key");
      ++m_pos;
      skip_space();
      auto v = value("beginning of value", depth + 1);
      if (!v.ok()) return v;
      entries[*key] = std::move(*v);
      skip_space();
      if (m_pos < m_text.size() && m_text[m_pos] == ',') {
        ++m_pos;
        continue;
      }
      if (m_pos < m_text.size() && m_text[m_pos] == '}') {
        ++m_pos;
        return Value::map(std::move(entries));
      }
      return invalid("after object key:value pair");
    }
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
};

}  // namespace

core::Result<Value> go_json_unmarshal(std::string_view text) { return Reader(text).document(); }

}  // namespace gitops::render::helm
