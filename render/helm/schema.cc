// A JSON Schema (draft 4-7 subset) validator over gotemplate values with gojsonschema's error
// texts (see schema.h).
#include "render/helm/schema.h"

#include <cmath>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Value;
using Json = nlohmann::json;

struct Problem {
  std::string field;
  std::string text;
};

std::string type_of(const Value& v) {
  switch (v.kind()) {
    case Kind::nil: return "null";
    case Kind::boolean: return "boolean";
    case Kind::integer:
    case Kind::int64: return "integer";
    case Kind::float64: return std::trunc(v.as_float()) == v.as_float() ? "integer" : "number";
    case Kind::list: return "array";
    case Kind::map: return "object";
    default: return "string";
  }
}

double number(const Value& v) { return v.kind() == Kind::float64 ? v.as_float() : static_cast<double>(v.as_int()); }

bool is_number(const Value& v) { return v.is_integer() || v.kind() == Kind::float64; }

Json to_json(const Value& v) {
  switch (v.kind()) {
    case Kind::nil: return nullptr;
    case Kind::boolean: return v.as_bool();
    case Kind::integer:
    case Kind::int64: return v.as_int();
    case Kind::float64: return v.as_float();
    case Kind::list: {
      Json out = Json::array();
      for (const auto& x : v.as_list()) out.push_back(to_json(x));
      return out;
    }
    case Kind::map: {
      Json out = Json::object();
      for (const auto& [k, x] : v.as_map()) out[k] = to_json(x);
      return out;
    }
    case Kind::bytes: return v.as_bytes();
    default: return v.kind() == Kind::string ? Json(v.as_string()) : Json(nullptr);
  }
}

bool json_equal(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return a == b;
}

std::string child_field(const std::string& parent, const std::string& key) {
  return parent == "(root)" ? key : parent + "." + key;
}

std::string format_number(double d) {
  if (std::trunc(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  std::string s = std::to_string(d);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

class Validator {
 public:
  explicit Validator(const Json& root) : m_root(root) {}

  void check(const Json& schema, const Value& v, const std::string& field) {
    if (++m_depth > 256) return;
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) add(field, "False always fails validation");
    } else if (schema.is_object()) {
      check_object_schema(schema, v, field);
    }
    --m_depth;
  }

  std::vector<Problem> problems;

 private:
  void add(const std::string& field, std::string text) { problems.push_back({field, std::move(text)}); }

  const Json* resolve(const std::string& ref) const {
    if (ref.empty() || ref[0] != '#') return nullptr;
    try {
      return &m_root.at(Json::json_pointer(ref.substr(1)));
    } catch (const std::exception&) {
      return nullptr;
    }
  }

  bool passes(const Json& schema, const Value& v) {
    Validator sub(m_root);
    sub.m_depth = m_depth;
    sub.check(schema, v, "(root)");
    return sub.problems.empty();
  }

  void check_object_schema(const Json& s, const Value& v, const std::string& field) {
    if (auto ref = s.find("$ref"); ref != s.end() && ref->is_string()) {
      if (const Json* target = resolve(ref->get<std::string>())) check(*target, v, field);
      return;
    }
    check_type(s, v, field);
    check_generic(s, v, field);
    if (is_number(v)) check_number(s, number(v), field);
    if (v.is_string()) check_string(s, v.as_string(), field);
    if (v.kind() == Kind::list) check_array(s, v, field);
    if (v.kind() == Kind::map) check_map(s, v, field);
  }

  void check_type(const Json& s, const Value& v, const std::string& field) {
    auto t = s.find("type");
    if (t == s.end()) return;
    std::vector<std::string> allowed;
    if (t->is_string()) allowed.push_back(t->get<std::string>());
    if (t->is_array()) {
      for (const auto& x : *t) {
        if (x.is_string()) allowed.push_back(x.get<std::string>());
      }
    }
    std::string actual = type_of(v);
    for (const auto& a : allowed) {
      if (a == actual || (a == "number" && actual == "integer")) return;
    }
    std::string expected;
    for (std::size_t i = 0; i < allowed.size(); ++i) expected += (i ? "/" : "") + allowed[i];
    add(field, "Invalid type. Expected: " + expected + ", given: " + actual);
  }

  void check_generic(const Json& s, const Value& v, const std::string& field) {
    Json j = to_json(v);
    if (auto e = s.find("enum"); e != s.end() && e->is_array()) {
      bool found = false;
      std::string options;
      for (const auto& option : *e) {
        found = found || json_equal(option, j);
        options += (options.empty() ? "" : ", ") + option.dump();
      }
      if (!found) add(field, field + " must be one of the following: " + options);
    }
    if (auto c = s.find("const"); c != s.end() && !json_equal(*c, j)) {
      add(field, field + " does not match: " + c->dump());
    }
    if (auto all = s.find("allOf"); all != s.end() && all->is_array()) {
      for (const auto& sub : *all) {
        if (!passes(sub, v)) {
          check(sub, v, field);
          add(field, "Must validate all the schemas (allOf)");
          break;
        }
      }
    }
    if (auto any = s.find("anyOf"); any != s.end() && any->is_array()) {
      bool ok = false;
      for (const auto& sub : *any) ok = ok || passes(sub, v);
      if (!ok) add(field, "Must validate at least one schema (anyOf)");
    }
    if (auto one = s.find("oneOf"); one != s.end() && one->is_array()) {
      int count = 0;
      for (const auto& sub : *one) count += passes(sub, v) ? 1 : 0;
      if (count != 1) add(field, "Must validate one and only one schema (oneOf)");
    }
    if (auto no = s.find("not"); no != s.end() && passes(*no, v)) {
      add(field, "Must not validate the schema (not)");
    }
  }

  void check_number(const Json& s, double n, const std::string& field) {
    auto num = [&](const char* key) -> const Json* {
      auto it = s.find(key);
      return it != s.end() && it->is_number() ? &*it : nullptr;
    };
    auto flag = [&](const char* key) {
      auto it = s.find(key);
      return it != s.end() && it->is_boolean() && it->get<bool>();
    };
    if (const Json* m = num("minimum")) {
      double lim = m->get<double>();
      if (flag("exclusiveMinimum") ? n <= lim : n < lim) {
        add(field, std::string("Must be greater than ") + (flag("exclusiveMinimum") ? "" : "or equal to ") + format_number(lim));
      }
    }
    if (const Json* m = num("maximum")) {
      double lim = m->get<double>();
      if (flag("exclusiveMaximum") ? n >= lim : n > lim) {
        add(field, std::string("Must be less than ") + (flag("exclusiveMaximum") ? "" : "or equal to ") + format_number(lim));
      }
    }
    if (const Json* m = num("exclusiveMinimum"); m && n <= m->get<double>()) {
      add(field, "Must be greater than " + format_number(m->get<double>()));
    }
    if (const Json* m = num("exclusiveMaximum"); m && n >= m->get<double>()) {
      add(field, "Must be less than " + format_number(m->get<double>()));
    }
    if (const Json* m = num("multipleOf"); m && m->get<double>() != 0) {
      double q = n / m->get<double>();
      if (std::trunc(q) != q) add(field, "Must be a multiple of " + format_number(m->get<double>()));
    }
  }

  void check_string(const Json& s, const std::string& text, const std::string& field) {
    std::size_t runes = 0;
    for (unsigned char c : text) runes += (c & 0xC0) != 0x80 ? 1 : 0;
    if (auto m = s.find("minLength"); m != s.end() && m->is_number() && runes < m->get<std::size_t>()) {
      add(field, "String length must be greater than or equal to " + m->dump());
    }
    if (auto m = s.find("maxLength"); m != s.end() && m->is_number() && runes > m->get<std::size_t>()) {
      add(field, "String length must be less than or equal to " + m->dump());
    }
    if (auto p = s.find("pattern"); p != s.end() && p->is_string()) {
      RE2 re(p->get<std::string>());
      if (re.ok() && !RE2::PartialMatch(text, re)) {
        add(field, "Does not match pattern '" + p->get<std::string>() + "'");
      }
    }
  }

  void check_array(const Json& s, const Value& v, const std::string& field) {
    const auto& items = v.as_list();
    if (auto m = s.find("minItems"); m != s.end() && m->is_number() && items.size() < m->get<std::size_t>()) {
      add(field, "Array must have at least " + m->dump() + " items");
    }
    if (auto m = s.find("maxItems"); m != s.end() && m->is_number() && items.size() > m->get<std::size_t>()) {
      add(field, "Array must have at most " + m->dump() + " items");
    }
    if (auto u = s.find("uniqueItems"); u != s.end() && u->is_boolean() && u->get<bool>()) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        for (std::size_t k = i + 1; k < items.size(); ++k) {
          if (json_equal(to_json(items[i]), to_json(items[k]))) {
            add(field, "array items[" + std::to_string(i) + "," + std::to_string(k) + "] must be unique");
          }
        }
      }
    }
    auto it = s.find("items");
    if (it == s.end()) return;
    for (std::size_t i = 0; i < items.size(); ++i) {
      std::string f = field + "." + std::to_string(i);
      if (it->is_array()) {
        if (i < it->size()) check((*it)[i], items[i], f);
      } else {
        check(*it, items[i], f);
      }
    }
  }

  void check_map(const Json& s, const Value& v, const std::string& field) {
    const auto& map = v.as_map();
    if (auto r = s.find("required"); r != s.end() && r->is_array()) {
      for (const auto& name : *r) {
        if (name.is_string() && !map.count(name.get<std::string>())) {
          add(field, name.get<std::string>() + " is required");
        }
      }
    }
    if (auto m = s.find("minProperties"); m != s.end() && m->is_number() && map.size() < m->get<std::size_t>()) {
      add(field, "Must have at least " + m->dump() + " properties");
    }
    if (auto m = s.find("maxProperties"); m != s.end() && m->is_number() && map.size() > m->get<std::size_t>()) {
      add(field, "Must have at most " + m->dump() + " properties");
    }
    auto props = s.find("properties");
    auto patterns = s.find("patternProperties");
    auto additional = s.find("additionalProperties");
    for (const auto& [key, value] : map) {
      bool matched = false;
      std::string f = child_field(field, key);
      if (props != s.end() && props->is_object() && props->contains(key)) {
        matched = true;
        check((*props)[key], value, f);
      }
      if (patterns != s.end() && patterns->is_object()) {
        for (const auto& [pattern, sub] : patterns->items()) {
          RE2 re(pattern);
          if (re.ok() && RE2::PartialMatch(key, re)) {
            matched = true;
            check(sub, value, f);
          }
        }
      }
      if (matched || additional == s.end()) continue;
      if (additional->is_boolean() && !additional->get<bool>()) {
        add(field, "Additional property " + key + " is not allowed");
      } else if (additional->is_object()) {
        check(*additional, value, f);
      }
    }
  }

  const Json& m_root;
  int m_depth = 0;
};

// The problems of `chart`'s own schema and its subcharts', in Helm's layout.
std::string schema_report(const Chart& chart, const Value& values) {
  std::string out;
  if (!chart.schema.empty()) {
    Json schema = Json::parse(chart.schema, nullptr, false);
    if (schema.is_discarded()) {
      out += chart.name() + ":\ninvalid character in values.schema.json\n";
    } else {
      Validator validator(schema);
      validator.check(schema, values.is_nil() ? Value::map({}) : values, "(root)");
      if (!validator.problems.empty()) {
        out += chart.name() + ":\n";
        for (const auto& p : validator.problems) out += "- " + p.field + ": " + p.text + "\n";
      }
    }
  }
  for (const auto& sub : chart.dependencies) {
    Value sub_values;
    if (values.kind() == Kind::map) {
      if (auto it = values.as_map().find(sub->name()); it != values.as_map().end()) sub_values = it->second;
    }
    out += schema_report(*sub, sub_values);
  }
  return out;
}

}  // namespace

core::Status validate_values_schema(const Chart& chart, const Value& values) {
  std::string report = schema_report(chart, values);
  if (report.empty()) return {};
  return core::Error{core::ErrorKind::source,
                     "values don't meet the specifications of the schema(s) in the following "
                     "chart(s):\n" + report};
}

}  // namespace gitops::render::helm
