// to_yaml: a small re-implementation of the part of go-yaml v2's emitter (emitterc.go) that
// sigs.k8s.io/yaml exercises: block maps and lists, {} and [] for empty ones, and the scalar style
// rules (plain, single-quoted, double-quoted, literal) with go-yaml's line folding, so the bytes
// match `kubectl get -o yaml`. The column counts characters, as go-yaml's does.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>

#include "core/utf8.h"
#include "core/yaml.h"
#include "core/yaml_json.h"
#include "core/yaml_key_order.h"
#include "core/yaml_scalar.h"
#include "core/yaml_scalar_style.h"

namespace gitops::core {
namespace {

constexpr int k_best_indent = 2;
constexpr std::size_t k_max_simple_key_bytes = 128;

class Emitter {
 public:
  explicit Emitter(const YamlStyle& style)
      : m_best_width(style.line_width <= 0 ? INT_MAX : style.line_width) {}

  void document(const Json& root) {
    node(root, Context{});
    write_indent();  // the document ends with a line break
  }

  std::string take() { return std::move(m_out); }

 private:
  struct Context {
    bool mapping = false;     // the node is a map value or a complex key
    bool simple_key = false;  // the node is a simple map key
  };

  void node(const Json& value, Context context);
  void block_mapping(const Json::object_t& map);
  void block_sequence(const Json::array_t& list, Context context);
  void empty_collection(std::string_view open, std::string_view close);
  void string_scalar(std::string_view text, Context context);
  void plain_text_scalar(std::string_view text);

  void write_plain(std::string_view value, bool allow_breaks);
  void write_single_quoted(std::string_view value, bool allow_breaks);
  void write_double_quoted(std::string_view value, bool allow_breaks);
  void write_literal(std::string_view value);
  void write_escape(std::string_view value, std::size_t& i);

  void push_indent(bool flow, bool indentless) {
    m_indents.push_back(m_indent);
    if (m_indent < 0) {
      m_indent = flow ? k_best_indent : 0;
    } else if (!indentless) {
      m_indent += k_best_indent;
    }
  }
  void pop_indent() {
    m_indent = m_indents.back();
    m_indents.pop_back();
  }

  void put(char c) {
    m_out.push_back(c);
    ++m_column;
  }
  void put_break() {
    m_out.push_back('\n');
    m_column = 0;
  }
  // Copies one character (1-4 bytes) and counts one column.
  void write(std::string_view value, std::size_t& i) {
    int width = utf8_width(static_cast<unsigned char>(value[i]));
    m_out.append(value.substr(i, width));
    ++m_column;
    i += width;
  }
  void write_break(std::string_view value, std::size_t& i) {
    if (value[i] == '\n') {
      put_break();
      ++i;
      return;
    }
    write(value, i);
    m_column = 0;
  }
  void write_indent() {
    int indent = std::max(m_indent, 0);
    if (!m_indention || m_column > indent || (m_column == indent && !m_whitespace)) put_break();
    while (m_column < indent) put(' ');
    m_whitespace = true;
    m_indention = true;
  }
  void write_indicator(std::string_view indicator, bool need_whitespace, bool is_whitespace,
                       bool is_indention) {
    if (need_whitespace && !m_whitespace) put(' ');
    for (std::size_t i = 0; i < indicator.size();) write(indicator, i);
    m_whitespace = is_whitespace;
    m_indention = m_indention && is_indention;
  }

  std::string m_out;
  int m_best_width;
  int m_indent = -1;
  std::vector<int> m_indents;
  int m_column = 0;
  bool m_whitespace = true;
  bool m_indention = true;
};

std::string number_text(const Json& value) {
  switch (value.type()) {
    case Json::value_t::number_integer: return std::to_string(value.get<std::int64_t>());
    case Json::value_t::number_unsigned: return std::to_string(value.get<std::uint64_t>());
    default: break;
  }
  Json number = json_number(value.get<double>());
  if (!number.is_number_float()) return number_text(number);
  std::string text = format_go_float(value.get<double>(), 64);
  if (text == "+Inf") return ".inf";
  if (text == "-Inf") return "-.inf";
  if (text == "NaN") return ".nan";
  return text;
}

void Emitter::node(const Json& value, Context context) {
  switch (value.type()) {
    case Json::value_t::object: {
      const auto& map = value.get_ref<const Json::object_t&>();
      if (map.empty()) return empty_collection("{", "}");
      return block_mapping(map);
    }
    case Json::value_t::array: {
      const auto& list = value.get_ref<const Json::array_t&>();
      if (list.empty()) return empty_collection("[", "]");
      return block_sequence(list, context);
    }
    case Json::value_t::string:
      return string_scalar(value.get_ref<const std::string&>(), context);
    case Json::value_t::boolean: return plain_text_scalar(value.get<bool>() ? "true" : "false");
    case Json::value_t::null: return plain_text_scalar("null");
    default: return plain_text_scalar(number_text(value));
  }
}

void Emitter::empty_collection(std::string_view open, std::string_view close) {
  write_indicator(open, true, true, false);
  write_indicator(close, false, false, false);
}

void Emitter::block_mapping(const Json::object_t& map) {
  std::vector<const Json::object_t::value_type*> entries;
  entries.reserve(map.size());
  for (const auto& entry : map) entries.push_back(&entry);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto* a, const auto* b) { return yaml_key_less(a->first, b->first); });
  push_indent(false, false);
  for (const auto* entry : entries) {
    write_indent();
    const std::string& key = entry->first;
    bool simple = key.size() <= k_max_simple_key_bytes && !analyze_scalar(key).multiline;
    if (simple) {
      string_scalar(key, Context{.mapping = true, .simple_key = true});
      write_indicator(":", false, false, false);
    } else {
      write_indicator("?", true, false, true);
      string_scalar(key, Context{.mapping = true});
      write_indent();
      write_indicator(":", true, false, true);
    }
    node(entry->second, Context{.mapping = true});
  }
  pop_indent();
}

void Emitter::block_sequence(const Json::array_t& list, Context context) {
  push_indent(false, context.mapping && !m_indention);
  for (const Json& item : list) {
    write_indent();
    write_indicator("-", true, false, true);
    node(item, Context{});
  }
  pop_indent();
}

void Emitter::plain_text_scalar(std::string_view text) {
  push_indent(true, false);
  write_plain(text, true);
  pop_indent();
}

void Emitter::string_scalar(std::string_view text, Context context) {
  std::string binary;
  bool tagged = find_invalid_utf8(text) != std::string_view::npos;
  if (tagged) {
    binary = encode_base64(text);
    text = binary;
  }
  ScalarStyle style = choose_scalar_style(text, tagged ? ScalarTag::binary : ScalarTag::none,
                                          context.simple_key ? KeyContext::simple_key
                                                             : KeyContext::value);
  if (tagged) write_indicator("!!binary", true, false, false);
  push_indent(true, false);
  bool allow_breaks = !context.simple_key;
  switch (style) {
    case ScalarStyle::plain: write_plain(text, allow_breaks); break;
    case ScalarStyle::single_quoted: write_single_quoted(text, allow_breaks); break;
    case ScalarStyle::double_quoted: write_double_quoted(text, allow_breaks); break;
    case ScalarStyle::literal: write_literal(text); break;
  }
  pop_indent();
}

void Emitter::write_plain(std::string_view value, bool allow_breaks) {
  if (!m_whitespace) put(' ');
  bool spaces = false;
  bool breaks = false;
  for (std::size_t i = 0; i < value.size();) {
    if (value[i] == ' ') {
      bool next_space = i + 1 < value.size() && value[i + 1] == ' ';
      if (allow_breaks && !spaces && m_column > m_best_width && !next_space) {
        write_indent();
        ++i;
      } else {
        write(value, i);
      }
      spaces = true;
    } else if (is_yaml_break(value, i)) {
      if (!breaks && value[i] == '\n') put_break();
      write_break(value, i);
      m_indention = true;
      breaks = true;
    } else {
      if (breaks) write_indent();
      write(value, i);
      m_indention = false;
      spaces = false;
      breaks = false;
    }
  }
  m_whitespace = false;
  m_indention = false;
}

void Emitter::write_single_quoted(std::string_view value, bool allow_breaks) {
  write_indicator("'", true, false, false);
  bool spaces = false;
  bool breaks = false;
  for (std::size_t i = 0; i < value.size();) {
    if (value[i] == ' ') {
      bool next_space = i + 1 < value.size() && value[i + 1] == ' ';
      if (allow_breaks && !spaces && m_column > m_best_width && i > 0 && i < value.size() - 1 &&
          !next_space) {
        write_indent();
        ++i;
      } else {
        write(value, i);
      }
      spaces = true;
    } else if (is_yaml_break(value, i)) {
      if (!breaks && value[i] == '\n') put_break();
      write_break(value, i);
      m_indention = true;
      breaks = true;
    } else {
      if (breaks) write_indent();
      if (value[i] == '\'') put('\'');
      write(value, i);
      m_indention = false;
      spaces = false;
      breaks = false;
    }
  }
  write_indicator("'", false, false, false);
  m_whitespace = false;
  m_indention = false;
}

void Emitter::write_double_quoted(std::string_view value, bool allow_breaks) {
  write_indicator("\"", true, false, false);
  bool spaces = false;
  bool bom = value.starts_with("\xEF\xBB\xBF");
  for (std::size_t i = 0; i < value.size();) {
    if (!is_yaml_printable(value, i) || bom || is_yaml_break(value, i) || value[i] == '"' ||
        value[i] == '\\') {
      write_escape(value, i);
      spaces = false;
    } else if (value[i] == ' ') {
      if (allow_breaks && !spaces && m_column > m_best_width && i > 0 && i < value.size() - 1) {
        write_indent();
        if (i + 1 < value.size() && value[i + 1] == ' ') put('\\');
        ++i;
      } else {
        write(value, i);
      }
      spaces = true;
    } else {
      write(value, i);
      spaces = false;
    }
  }
  write_indicator("\"", false, false, false);
  m_whitespace = false;
  m_indention = false;
}

void Emitter::write_escape(std::string_view value, std::size_t& i) {
  auto lead = static_cast<unsigned char>(value[i]);
  int width = std::min<int>(utf8_width(lead), static_cast<int>(value.size() - i));
  char32_t rune = width == 1 ? lead : lead & (0x7F >> width);
  for (int k = 1; k < width; ++k) {
    rune = (rune << 6) | (static_cast<unsigned char>(value[i + k]) & 0x3F);
  }
  i += width;
  put('\\');
  switch (rune) {
    case 0x00: return put('0');
    case 0x07: return put('a');
    case 0x08: return put('b');
    case 0x09: return put('t');
    case 0x0A: return put('n');
    case 0x0B: return put('v');
    case 0x0C: return put('f');
    case 0x0D: return put('r');
    case 0x1B: return put('e');
    case 0x22: return put('"');
    case 0x5C: return put('\\');
    case 0x85: return put('N');
    case 0xA0: return put('_');
    case 0x2028: return put('L');
    case 0x2029: return put('P');
    default: break;
  }
  int digits = rune <= 0xFF ? 2 : rune <= 0xFFFF ? 4 : 8;
  put(rune <= 0xFF ? 'x' : rune <= 0xFFFF ? 'u' : 'U');
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    int digit = static_cast<int>((rune >> shift) & 0x0F);
    put(static_cast<char>(digit < 10 ? '0' + digit : 'A' + digit - 10));
  }
}

void Emitter::write_literal(std::string_view value) {
  write_indicator("|", true, false, false);
  write_indicator(block_scalar_hints(value, k_best_indent), false, false, false);
  put_break();
  m_indention = true;
  m_whitespace = true;
  bool breaks = true;
  for (std::size_t i = 0; i < value.size();) {
    if (is_yaml_break(value, i)) {
      write_break(value, i);
      m_indention = true;
      breaks = true;
    } else {
      if (breaks) {
        write_indent();
        breaks = false;
      }
      write(value, i);
      m_indention = false;
    }
  }
}

}  // namespace

std::string to_yaml(const Json& value, const YamlStyle& style) {
  Emitter emitter(style);
  emitter.document(value);
  return emitter.take();
}

std::string to_yaml_stream(const std::vector<Json>& values, const YamlStyle& style) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += "---\n";
    out += to_yaml(values[i], style);
  }
  return out;
}

}  // namespace gitops::core
