// go-yaml v2's block emitter for the JSON-shaped tree sigs.k8s.io/yaml hands it. The value is first
// reduced to what the JSON round trip leaves (ints, floats, strings, bools, null, string-keyed maps,
// lists), then written with yaml.v2's scalar analysis and style selection (emitterc.go).
#include "render/helm/yaml_encode.h"

#include <algorithm>
#include <cmath>
#include <variant>
#include <vector>

#include "render/helm/encoding_json.h"
#include "render/helm/go_format.h"
#include "render/helm/go_format_time.h"
#include "render/helm/sprig_convert.h"
#include "render/helm/yaml_encode_scalar.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Value;

constexpr int k_indent = 2;
constexpr std::size_t k_max_simple_key = 128;

// A node after the JSON round trip: scalars keep the text yaml.v2 prints for them.
struct Node {
  enum class Type { scalar_text, string, map, list } type = Type::scalar_text;
  std::string text;                                  // scalar_text and string
  std::vector<std::pair<std::string, Node>> entries;  // map, in yaml.v2 key order
  std::vector<Node> items;                           // list
};

// Characters yaml.v2's reader refuses in its input (the JSON text): the round trip then fails.
bool unreadable(std::string_view s) {
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t start = p;
    char32_t r = decode_rune(s, p);
    if (r == 0xFFFD && p - start == 1) continue;  // JSON turns it into U+FFFD
    if (r == 0x7f || (r >= 0x80 && r <= 0x9f && r != 0x85) || r == 0xfffe || r == 0xffff) {
      return true;
    }
  }
  return false;
}

// The string JSON's decoder gives back: invalid UTF-8 bytes become U+FFFD.
std::string json_clean(std::string_view s) {
  std::string out;
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t start = p;
    char32_t r = decode_rune(s, p);
    if (r == 0xFFFD && p - start == 1) {
      out += "\xef\xbf\xbd";
    } else {
      out.append(s.substr(start, p - start));
    }
  }
  return out;
}

// JSON leaves U+0085 (NEL) raw; inside the double-quoted JSON string yaml.v2 reads it as a line
// break and folds it: blanks around it dropped, one break becomes a space, n breaks n-1 newlines.
std::string fold_next_lines(const std::string& s) {
  constexpr std::string_view k_nel = "\xc2\x85";
  if (s.find(k_nel) == std::string::npos) return s;
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 2, k_nel) != 0) {
      out += s[i++];
      continue;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    int breaks = 0;
    while (i < s.size()) {
      if (s.compare(i, 2, k_nel) == 0) {
        ++breaks;
        i += 2;
      } else if (s[i] == ' ' || s[i] == '\t') {
        ++i;
      } else {
        break;
      }
    }
    out += breaks == 1 ? std::string(" ") : std::string(static_cast<std::size_t>(breaks - 1), '\n');
  }
  return out;
}

core::Result<Node> string_node(std::string_view s) {
  if (unreadable(s)) {
    return go_error("error converting JSON to YAML: yaml: control characters are not allowed");
  }
  return Node{Node::Type::string, fold_next_lines(json_clean(s)), {}, {}};
}

// yaml.v2 reading JSON's number text: an int when it parses as one, else a float printed 'g'.
Node number_node(const std::string& json_text) {
  if (json_text.find_first_of(".eE") == std::string::npos) {
    return Node{Node::Type::scalar_text, json_text, {}, {}};
  }
  double f = std::strtod(json_text.c_str(), nullptr);
  if (std::isinf(f)) return Node{Node::Type::scalar_text, f > 0 ? ".inf" : "-.inf", {}, {}};
  return Node{Node::Type::scalar_text, format_float_g(f), {}, {}};
}

core::Result<Node> to_node(const Value& v, int depth);

core::Result<Node> map_node(const gotemplate::Map& m, int depth) {
  Node node{Node::Type::map, "", {}, {}};
  for (const auto& [key, item] : m) {
    if (unreadable(key)) return string_node(key).error();
    auto child = to_node(item, depth + 1);
    if (!child.ok()) return child;
    node.entries.emplace_back(fold_next_lines(json_clean(key)), std::move(*child));
  }
  std::sort(node.entries.begin(), node.entries.end(),
            [](const auto& a, const auto& b) { return yaml_key_less(a.first, b.first); });
  return node;
}

core::Result<Node> to_node(const Value& v, int depth) {
  if (depth > 10000) return go_error("json: exceeded max depth");
  switch (v.kind()) {
    case Kind::nil: return Node{Node::Type::scalar_text, "null", {}, {}};
    case Kind::boolean: return Node{Node::Type::scalar_text, v.as_bool() ? "true" : "false", {}, {}};
    case Kind::integer:
    case Kind::int64: return Node{Node::Type::scalar_text, std::to_string(v.as_int()), {}, {}};
    case Kind::float64:
      if (!std::isfinite(v.as_float())) {
        return go_error("json: unsupported value: " + format_float_g(v.as_float()));
      }
      return number_node(go_json_float(v.as_float()));
    case Kind::string: return string_node(v.as_string());
    case Kind::list: {
      Node node{Node::Type::list, "", {}, {}};
      for (const auto& item : v.as_list()) {
        auto child = to_node(item, depth + 1);
        if (!child.ok()) return child;
        node.items.push_back(std::move(*child));
      }
      return node;
    }
    case Kind::map: return map_node(v.as_map(), depth);
    case Kind::bytes:
    case Kind::time:
    case Kind::object: {
      // Their JSON form is a string: base64, RFC 3339, or a MarshalJSON'ed String().
      auto json = go_json_marshal(v);
      if (!json.ok()) return json.error();
      auto back = go_json_unmarshal(*json);
      if (!back.ok() || !back->is_string()) return go_error("json: unsupported type: " + v.type_name());
      return string_node(back->as_string());
    }
  }
  return Node{};
}

class Emitter {
 public:
  std::string take() { return std::move(m_out); }

  // A node at the document root.
  void root(const Node& n) {
    if (n.type == Node::Type::map && !n.entries.empty()) return map_body(n, 0, false);
    if (n.type == Node::Type::list && !n.items.empty()) return list_body(n, 0, false);
    m_out += inline_form(n, k_indent, Context::value);
    m_out += '\n';
  }

 private:
  std::string inline_form(const Node& n, int scalar_indent, Context context) {
    switch (n.type) {
      case Node::Type::map: return "{}";
      case Node::Type::list: return "[]";
      case Node::Type::scalar_text: return n.text;
      case Node::Type::string: return yaml_scalar(n.text, scalar_indent, context);
    }
    return "";
  }

  void spaces(int n) { m_out.append(static_cast<std::size_t>(n), ' '); }

  // The part after "key:" or "- " for a node whose parent block is at `indent`.
  void value_part(const Node& n, int indent, bool in_list) {
    if (n.type == Node::Type::map && !n.entries.empty()) {
      if (in_list) {
        m_out += ' ';
        return map_body(n, indent + k_indent, true);
      }
      m_out += '\n';
      return map_body(n, indent + k_indent, false);
    }
    if (n.type == Node::Type::list && !n.items.empty()) {
      if (in_list) {
        m_out += ' ';
        return list_body(n, indent + k_indent, true);
      }
      m_out += '\n';
      return list_body(n, indent, false);
    }
    m_out += ' ';
    m_out += inline_form(n, indent + k_indent, Context::value);
    m_out += '\n';
  }

  void map_body(const Node& n, int indent, bool first_inline) {
    bool first = true;
    for (const auto& [key, value] : n.entries) {
      if (!(first && first_inline)) spaces(indent);
      first = false;
      bool simple = key.size() <= k_max_simple_key && key.find_first_of("\n\r") == std::string::npos &&
                    key.find("\xc2\x85") == std::string::npos &&
                    key.find("\xe2\x80\xa8") == std::string::npos &&
                    key.find("\xe2\x80\xa9") == std::string::npos;
      if (simple) {
        m_out += yaml_scalar(key, indent + k_indent, Context::simple_key);
        m_out += ':';
      } else {
        m_out += "? ";
        m_out += yaml_scalar(key, indent + k_indent, Context::value);
        m_out += '\n';
        spaces(indent);
        m_out += ':';
      }
      value_part(value, indent, false);
    }
  }

  void list_body(const Node& n, int indent, bool first_inline) {
    bool first = true;
    for (const auto& item : n.items) {
      if (!(first && first_inline)) spaces(indent);
      first = false;
      m_out += '-';
      value_part(item, indent, true);
    }
  }

  std::string m_out;
};

}  // namespace

core::Result<std::string> go_yaml_marshal(const Value& v) {
  auto node = to_node(v, 0);
  if (!node.ok()) return node.error();
  Emitter e;
  e.root(*node);
  return e.take();
}

}  // namespace gitops::render::helm
