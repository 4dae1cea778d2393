// UTF-8 helpers, Go quoting rules and Go float formatting built on std::to_chars (which gives
// the same shortest and correctly rounded digits as Go's strconv).
#include "render/gotemplate/strconv.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace gitops::render::gotemplate {

std::size_t utf8_width(std::string_view s, std::size_t pos) {
  auto c = static_cast<unsigned char>(s[pos]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (pos + n > s.size()) return 1;
  for (std::size_t i = 1; i < n; ++i) {
    if ((static_cast<unsigned char>(s[pos + i]) & 0xC0) != 0x80) return 1;
  }
  return n;
}

int decode_rune(std::string_view s) {
  if (s.empty()) return k_rune_error;
  auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return c;
  std::size_t n = utf8_width(s, 0);
  if (n == 1) return k_rune_error;
  int r = c & (0x7F >> n);
  for (std::size_t i = 1; i < n; ++i) r = (r << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  static constexpr int k_min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (r < k_min[n] || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return k_rune_error;
  return r;
}

std::size_t utf8_count(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += utf8_width(s, i)) ++n;
  return n;
}

std::string_view utf8_prefix(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (; i < s.size() && n > 0; --n) i += utf8_width(s, i);
  return s.substr(0, i);
}

void append_rune(std::string& out, int r) {
  if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = k_rune_error;
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

bool is_print(int r) {
  if (r < 0x20 || (r >= 0x7F && r < 0xA0) || r == 0xAD) return false;
  if (r >= 0x2000 && r <= 0x200F) return r < 0x200B;  // spaces print, zero-width marks do not
  if (r == 0x2028 || r == 0x2029 || (r >= 0x202A && r <= 0x202E) || (r >= 0x2060 && r <= 0x206F)) {
    return false;
  }
  if (r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB) || (r >= 0xD800 && r <= 0xDFFF)) return false;
  if ((r & 0xFFFE) == 0xFFFE || (r >= 0xE000 && r <= 0xF8FF)) return false;
  return r <= 0x10FFFF;
}

namespace {

void append_hex(std::string& out, unsigned value, int digits, const char* prefix) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%0*x", prefix, digits, value);
  out += buf;
}

void append_escaped_rune(std::string& out, int r, int quote_char, bool ascii_only) {
  if (r == quote_char || r == '\\') {
    out.push_back('\\');
    out.push_back(static_cast<char>(r));
    return;
  }
  if (ascii_only ? (r < 0x80 && is_print(r)) : is_print(r)) {
    append_rune(out, r);
    return;
  }
  switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
  }
  if (r < ' ' || r == 0x7F) {
    append_hex(out, static_cast<unsigned>(r), 2, "\\x");
  } else if (r > 0xFFFF) {
    append_hex(out, static_cast<unsigned>(r), 8, "\\U");
  } else {
    append_hex(out, static_cast<unsigned>(r), 4, "\\u");
  }
}

std::string quote_with(std::string_view s, bool ascii_only) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    std::size_t w = utf8_width(s, i);
    int r = decode_rune(s.substr(i, w));
    if (r == k_rune_error && w == 1) {
      append_hex(out, static_cast<unsigned char>(s[i]), 2, "\\x");
    } else {
      append_escaped_rune(out, r, '"', ascii_only);
    }
    i += w;
  }
  out.push_back('"');
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one escape after a backslash at s[i]; appends it and advances i. False when invalid.
bool unescape(std::string_view s, std::size_t& i, char quote_char, std::string& out) {
  if (i >= s.size()) return false;
  char c = s[i++];
  switch (c) {
    case 'a': out.push_back('\a'); return true;
    case 'b': out.push_back('\b'); return true;
    case 'f': out.push_back('\f'); return true;
    case 'n': out.push_back('\n'); return true;
    case 'r': out.push_back('\r'); return true;
    case 't': out.push_back('\t'); return true;
    case 'v': out.push_back('\v'); return true;
    case '\\': out.push_back('\\'); return true;
    case '\'':
    case '"':
      if (c != quote_char) return false;
      out.push_back(c);
      return true;
    case 'x': case 'u': case 'U': {
      std::size_t n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      if (i + n > s.size()) return false;
      int v = 0;
      for (std::size_t k = 0; k < n; ++k) {
        int h = hex_value(s[i + k]);
        if (h < 0) return false;
        v = v * 16 + h;
      }
      i += n;
      if (c == 'x') {
        out.push_back(static_cast<char>(v));
        return true;
      }
      if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
      append_rune(out, v);
      return true;
    }
    default: {
      if (c < '0' || c > '7' || i + 2 > s.size()) return false;
      int v = c - '0';
      for (int k = 0; k < 2; ++k) {
        char d = s[i++];
        if (d < '0' || d > '7') return false;
        v = v * 8 + (d - '0');
      }
      if (v > 255) return false;
      out.push_back(static_cast<char>(v));
      return true;
    }
  }
}

}  // namespace

std::string quote(std::string_view s) { return quote_with(s, false); }
std::string quote_ascii(std::string_view s) { return quote_with(s, true); }

std::string quote_rune(int r) {
  std::string out = "'";
  if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = k_rune_error;
  append_escaped_rune(out, r, '\'', false);
  out.push_back('\'');
  return out;
}

std::string format_unicode(int r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(r));
  std::string out = buf;
  if (is_print(r)) {
    out += " '";
    append_rune(out, r);
    out += "'";
  }
  return out;
}

std::optional<std::string> unquote(std::string_view lit) {
  if (lit.size() < 2 || lit.front() != lit.back()) return std::nullopt;
  char q = lit.front();
  std::string_view body = lit.substr(1, lit.size() - 2);
  std::string out;
  if (q == '`') {
    if (body.find('`') != std::string_view::npos) return std::nullopt;
    for (char c : body) {
      if (c != '\r') out.push_back(c);
    }
    return out;
  }
  if (q != '"' && q != '\'') return std::nullopt;
  for (std::size_t i = 0; i < body.size();) {
    char c = body[i];
    if (c == q || c == '\n') return std::nullopt;
    if (c == '\\') {
      ++i;
      if (!unescape(body, i, q, out)) return std::nullopt;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  if (q == '\'' && (out.empty() || utf8_count(out) != 1)) return std::nullopt;
  return out;
}

namespace {

// Shortest decimal digits of |f| (no trailing zeros) and the decimal point position.
struct Digits {
  std::string d;
  int dp = 0;
};

Digits shortest_digits(double f, int significant) {
  char buf[64];
  auto res = significant < 0
                 ? std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific)
                 : std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific,
                                 significant - 1);
  std::string_view s(buf, static_cast<std::size_t>(res.ptr - buf));
  std::size_t e = s.find('e');
  Digits out;
  for (char c : s.substr(0, e)) {
    if (c != '.') out.d.push_back(c);
  }
  int exp = 0;
  std::from_chars(s.data() + e + 1 + (s[e + 1] == '+'), s.data() + s.size(), exp);
  while (out.d.size() > 1 && out.d.back() == '0') out.d.pop_back();
  out.dp = exp + 1;
  if (out.d == "0") out.dp = 1;
  return out;
}

std::string exp_form(const Digits& g, char e, int prec) {
  std::string out(1, g.d[0]);
  std::string rest = g.d.substr(1);
  if (prec >= 0) rest.resize(static_cast<std::size_t>(prec), '0');
  if (!rest.empty()) out += "." + rest;
  int exp = g.d == "0" ? 0 : g.dp - 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%c%02d", e, exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  return out + buf;
}

std::string fixed_form(const Digits& g, int prec) {
  std::string out;
  int nd = static_cast<int>(g.d.size());
  if (g.dp <= 0) {
    out = "0";
  } else {
    out = g.d.substr(0, static_cast<std::size_t>(std::min(g.dp, nd)));
    if (g.dp > nd) out.append(static_cast<std::size_t>(g.dp - nd), '0');
  }
  int frac = prec >= 0 ? prec : std::max(nd - g.dp, 0);
  if (frac > 0) {
    out.push_back('.');
    for (int i = 0; i < frac; ++i) {
      int k = g.dp + i;
      out.push_back(k >= 0 && k < nd ? g.d[static_cast<std::size_t>(k)] : '0');
    }
  }
  return out;
}

std::string format_g(double f, char fmt, int prec) {
  int eprec = prec;
  if (prec == 0) prec = 1;
  Digits g = shortest_digits(f, prec < 0 ? -1 : prec);
  int nd = static_cast<int>(g.d.size());
  if (prec < 0) eprec = 6;
  if (eprec > nd && nd >= g.dp) eprec = nd;
  int exp = g.dp - 1;
  if (g.d == "0") exp = 0;
  if (exp < -4 || exp >= eprec) return exp_form(g, fmt == 'G' ? 'E' : 'e', -1);
  return fixed_form(g, -1);
}

}  // namespace

std::string format_float(double f, char fmt, int prec) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  std::string sign = std::signbit(f) ? "-" : "";
  if (fmt == 'g' || fmt == 'G') return sign + format_g(f, fmt, prec);
  char buf[512];
  if (prec < 0) {
    Digits g = shortest_digits(f, -1);
    if (fmt == 'f') return sign + fixed_form(g, -1);
    return sign + exp_form(g, fmt, -1);
  }
  auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(f),
                           fmt == 'f' ? std::chars_format::fixed : std::chars_format::scientific,
                           prec);
  std::string out(buf, static_cast<std::size_t>(res.ptr - buf));
  if (fmt == 'E') {
    for (char& c : out) {
      if (c == 'e') c = 'E';
    }
  }
  return sign + out;
}

}  // namespace gitops::render::gotemplate
