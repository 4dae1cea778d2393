// fmt's printer: doPrintf's format walk, printArg's per-type verbs, and format.go's padding,
// integer and float layout. Values print as fmt prints their Go counterparts.
#include "render/gotemplate/printf.h"

#include <cstdio>

#include "render/gotemplate/strconv.h"

namespace gitops::render::gotemplate {
namespace {

struct Flags {
  bool minus = false, plus = false, sharp = false, space = false, zero = false;
  bool plus_v = false, sharp_v = false;
  bool wid_present = false, prec_present = false;
  int wid = 0, prec = 0;
};

class Printer {
 public:
  std::string buf;
  Flags f;

  void write_padding(int n) {
    if (n > 0) buf.append(static_cast<std::size_t>(n), f.zero ? '0' : ' ');
  }
  void pad(std::string_view s) {
    if (!f.wid_present || f.wid == 0) {
      buf += s;
      return;
    }
    int width = f.wid - static_cast<int>(utf8_count(s));
    if (!f.minus) {
      write_padding(width);
      buf += s;
    } else {
      buf += s;
      write_padding(width);
    }
  }

  void fmt_integer(std::uint64_t u, bool is_signed, int base, char verb) {
    bool negative = is_signed && static_cast<std::int64_t>(u) < 0;
    if (negative) u = 0 - u;
    int prec = 0;
    if (f.prec_present) {
      prec = f.prec;
      if (prec == 0 && u == 0) {
        bool old = std::exchange(f.zero, false);
        write_padding(f.wid);
        f.zero = old;
        return;
      }
    } else if (f.zero && f.wid_present) {
      prec = f.wid;
      if (negative || f.plus || f.space) --prec;
    }
    const char* digits = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string s;
    do {
      s.insert(s.begin(), digits[u % static_cast<unsigned>(base)]);
      u /= static_cast<unsigned>(base);
    } while (u != 0);
    while (static_cast<int>(s.size()) < prec) s.insert(s.begin(), '0');
    if (f.sharp) {
      if (base == 2) s.insert(0, "0b");
      if (base == 8 && s[0] != '0') s.insert(0, "0");
      if (base == 16) s.insert(0, verb == 'X' ? "0X" : "0x");
    }
    if (verb == 'O') s.insert(0, "0o");
    if (negative) {
      s.insert(0, "-");
    } else if (f.plus) {
      s.insert(0, "+");
    } else if (f.space) {
      s.insert(0, " ");
    }
    bool old = std::exchange(f.zero, false);
    pad(s);
    f.zero = old;
  }

  void fmt_float(double v, char verb, int prec) {
    if (f.prec_present) prec = f.prec;
    std::string num = format_float(v, verb == 'F' ? 'f' : verb, prec);
    if (num[0] != '-' && num[0] != '+') num.insert(0, "+");
    if (f.space && num[0] == '+' && !f.plus) num[0] = ' ';
    if (num[1] == 'I' || num[1] == 'N') {
      bool old = std::exchange(f.zero, false);
      if (num[1] == 'N' && !f.space && !f.plus) num.erase(0, 1);
      pad(num);
      f.zero = old;
      return;
    }
    if (f.plus || num[0] != '+') {
      if (f.zero && f.wid_present && f.wid > static_cast<int>(num.size())) {
        buf.push_back(num[0]);
        write_padding(f.wid - static_cast<int>(num.size()));
        buf += std::string_view(num).substr(1);
        return;
      }
      pad(num);
      return;
    }
    pad(std::string_view(num).substr(1));
  }

  std::string_view truncate(std::string_view s) const {
    return f.prec_present ? utf8_prefix(s, static_cast<std::size_t>(f.prec)) : s;
  }

  void fmt_hex(std::string_view s, char verb) {
    std::string out;
    const char* digits = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (f.space && i > 0) out.push_back(' ');
      if (f.sharp && (f.space || i == 0)) out += verb == 'X' ? "0X" : "0x";
      auto c = static_cast<unsigned char>(s[i]);
      out.push_back(digits[c >> 4]);
      out.push_back(digits[c & 0xF]);
    }
    pad(out);
  }

  void fmt_string(std::string_view s, char verb, const Value& arg) {
    switch (verb) {
      case 'v':
        if (f.sharp_v) {
          pad(quote(s));
        } else {
          pad(truncate(s));
        }
        return;
      case 's': pad(truncate(s)); return;
      case 'x': case 'X': fmt_hex(truncate(s), verb); return;
      case 'q': {
        std::string_view t = truncate(s);
        if (f.sharp && t.find_first_of("`\n\r\t") == std::string_view::npos) {
          pad("`" + std::string(t) + "`");
        } else {
          pad(f.plus ? quote_ascii(t) : quote(t));
        }
        return;
      }
      default: bad_verb(verb, arg);
    }
  }

  void fmt_int_value(const Value& v, char verb) {
    auto u = static_cast<std::uint64_t>(v.as_int());
    switch (verb) {
      case 'v': case 'd': fmt_integer(u, true, 10, verb); return;
      case 'b': fmt_integer(u, true, 2, verb); return;
      case 'o': case 'O': fmt_integer(u, true, 8, verb); return;
      case 'x': case 'X': fmt_integer(u, true, 16, verb); return;
      case 'c': {
        std::string s;
        append_rune(s, static_cast<int>(v.as_int()));
        pad(s);
        return;
      }
      case 'q': pad(quote_rune(static_cast<int>(v.as_int()))); return;
      case 'U': {
        char b[32];
        std::snprintf(b, sizeof b, "U+%04llX", static_cast<unsigned long long>(u));
        pad(b);
        return;
      }
      default: bad_verb(verb, v);
    }
  }

  void fmt_float_value(const Value& v, char verb) {
    switch (verb) {
      case 'v': fmt_float(v.as_float(), 'g', -1); return;
      case 'b': case 'g': case 'G': case 'x': case 'X':
        if (verb == 'x' || verb == 'X' || verb == 'b') break;
        fmt_float(v.as_float(), verb, -1);
        return;
      case 'f': case 'e': case 'E': case 'F': fmt_float(v.as_float(), verb, 6); return;
      default: break;
    }
    bad_verb(verb, v);
  }

  void bad_verb(char verb, const Value& v) {
    buf += "%!";
    buf.push_back(verb);
    buf.push_back('(');
    if (v.is_nil()) {
      buf += "<nil>";
    } else {
      buf += v.type_name();
      buf.push_back('=');
      print_value(v, 'v', 0);
    }
    buf.push_back(')');
  }

  void print_list(const Value& v, char verb, int depth) {
    if (f.sharp_v) {
      buf += v.type_name();
      buf += v.as_list().empty() ? "{}" : "{";
    } else {
      buf.push_back('[');
    }
    const List& items = v.as_list();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) buf += f.sharp_v ? ", " : " ";
      print_element(items[i], verb, depth + 1, v.list_type() == ListType::any);
    }
    if (f.sharp_v) {
      if (!items.empty()) buf.push_back('}');
    } else {
      buf.push_back(']');
    }
  }

  void print_map(const Value& v, char verb, int depth) {
    buf += f.sharp_v ? v.type_name() + "{" : "map[";
    bool first = true;
    for (const auto& [key, elem] : v.as_map()) {
      if (!first) buf += f.sharp_v ? ", " : " ";
      first = false;
      print_value(Value::string(key), verb, depth + 1);
      buf.push_back(':');
      print_element(elem, verb, depth + 1, v.map_type() != MapType::strings);
    }
    buf.push_back(f.sharp_v ? '}' : ']');
  }

  // An element of a container: a nil interface{} element prints <nil> whatever the verb.
  void print_element(const Value& v, char verb, int depth, bool boxed) {
    if (v.is_nil() && boxed) {
      pad(f.sharp_v ? "interface {}(nil)" : "<nil>");
      return;
    }
    print_value(v, verb, depth);
  }

  void print_bytes(const Value& v, char verb, int depth) {
    const std::string& b = v.as_bytes();
    if (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') {
      fmt_string(b, verb, v);
      return;
    }
    buf.push_back('[');
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (i > 0) buf.push_back(' ');
      print_value(Value::integer(static_cast<unsigned char>(b[i])), verb, depth + 1);
    }
    buf.push_back(']');
  }

  void print_value(const Value& v, char verb, int depth) {
    if (verb == 'T') {
      pad(v.type_name());
      return;
    }
    switch (v.kind()) {
      case Kind::nil:
        if (verb == 'v') {
          pad("<nil>");
        } else {
          bad_verb(verb, v);
        }
        return;
      case Kind::boolean:
        if (verb == 'v' || verb == 't') {
          pad(v.as_bool() ? "true" : "false");
        } else {
          bad_verb(verb, v);
        }
        return;
      case Kind::integer: case Kind::int64: fmt_int_value(v, verb); return;
      case Kind::float64: fmt_float_value(v, verb); return;
      case Kind::string: fmt_string(v.as_string(), verb, v); return;
      case Kind::list: print_list(v, verb, depth); return;
      case Kind::bytes: print_bytes(v, verb, depth); return;
      case Kind::map: print_map(v, verb, depth); return;
      case Kind::time: print_stringer(format_time(v.as_time()), verb, v); return;
      case Kind::object: print_stringer(v.as_object().format(), verb, v); return;
    }
  }

  void print_stringer(const std::string& s, char verb, const Value& v) {
    if (verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') {
      bool old = std::exchange(f.sharp_v, false);
      fmt_string(s, verb == 'v' ? 's' : verb, v);
      f.sharp_v = old;
      return;
    }
    bad_verb(verb, v);
  }
};

bool parse_num(std::string_view s, std::size_t& i, int& out) {
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  out = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (out < 1000000) out = out * 10 + (s[i] - '0');
    ++i;
  }
  return true;
}

// Width or precision from a '*' argument; false when the argument is not an int.
bool int_from_arg(std::span<const Value> args, std::size_t& arg_num, int& out) {
  if (arg_num >= args.size()) return false;
  const Value& a = args[arg_num++];
  if (!a.is_integer() || a.as_int() > 1000000 || a.as_int() < -1000000) return false;
  out = static_cast<int>(a.as_int());
  return true;
}

void parse_flags(std::string_view format, std::size_t& i, Flags& f) {
  for (; i < format.size(); ++i) {
    switch (format[i]) {
      case '#': f.sharp = true; break;
      case '0': f.zero = !f.minus; break;
      case '+': f.plus = true; break;
      case '-': f.minus = true; f.zero = false; break;
      case ' ': f.space = true; break;
      default: return;
    }
  }
}

}  // namespace

std::string sprintf(std::string_view format, std::span<const Value> args) {
  Printer p;
  std::size_t arg_num = 0;
  std::size_t i = 0;
  while (i < format.size()) {
    std::size_t start = i;
    while (i < format.size() && format[i] != '%') ++i;
    p.buf += format.substr(start, i - start);
    if (i >= format.size()) break;
    ++i;
    p.f = Flags{};
    parse_flags(format, i, p.f);
    if (i < format.size() && format[i] == '*') {
      ++i;
      p.f.wid_present = int_from_arg(args, arg_num, p.f.wid);
      if (!p.f.wid_present) p.buf += "%!(BADWIDTH)";
      if (p.f.wid < 0) {
        p.f.wid = -p.f.wid;
        p.f.minus = true;
        p.f.zero = false;
      }
    } else {
      p.f.wid_present = parse_num(format, i, p.f.wid);
    }
    if (i + 1 <= format.size() && i < format.size() && format[i] == '.') {
      ++i;
      if (i < format.size() && format[i] == '*') {
        ++i;
        p.f.prec_present = int_from_arg(args, arg_num, p.f.prec);
        if (p.f.prec < 0) p.f.prec_present = false, p.f.prec = 0;
        if (!p.f.prec_present) p.buf += "%!(BADPREC)";
      } else {
        p.f.prec_present = true;
        if (!parse_num(format, i, p.f.prec)) p.f.prec = 0;
      }
    }
    if (i >= format.size()) {
      p.buf += "%!(NOVERB)";
      break;
    }
    std::size_t w = utf8_width(format, i);
    int verb = decode_rune(format.substr(i, w));
    i += w;
    if (verb == '%') {
      p.buf.push_back('%');
      continue;
    }
    if (arg_num >= args.size()) {
      p.buf += "%!";
      append_rune(p.buf, verb);
      p.buf += "(MISSING)";
      continue;
    }
    if (verb == 'v') {
      p.f.sharp_v = std::exchange(p.f.sharp, false);
      p.f.plus_v = std::exchange(p.f.plus, false);
    }
    char v = verb < 0x80 ? static_cast<char>(verb) : '?';
    p.print_value(args[arg_num++], v, 0);
  }
  if (arg_num < args.size()) {
    p.f = Flags{};
    p.buf += "%!(EXTRA ";
    for (std::size_t k = arg_num; k < args.size(); ++k) {
      if (k > arg_num) p.buf += ", ";
      if (args[k].is_nil()) {
        p.buf += "<nil>";
      } else {
        p.buf += args[k].type_name() + "=";
        p.print_value(args[k], 'v', 0);
      }
    }
    p.buf.push_back(')');
  }
  return std::move(p.buf);
}

std::string sprint(std::span<const Value> args) {
  Printer p;
  bool prev_string = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    bool is_string = args[i].is_string();
    if (i > 0 && !is_string && !prev_string) p.buf.push_back(' ');
    p.print_value(args[i], 'v', 0);
    prev_string = is_string;
  }
  return std::move(p.buf);
}

std::string sprintln(std::span<const Value> args) {
  Printer p;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) p.buf.push_back(' ');
    p.print_value(args[i], 'v', 0);
  }
  p.buf.push_back('\n');
  return std::move(p.buf);
}

void append_value(std::string& out, const Value& v) {
  switch (v.kind()) {
    case Kind::string: out += v.as_string(); return;
    case Kind::integer: case Kind::int64: out += std::to_string(v.as_int()); return;
    default: {
      Printer p;
      p.buf = std::move(out);
      p.print_value(v, 'v', 0);
      out = std::move(p.buf);
    }
  }
}

std::string format_value(const Value& v) {
  std::string out;
  append_value(out, v);
  return out;
}

std::string format_time(const Time& t) {
  std::int64_t secs = t.unix_seconds + t.offset;
  std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  std::int64_t rem = secs - days * 86400;
  // Howard Hinnant's civil_from_days.
  std::int64_t z = days + 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  std::int64_t y = yoe + era * 400 + (m <= 2);
  char b[96];
  std::snprintf(b, sizeof b, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                static_cast<long long>(rem % 60));
  std::string out = b;
  if (t.nanos != 0) {
    std::snprintf(b, sizeof b, ".%09d", t.nanos);
    std::string frac = b;
    while (frac.back() == '0') frac.pop_back();
    out += frac;
  }
  int off = t.offset / 60;
  std::snprintf(b, sizeof b, " %c%02d%02d ", off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
  return out + b + t.zone;
}

}  // namespace gitops::render::gotemplate
