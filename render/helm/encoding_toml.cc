// BurntSushi/toml v0.3.1's Encoder as Helm's toToml uses it: plain keys first, then tables, both
// sorted; nested tables indented two spaces per level; floats always with a decimal point; a blank
// line before each top-level table; arrays of maps as [[array tables]].
#include <string>
#include <vector>

#include "render/helm/encoding.h"
#include "render/helm/go_format.h"
#include "render/helm/sprig_convert.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Value;
using Key = std::vector<std::string>;

struct TomlError {
  std::string message;
};

bool is_table(const Value& v) { return v.kind() == Kind::map; }

bool is_table_array(const Value& v) {
  if (v.kind() != Kind::list || v.as_list().empty()) return false;
  for (const auto& item : v.as_list()) {
    if (!is_table(item)) return false;
  }
  return true;
}

std::string quote_key(const std::string& k) {
  bool bare = !k.empty();
  for (char c : k) {
    bare = bare && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
  }
  if (bare) return k;
  std::string out = "\"";
  for (char c : k) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

// The TOML type name BurntSushi uses to reject mixed arrays.
std::string toml_type(const Value& v) {
  switch (v.kind()) {
    case Kind::boolean: return "Boolean";
    case Kind::integer:
    case Kind::int64: return "Integer";
    case Kind::float64: return "Float";
    case Kind::time: return "Datetime";
    case Kind::list: return "Array";
    case Kind::map: return "Hash";
    default: return "String";
  }
}

class Encoder {
 public:
  std::string take() { return std::move(m_out); }

  void table(const Key& key, const Value& v) {
    if (key.size() == 1 && !m_out.empty()) m_out += '\n';
    if (!key.empty()) {
      m_out += indent(key) + "[" + join(key) + "]\n";
    }
    entries(key, v);
  }

 private:
  static std::string indent(const Key& key) {
    return key.size() <= 1 ? "" : std::string((key.size() - 1) * 2, ' ');
  }

  static std::string join(const Key& key) {
    std::string out;
    for (std::size_t i = 0; i < key.size(); ++i) out += (i ? "." : "") + quote_key(key[i]);
    return out;
  }

  void entries(const Key& key, const Value& v) {
    std::vector<std::string> direct, sub;
    for (const auto& [k, item] : v.as_map()) {
      (is_table(item) || is_table_array(item) ? sub : direct).push_back(k);
    }
    for (const auto* keys : {&direct, &sub}) {
      for (const auto& k : *keys) {
        const Value& item = v.as_map().find(k)->second;
        if (item.is_nil()) continue;
        Key child = key;
        child.push_back(k);
        encode(child, item);
      }
    }
  }

  void encode(const Key& key, const Value& v) {
    if (is_table(v)) return table(key, v);
    if (is_table_array(v)) {
      for (const auto& item : v.as_list()) {
        if (!m_out.empty()) m_out += '\n';
        m_out += indent(key) + "[[" + join(key) + "]]\n";
        entries(key, item);
      }
      return;
    }
    m_out += indent(key) + quote_key(key.back()) + " = " + scalar(v) + "\n";
  }

  std::string scalar(const Value& v) {
    switch (v.kind()) {
      case Kind::boolean: return v.as_bool() ? "true" : "false";
      case Kind::integer:
      case Kind::int64: return std::to_string(v.as_int());
      case Kind::float64: {
        std::string f = format_float_f(v.as_float(), -1);
        if (f.find('.') == std::string::npos && f.find_first_of("nI") == std::string::npos) f += ".0";
        return f;
      }
      case Kind::list: return array(v.as_list());
      case Kind::nil: throw TomlError{"toml: cannot encode array with nil element"};
      default: return toml_string(to_go_string(v));
    }
  }

  std::string array(const gotemplate::List& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].is_nil()) throw TomlError{"toml: cannot encode array with nil element"};
      if (i > 0 && toml_type(items[i]) != toml_type(items[0])) {
        throw TomlError{"toml: cannot encode array with mixed element types"};
      }
      out += (i ? ", " : "") + scalar(items[i]);
    }
    return out + "]";
  }

  std::string m_out;
};

}  // namespace

std::string go_toml_encode(const Value& v) {
  if (v.kind() != Kind::map) return "toml: top-level values must be Go maps or structs";
  try {
    Encoder e;
    e.table({}, v);
    return e.take();
  } catch (const TomlError& err) {
    return err.message;
  }
}

}  // namespace gitops::render::helm
