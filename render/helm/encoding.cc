// The encoding functions over encoding_json.h and yaml_encode.h, with Helm's and Sprig's choices of
// what an error becomes.
#include "render/helm/encoding.h"

#include "core/yaml.h"
#include "render/helm/encoding_json.h"
#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_groups.h"
#include "render/helm/yaml_encode.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Kind;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

// JSON (nlohmann) from the core YAML reader as Go's json.Unmarshal would see it: numbers float64.
Value from_json_tree(const core::Json& j) {
  switch (j.type()) {
    case core::Json::value_t::null: return Value();
    case core::Json::value_t::boolean: return Value::boolean(j.get<bool>());
    case core::Json::value_t::number_integer:
    case core::Json::value_t::number_unsigned:
    case core::Json::value_t::number_float: return Value::float64(j.get<double>());
    case core::Json::value_t::string: return Value::string(j.get<std::string>());
    case core::Json::value_t::array: {
      gotemplate::List items;
      for (const auto& item : j) items.push_back(from_json_tree(item));
      return Value::list(std::move(items));
    }
    case core::Json::value_t::object: {
      gotemplate::Map entries;
      for (const auto& [key, item] : j.items()) entries[key] = from_json_tree(item);
      return Value::map(std::move(entries));
    }
    default: return Value();
  }
}

std::string json_kind(const Value& v) {
  switch (v.kind()) {
    case Kind::list: return "array";
    case Kind::map: return "object";
    case Kind::string: return "string";
    case Kind::boolean: return "bool";
    default: return "number";
  }
}

// go-yaml's words for the core reader's (yaml-cpp's) most common complaints.
std::string go_yaml_words(const std::string& message) {
  static const std::pair<std::string_view, std::string_view> k_words[] = {
      {"illegal map value", "mapping values are not allowed in this context"},
      {"end of map not found", "did not find expected key"},
      {"end of sequence not found", "did not find expected '-' indicator"},
      {"end of map flow not found", "did not find expected ',' or '}'"},
      {"end of sequence flow not found", "did not find expected ',' or ']'"},
      {"unknown escape character", "found unknown escape character"},
  };
  for (const auto& [ours, go] : k_words) {
    if (message == ours) return std::string(go);
  }
  return message;
}

// The core reader's "LINE:COLUMN: MESSAGE" as go-yaml words it: "line LINE: MESSAGE", with no
// line for the first one (go-yaml omits line 0 of its zero-based marks).
std::string go_yaml_error(const std::string& message) {
  std::size_t i = message.rfind(':', 0) == 0 ? 1 : 0;  // the empty file name leaves a leading ':'
  std::size_t start = i;
  while (i < message.size() && std::isdigit(static_cast<unsigned char>(message[i]))) ++i;
  std::string line = message.substr(start, i - start);
  if (i < message.size() && message[i] == ':' && !line.empty()) {
    std::size_t j = i + 1;
    while (j < message.size() && std::isdigit(static_cast<unsigned char>(message[j]))) ++j;
    if (message.compare(j, 2, ": ") == 0) {
      std::string text = go_yaml_words(message.substr(j + 2));
      return line == "1" ? text : "line " + line + ": " + text;
    }
  }
  return message;
}

// yaml.Unmarshal (sigs.k8s.io/yaml) of the first document of `text`, as interface{}.
core::Result<Value> yaml_document(const std::string& text) {
  auto docs = core::parse_yaml_stream(text, "");
  if (!docs.ok()) return go_error("error converting YAML to JSON: yaml: " + go_yaml_error(docs.error().message));
  if (docs->empty()) return Value();
  return from_json_tree(docs->front().value);
}

Value from_yaml(const std::string& text) {
  auto doc = yaml_document(text);
  gotemplate::Map out;
  if (!doc.ok()) {
    out["Error"] = Value::string(doc.error().message);
  } else if (doc->kind() == Kind::map) {
    return *doc;
  } else if (!doc->is_nil()) {
    out["Error"] = Value::string("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " +
                                 json_kind(*doc) + " into Go value of type map[string]interface {}");
  }
  return Value::map(std::move(out));
}

Value from_yaml_array(const std::string& text) {
  auto doc = yaml_document(text);
  if (!doc.ok()) return Value::list({Value::string(doc.error().message)});
  if (doc->kind() == Kind::list) return *doc;
  if (doc->is_nil()) return Value::list({});
  return Value::list({Value::string("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " +
                                    json_kind(*doc) + " into Go value of type []interface {}")});
}

Value from_json(const std::string& text) {
  auto doc = go_json_unmarshal(text);
  gotemplate::Map out;
  if (!doc.ok()) {
    out["Error"] = Value::string(doc.error().message);
  } else if (doc->kind() == Kind::map) {
    return *doc;
  } else if (!doc->is_nil()) {
    out["Error"] = Value::string("json: cannot unmarshal " + json_kind(*doc) +
                                 " into Go value of type map[string]interface {}");
  }
  return Value::map(std::move(out));
}

Value from_json_array(const std::string& text) {
  auto doc = go_json_unmarshal(text);
  if (!doc.ok()) return Value::list({Value::string(doc.error().message)});
  if (doc->kind() == Kind::list) return *doc;
  if (doc->is_nil()) return Value::list({});
  return Value::list({Value::string("json: cannot unmarshal " + json_kind(*doc) +
                                    " into Go value of type []interface {}")});
}

R json_string(const Value& v, const JsonStyle& style, bool must) {
  auto out = go_json_marshal(v, style);
  if (!out.ok()) {
    if (must) return out.error();
    return Value::string("");
  }
  return Value::string(*out);
}

}  // namespace

void add_encoding_functions(FuncMap& f) {
  const auto A = Param::any;
  const auto S = Param::string;
  const JsonStyle compact{};
  const JsonStyle pretty{true, "  "};
  const JsonStyle raw{false, ""};
  f.add("toYaml", sig({A}), [](Args a) -> R {
    auto out = go_yaml_marshal(a[0]);
    if (!out.ok()) return Value::string("");
    std::string text = *out;
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return Value::string(text);
  });
  f.add("fromYaml", sig({S}), [](Args a) -> R { return from_yaml(a[0].as_string()); });
  f.add("fromYamlArray", sig({S}), [](Args a) -> R { return from_yaml_array(a[0].as_string()); });
  f.add("toJson", sig({A}), [compact](Args a) -> R { return json_string(a[0], compact, false); });
  f.add("mustToJson", sig({A}), [compact](Args a) -> R { return json_string(a[0], compact, true); });
  f.add("toPrettyJson", sig({A}), [pretty](Args a) -> R { return json_string(a[0], pretty, false); });
  f.add("mustToPrettyJson", sig({A}), [pretty](Args a) -> R { return json_string(a[0], pretty, true); });
  // Sprig's toRawJson panics on an encoding error; the panic is the error the template reports.
  f.add("toRawJson", sig({A}), [raw](Args a) -> R { return json_string(a[0], raw, true); });
  f.add("mustToRawJson", sig({A}), [raw](Args a) -> R { return json_string(a[0], raw, true); });
  f.add("fromJson", sig({S}), [](Args a) -> R { return from_json(a[0].as_string()); });
  f.add("fromJsonArray", sig({S}), [](Args a) -> R { return from_json_array(a[0].as_string()); });
  f.add("mustFromJson", sig({S}), [](Args a) -> R { return go_json_unmarshal(a[0].as_string()); });
  f.add("toToml", sig({A}), [](Args a) -> R { return Value::string(go_toml_encode(a[0])); });
}

}  // namespace gitops::render::helm
