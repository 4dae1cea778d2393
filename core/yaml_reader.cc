// The steps of parse_yaml_stream: YAML (or JSON) text to JSON values the way sigs.k8s.io/yaml
// converts it. Checks the bytes first (UTF-8, controls, document sizes, flow nesting), then drives
// yaml-cpp's event parser over a piece of the stream and builds
// nlohmann::json directly from the events (no yaml-cpp node tree), resolving plain scalars as
// go-yaml v2 does, expanding aliases and merge keys, and enforcing depth and node limits as the
// events arrive, so hostile input stops early with bounded memory.
#include <algorithm>
#include <cmath>
#include <istream>
#include <map>
#include <new>
#include <streambuf>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "core/utf8.h"
#include "core/yaml.h"
#include "core/yaml_parse_steps.h"
#include "core/yaml_json.h"
#include "core/yaml_prescan.h"
#include "core/yaml_scalar.h"

namespace gitops::core {
namespace {

constexpr std::string_view k_long_tag_prefix = "tag:yaml.org,2002:";
// yaml-cpp 0.7 throws DeepRecursion when its node recursion reaches 500: 498 nested collections
// and a scalar inside them.
constexpr int k_parser_max_depth = 498;

// Thrown from the event handler to stop yaml-cpp; caught in parse_yaml_stream.
struct ParseAbort {
  Error error;
};

// An istream source over memory that is not copied.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

// The input was valid UTF-8, so bytes that are not come from escapes: yaml-cpp 0.7 decodes "\N"
// and "\_" to the single bytes 0x85 and 0xA0 instead of U+0085 and U+00A0; anything else
// becomes U+FFFD as in Go.
std::string valid_text(const std::string& value) {
  std::size_t bad = find_invalid_utf8(value);
  if (bad == std::string::npos) return value;
  std::string out = value.substr(0, bad);
  std::string_view rest(value);
  rest.remove_prefix(bad);
  while (!rest.empty()) {
    auto byte = static_cast<unsigned char>(rest[0]);
    if (byte == 0x85 || byte == 0xA0) {
      out += '\xC2';
      out += rest[0];
      rest.remove_prefix(1);
    } else {
      std::size_t next = find_invalid_utf8(rest.substr(1));
      std::size_t length = next == std::string_view::npos ? rest.size() : next + 1;
      out += replace_invalid_utf8(rest.substr(0, 1));
      out.append(rest.substr(1, length - 1));
      rest.remove_prefix(length);
    }
    std::size_t next_bad = find_invalid_utf8(rest);
    std::size_t good = next_bad == std::string_view::npos ? rest.size() : next_bad;
    out.append(rest.substr(0, good));
    rest.remove_prefix(good);
  }
  return out;
}

std::string position(std::string_view file, int line, int column) {
  return fmt::format("{}:{}:{}", file, line, column);
}

// Line and column (1-based, column in bytes) of byte `offset`.
std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

std::string human_size(std::size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
  return fmt::format("{} bytes", bytes);
}

// A "---" or "..." marker line at column 0 starts a new document.
bool is_document_marker(std::string_view line) {
  if (line.size() < 3 || !(line.starts_with("---") || line.starts_with("..."))) return false;
  return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r';
}

// Errors when a document is larger than the limit, naming the line where it starts.
Status check_document_sizes(std::string_view text, std::string_view file, std::size_t limit) {
  std::size_t document_start = 0;
  int document_line = 1;
  int line = 1;
  std::size_t pos = 0;
  auto check = [&](std::size_t end) -> Status {
    if (end - document_start <= limit) return {};
    return Error{ErrorKind::source, fmt::format("{}: document is larger than the limit of {}",
                                                position(file, document_line, 1), human_size(limit))};
  };
  while (pos < text.size()) {
    std::size_t newline = text.find('\n', pos);
    std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    if (is_document_marker(text.substr(pos, end - pos))) {
      if (auto status = check(pos); !status) return status;
      document_start = pos;
      document_line = line;
    }
    pos = end + 1;
    ++line;
  }
  return check(text.size());
}

struct Anchored {
  Json value;
  std::size_t nodes = 0;
};

struct Frame {
  Json value;  // an object or an array
  YAML::Mark mark;
  YAML::anchor_t anchor = 0;
  std::size_t nodes_before = 0;
  bool has_key = false;
  bool merge_pending = false;
  std::string key;
  bool records_items = false;  // the root map's "items" list: note where each item starts
  bool is_key = false;         // opened where a map key was expected
};

class JsonBuilder : public YAML::EventHandler {
 public:
  JsonBuilder(std::string_view file, const YamlLimits& limits, std::vector<YamlDocument>& out,
              int first_line)
      : m_file(file), m_limits(limits), m_out(out), m_first_line(first_line) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 can get stuck on a stray token (", : x"), starting empty documents at the
    // same place forever.
    if (mark.pos == m_last_document_start) fail(mark, "did not find expected node content");
    m_last_document_start = mark.pos;
    m_frames.clear();
    m_anchors.clear();
    m_nodes = 0;
    m_alias_nodes = 0;
    m_document = YamlDocument{};
    m_document.origin = origin(mark);
  }
  void OnDocumentEnd() override { m_out.push_back(std::move(m_document)); }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    start_node(mark, 1);
    if (expecting_key()) fail(mark, "map key null is not supported");
    add_value(Json(nullptr), mark, anchor, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = m_anchors.find(anchor);
    if (it == m_anchors.end()) fail(mark, "alias refers to a node that contains it");
    start_node(mark, it->second.nodes);
    m_alias_nodes += it->second.nodes;
    check_alias_ratio(mark);
    if (expecting_key()) {
      set_key(json_to_key(it->second.value, mark));
      return;
    }
    add_value(Json(it->second.value), mark, 0, it->second.nodes);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    start_node(mark, 1);
    if (expecting_key()) {
      scalar_key(mark, tag, anchor, value);
      return;
    }
    add_value(scalar_json(mark, tag, value), mark, anchor, 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_collection(mark, anchor, Json::array());
  }
  void OnSequenceEnd() override { close_collection(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open_collection(mark, anchor, Json::object());
  }
  void OnMapEnd() override { close_collection(); }

 private:
  [[noreturn]] void fail(const YAML::Mark& mark, std::string_view message) const {
    throw ParseAbort{Error{ErrorKind::source, fmt::format("{}: {}", origin(mark).to_string(),
                                                          message)}};
  }

  Origin origin(const YAML::Mark& mark) const {
    return Origin{std::string(m_file), m_first_line + mark.line + 1, mark.column + 1};
  }

  bool expecting_key() const {
    return !m_frames.empty() && m_frames.back().value.is_object() && !m_frames.back().has_key;
  }

  // Counts a node (or an alias's expansion) and notes where list items start.
  void start_node(const YAML::Mark& mark, std::size_t nodes) {
    if (nodes > m_limits.max_nodes - m_nodes) {
      fail(mark, fmt::format("document has more than {} nodes after expanding aliases",
                             m_limits.max_nodes));
    }
    m_nodes += nodes;
    if (!m_frames.empty() && m_frames.back().records_items) {
      m_document.item_origins.push_back(origin(mark));
    }
  }

  // go-yaml v2's defence (decode.go, allowedAliasRatio): up to 99% of a small document may come
  // from aliases, sliding down to 10% at 4,000,000 nodes.
  void check_alias_ratio(const YAML::Mark& mark) const {
    if (m_alias_nodes <= 100 || m_nodes <= 1000) return;
    constexpr double k_low = 400'000;
    constexpr double k_high = 4'000'000;
    double nodes = static_cast<double>(m_nodes);
    double allowed = nodes <= k_low    ? 0.99
                     : nodes >= k_high ? 0.10
                                       : 0.99 - 0.89 * ((nodes - k_low) / (k_high - k_low));
    if (static_cast<double>(m_alias_nodes) / nodes > allowed) {
      fail(mark, "document contains excessive aliasing");
    }
  }

  void open_collection(const YAML::Mark& mark, YAML::anchor_t anchor, Json empty) {
    start_node(mark, 1);
    int max_depth = std::min(m_limits.max_depth, k_parser_max_depth);
    if (static_cast<int>(m_frames.size()) >= max_depth) {
      fail(mark, fmt::format("nesting deeper than {} levels", max_depth));
    }
    Frame frame;
    frame.value = std::move(empty);
    frame.mark = mark;
    frame.anchor = anchor;
    frame.nodes_before = m_nodes - 1;
    frame.is_key = expecting_key();
    frame.records_items = m_frames.size() == 1 && frame.value.is_array() &&
                          m_frames[0].value.is_object() && m_frames[0].key == "items" &&
                          !m_frames[0].merge_pending;
    m_frames.push_back(std::move(frame));
  }

  void close_collection() {
    Frame frame = std::move(m_frames.back());
    m_frames.pop_back();
    // Reported when the key ends, so that a deeply nested key fails on depth first.
    if (frame.is_key) fail(frame.mark, "a map or a list cannot be a map key");
    add_value(std::move(frame.value), frame.mark, frame.anchor, m_nodes - frame.nodes_before);
  }

  void scalar_key(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) {
    if (tag == "?" && value == "<<") {
      if (anchor != 0) m_anchors[anchor] = Anchored{Json(value), 1};
      m_frames.back().merge_pending = true;
      m_frames.back().has_key = true;
      return;
    }
    std::string key;
    if (tag == "?") {
      auto plain = plain_scalar_key(value, resolve_plain_scalar(value));
      if (!plain) fail(mark, plain.error().message);
      key = std::move(*plain);
    } else {
      key = json_to_key(scalar_json(mark, tag, value), mark);
    }
    if (anchor != 0) m_anchors[anchor] = Anchored{scalar_json(mark, tag, value), 1};
    set_key(std::move(key));
  }

  void set_key(std::string key) {
    Frame& top = m_frames.back();
    top.key = std::move(key);
    top.has_key = true;
  }

  std::string json_to_key(const Json& value, const YAML::Mark& mark) const {
    auto key = json_map_key(value);
    if (!key) fail(mark, key.error().message);
    return std::move(*key);
  }

  Json scalar_json(const YAML::Mark& mark, const std::string& tag, const std::string& value) const {
    if (tag == "?") return resolved_json(mark, resolve_plain_scalar(value), value);
    // Escapes in double-quoted text can spell surrogates; Go would print them as U+FFFD.
    if (tag == "!") return Json(valid_text(value));
    return tagged_json(mark, tag, value);
  }

  Json tagged_json(const YAML::Mark& mark, std::string_view tag, const std::string& value) const;
  Json resolved_json(const YAML::Mark& mark, const ResolvedScalar& scalar,
                     const std::string& text) const;
  void add_value(Json value, const YAML::Mark& mark, YAML::anchor_t anchor, std::size_t nodes);
  void merge_into(Json& target, const Json& source, const YAML::Mark& mark) const;

  std::string_view m_file;
  const YamlLimits& m_limits;
  std::vector<YamlDocument>& m_out;
  int m_first_line;  // lines of the stream before this piece
  std::vector<Frame> m_frames;
  std::map<YAML::anchor_t, Anchored> m_anchors;
  std::size_t m_nodes = 0;
  std::size_t m_alias_nodes = 0;  // of m_nodes, those that came from expanding aliases
  int m_last_document_start = -1;
  YamlDocument m_document;
};

Json JsonBuilder::resolved_json(const YAML::Mark& mark, const ResolvedScalar& scalar,
                                const std::string& text) const {
  switch (scalar.type) {
    case ScalarType::string:
    case ScalarType::timestamp: return Json(text);
    case ScalarType::null: return Json(nullptr);
    case ScalarType::boolean: return Json(scalar.boolean);
    case ScalarType::signed_integer:
      if (scalar.signed_integer >= 0) return Json(static_cast<std::uint64_t>(scalar.signed_integer));
      return Json(scalar.signed_integer);
    case ScalarType::unsigned_integer: return Json(scalar.unsigned_integer);
    case ScalarType::floating: break;
  }
  if (!std::isfinite(scalar.floating)) {
    fail(mark, fmt::format("{} cannot be converted to JSON: infinity and NaN are not JSON numbers",
                           text));
  }
  return json_number(scalar.floating);
}

Json JsonBuilder::tagged_json(const YAML::Mark& mark, std::string_view tag,
                              const std::string& value) const {
  if (!tag.starts_with(k_long_tag_prefix)) return Json(valid_text(value));  // local tags stay text
  std::string_view name = tag.substr(k_long_tag_prefix.size());
  if (name == "str") return Json(valid_text(value));
  if (name == "binary") {
    auto decoded = decode_base64(value);
    if (!decoded) fail(mark, "!!binary value contains invalid base64 data");
    if (find_invalid_utf8(*decoded) != std::string::npos) {
      fail(mark, "!!binary value is not UTF-8 text and cannot be converted to JSON");
    }
    return Json(std::move(*decoded));
  }
  if (name != "bool" && name != "int" && name != "float" && name != "null" && name != "timestamp") {
    return Json(valid_text(value));
  }
  ResolvedScalar scalar = resolve_plain_scalar(value);
  if (scalar.type == ScalarType::timestamp && name != "timestamp") scalar.type = ScalarType::string;
  std::string_view resolved = to_string(scalar.type);
  if (name == "float" && resolved == "int") {
    scalar.floating = scalar.type == ScalarType::signed_integer
                          ? static_cast<double>(scalar.signed_integer)
                          : static_cast<double>(scalar.unsigned_integer);
    scalar.type = ScalarType::floating;
  } else if (resolved != name) {
    fail(mark, fmt::format("cannot decode !!{} `{}` as a !!{}", resolved, value, name));
  }
  return resolved_json(mark, scalar, value);
}

void JsonBuilder::add_value(Json value, const YAML::Mark& mark, YAML::anchor_t anchor,
                            std::size_t nodes) {
  if (anchor != 0) m_anchors[anchor] = Anchored{value, nodes};
  if (m_frames.empty()) {
    m_document.origin = origin(mark);
    m_document.value = std::move(value);
    return;
  }
  Frame& top = m_frames.back();
  if (top.value.is_array()) {
    top.value.get_ref<Json::array_t&>().push_back(std::move(value));
    return;
  }
  if (top.merge_pending) {
    merge_into(top.value, value, mark);
  } else {
    top.value.get_ref<Json::object_t&>().insert_or_assign(std::move(top.key), std::move(value));
  }
  top.key.clear();
  top.has_key = false;
  top.merge_pending = false;
}

// go-yaml v2 merges by decoding the merged maps into the current one, so merged keys overwrite
// keys set before "<<" and later keys overwrite merged ones; in a list, earlier maps win.
void JsonBuilder::merge_into(Json& target, const Json& source, const YAML::Mark& mark) const {
  auto& object = target.get_ref<Json::object_t&>();
  auto merge_map = [&](const Json& map) {
    for (const auto& [key, value] : map.items()) object.insert_or_assign(key, value);
  };
  if (source.is_object()) return merge_map(source);
  if (source.is_array()) {
    for (const Json& item : source) {
      if (!item.is_object()) fail(mark, "map merge requires map or sequence of maps as the value");
    }
    for (auto it = source.rbegin(); it != source.rend(); ++it) merge_map(*it);
    return;
  }
  fail(mark, "map merge requires map or sequence of maps as the value");
}

Status check_bytes(std::string_view text, std::string_view file, const YamlLimits& limits) {
  std::size_t bad = find_invalid_utf8(text);
  if (bad != std::string_view::npos) {
    auto [line, column] = line_column(text, bad);
    return Error{ErrorKind::source,
                 fmt::format("{}: invalid UTF-8 (byte 0x{:02x} at offset {})",
                             position(file, line, column),
                             static_cast<unsigned char>(text[bad]), bad)};
  }
  std::size_t control = find_control_character(text);
  if (control != std::string_view::npos) {
    auto [line, column] = line_column(text, control);
    return Error{ErrorKind::source,
                 fmt::format("{}: control characters are not allowed (byte 0x{:02x} at offset {})",
                             position(file, line, column),
                             static_cast<unsigned char>(text[control]), control)};
  }
  if (auto status = check_document_sizes(text, file, limits.max_document_bytes); !status) {
    return status;
  }
  int max_depth = std::min(limits.max_depth, k_parser_max_depth);
  std::size_t deep = find_deep_flow_nesting(text, max_depth);
  if (deep != std::string_view::npos) {
    auto [line, column] = line_column(text, deep);
    return Error{ErrorKind::source, fmt::format("{}: nesting deeper than {} levels",
                                                position(file, line, column), max_depth)};
  }
  return {};
}

}  // namespace

Status check_yaml_bytes(std::string_view text, std::string_view file, const YamlLimits& limits) {
  return check_bytes(text, file, limits);
}

Result<std::vector<YamlDocument>> parse_yaml_piece(std::string_view text, std::string_view file,
                                                   const YamlLimits& limits, int first_line) {
  std::vector<YamlDocument> documents;
  auto at = [&](const YAML::Mark& mark) {
    return position(file, first_line + mark.line + 1, mark.column + 1);
  };
  try {
    MemoryBuffer buffer(text);
    std::istream input(&buffer);
    YAML::Parser parser(input);
    JsonBuilder builder(file, limits, documents, first_line);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const ParseAbort& abort) {
    return abort.error;
  } catch (const YAML::DeepRecursion& e) {
    return Error{ErrorKind::source,
                 fmt::format("{}: nesting deeper than {} levels (the YAML parser's own limit)",
                             at(e.mark), k_parser_max_depth)};
  } catch (const YAML::ParserException& e) {
    return Error{ErrorKind::source, fmt::format("{}: {}", at(e.mark), e.msg)};
  } catch (const std::bad_alloc&) {
    return Error{ErrorKind::source, fmt::format("{}: out of memory while parsing YAML", file)};
  } catch (const std::exception& e) {
    return Error{ErrorKind::internal, fmt::format("{}: parsing YAML: {}", file, e.what())};
  }
  return documents;
}

}  // namespace gitops::core
