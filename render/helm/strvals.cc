// A port of the behaviour of Helm 3.5.4's strvals parser (see strvals.h), over gotemplate values;
// Go's recovered type-assertion panics become the same error texts.
#include "render/helm/strvals.h"

#include <charconv>
#include <optional>
#include <string>

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::List;
using gotemplate::Map;
using gotemplate::Value;

enum class Stop { none, eof };

// A failure: either end of input (Go's io.EOF, not an error for the caller) or a message.
struct Failure {
  bool eof = false;
  std::string message;
};

struct Panic {
  std::string message;
};

using Outcome = std::optional<Failure>;  // nullopt: success

std::string go_type(const Value& v) {
  switch (v.kind()) {
    case Kind::nil: return "nil";
    case Kind::map: return "map[string]interface {}";
    case Kind::list: return "[]interface {}";
    default: return v.type_name();
  }
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

class Parser {
 public:
  Parser(std::string_view text, SetTyping typing) : m_text(text), m_typing(typing) {}

  Outcome key(const Value& data, int depth) {
    try {
      return key_body(data, depth);
    } catch (const Panic& p) {
      return Failure{false, "unable to parse key: " + p.message};
    }
  }

 private:
  struct Runes {
    std::string text;
    char last = 0;
    bool eof = false;
  };

  Runes until(std::string_view stops) {
    Runes r;
    while (m_pos < m_text.size()) {
      char c = m_text[m_pos++];
      if (stops.find(c) != std::string_view::npos) {
        r.last = c;
        return r;
      }
      if (c == '\\') {
        if (m_pos >= m_text.size()) {
          r.eof = true;
          return r;
        }
        std::size_t n = rune_length(m_text[m_pos]);
        r.text.append(m_text.substr(m_pos, n));
        m_pos += n;
        continue;
      }
      r.text += c;
    }
    r.eof = true;
    return r;
  }

  static std::size_t rune_length(char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x80 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
  }

  Value typed(const std::string& s) const {
    if (m_typing == SetTyping::strings) return Value::string(s);
    auto lower = s;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "true") return Value::boolean(true);
    if (lower == "false") return Value::boolean(false);
    if (lower == "null") return Value();
    if (s == "0") return Value::int64(0);
    if (!s.empty() && s[0] != '0') {
      std::int64_t i = 0;
      const char* begin = s.data();
      if (*begin == '+') ++begin;
      auto res = std::from_chars(begin, s.data() + s.size(), i);
      if (res.ec == std::errc() && res.ptr == s.data() + s.size() && begin != res.ptr) {
        return Value::int64(i);
      }
    }
    return Value::string(s);
  }

  static void set(const Value& data, const std::string& key, Value v) {
    if (key.empty()) return;
    data.map_mut()[key] = std::move(v);
  }

  Outcome key_body(const Value& data, int depth) {
    if (depth > k_max_set_depth) return Failure{false, "value is nested too deeply"};
    Runes k = until("=[,.");
    if (k.eof) {
      if (k.text.empty()) return Failure{true, ""};
      return Failure{false, "key " + quote(k.text) + " has no value"};
    }
    if (k.last == '[') return key_index(data, k.text, depth);
    if (k.last == '=') return key_value(data, k.text);
    if (k.last == ',') {
      set(data, k.text, Value::string(""));
      return Failure{false, "key " + quote(k.text) + " has no value (cannot end with ,)"};
    }
    Value inner = Value::map({});
    auto& map = data.map_mut();
    if (auto it = map.find(k.text); it != map.end()) {
      if (it->second.kind() != Kind::map) {
        throw Panic{"interface conversion: interface {} is " + go_type(it->second) +
                    ", not map[string]interface {}"};
      }
      inner = it->second;
    }
    Outcome e = key(inner, depth + 1);
    if (inner.as_map().empty()) return Failure{false, "key map " + quote(k.text) + " has no value"};
    set(data, k.text, inner);
    return e;
  }

  Outcome key_index(const Value& data, const std::string& k, int depth) {
    auto i = index();
    if (!i.first) return Failure{false, "error parsing index: " + i.second};
    List list;
    if (auto it = data.as_map().find(k); it != data.as_map().end()) {
      if (it->second.kind() != Kind::list) {
        throw Panic{"interface conversion: interface {} is " + go_type(it->second) +
                    ", not []interface {}"};
      }
      list = it->second.as_list();
    }
    Outcome e = list_item(list, *i.first, depth + 1);
    set(data, k, Value::list(std::move(list)));
    return e;
  }

  Outcome key_value(const Value& data, const std::string& k) {
    auto vl = value_list();
    if (vl.status == ListStatus::ok) {
      set(data, k, Value::list(std::move(vl.items)));
      return std::nullopt;
    }
    if (vl.status == ListStatus::eof) {
      set(data, k, Value::string(""));
      return Failure{true, ""};
    }
    if (vl.status == ListStatus::error) return Failure{false, vl.error};
    // Helm returns the value reader's (nil) error here, even at the end of the input.
    Runes v = until(",");
    set(data, k, typed(v.text));
    return std::nullopt;
  }

  std::pair<std::optional<int>, std::string> index() {
    Runes v = until("]");
    if (v.eof) return {std::nullopt, "EOF"};
    int i = 0;
    auto res = std::from_chars(v.text.data(), v.text.data() + v.text.size(), i);
    if (v.text.empty() || res.ec != std::errc() || res.ptr != v.text.data() + v.text.size()) {
      return {std::nullopt, "strconv.Atoi: parsing " + quote(v.text) + ": invalid syntax"};
    }
    return {i, ""};
  }

  Outcome set_index(List& list, int i, Value v) {
    if (i < 0) return Failure{false, "negative " + std::to_string(i) + " index not allowed"};
    if (i > k_max_set_index) {
      return Failure{false, "index of " + std::to_string(i) +
                                " is greater than maximum supported index of " +
                                std::to_string(k_max_set_index)};
    }
    if (list.size() <= static_cast<std::size_t>(i)) list.resize(static_cast<std::size_t>(i) + 1);
    list[static_cast<std::size_t>(i)] = std::move(v);
    return std::nullopt;
  }

  Outcome list_item(List& list, int i, int depth) {
    if (depth > k_max_set_depth) return Failure{false, "value is nested too deeply"};
    if (i < 0) return Failure{false, "negative " + std::to_string(i) + " index not allowed"};
    Runes k = until("[.=");
    if (!k.text.empty()) return Failure{false, "unexpected data at end of array index: " + quote(k.text)};
    if (k.eof) return Failure{true, ""};
    if (k.last == '=') {
      auto vl = value_list();
      if (vl.status == ListStatus::ok) return set_index(list, i, Value::list(std::move(vl.items)));
      if (vl.status == ListStatus::eof) return set_index(list, i, Value::string(""));
      if (vl.status == ListStatus::error) return Failure{false, vl.error};
      Runes v = until(",");
      return set_index(list, i, typed(v.text));
    }
    auto at = static_cast<std::size_t>(i);
    if (k.last == '[') {
      auto next = index();
      if (!next.first) return Failure{false, "error parsing index: " + next.second};
      List inner;
      if (list.size() > at && !list[at].is_nil()) {
        if (list[at].kind() != Kind::list) {
          throw Panic{"interface conversion: interface {} is " + go_type(list[at]) +
                      ", not []interface {}"};
        }
        inner = list[at].as_list();
      }
      if (auto e = list_item(inner, *next.first, depth + 1)) return e;
      return set_index(list, i, Value::list(std::move(inner)));
    }
    Value inner = Value::map({});
    if (list.size() > at) {
      if (list[at].kind() == Kind::map) inner = list[at];
      else list[at] = inner;
    }
    if (auto e = key(inner, depth + 1)) return e;
    return set_index(list, i, inner);
  }

  enum class ListStatus { ok, eof, not_list, error };
  struct ListResult {
    ListStatus status = ListStatus::ok;
    List items;
    std::string error;
  };

  ListResult value_list() {
    if (m_pos >= m_text.size()) return {ListStatus::eof, {}, ""};
    if (m_text[m_pos] != '{') return {ListStatus::not_list, {}, ""};
    ++m_pos;
    ListResult result;
    while (true) {
      Runes r = until(",}");
      if (r.eof) return {ListStatus::error, {}, "list must terminate with '}'"};
      result.items.push_back(typed(r.text));
      if (r.last == '}') {
        if (m_pos < m_text.size() && m_text[m_pos] == ',') ++m_pos;
        return result;
      }
    }
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  SetTyping m_typing;
};

}  // namespace

core::Status parse_set_into(std::string_view text, const Value& dest, SetTyping typing) {
  Parser parser(text, typing);
  while (true) {
    Outcome e = parser.key(dest, 0);
    if (!e) continue;
    if (e->eof) return {};
    return core::Error{core::ErrorKind::usage, e->message};
  }
}

}  // namespace gitops::render::helm
