// parse_values_yaml: yaml-cpp's node tree resolved with yaml.v2's YAML 1.1 rules, then shaped the
// way sigs.k8s.io/yaml's JSON round trip leaves it (float64 numbers, string keys).
#include "render/helm/values_yaml.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <set>

#include <re2/re2.h>

namespace gitops::render::helm {
namespace {

using gotemplate::List;
using gotemplate::Map;
using gotemplate::Value;

constexpr int k_max_depth = 512;
constexpr std::size_t k_max_nodes = 2'000'000;

struct YamlError {
  int line = 0;
  std::string message;
};

const std::set<std::string, std::less<>>& true_words() {
  static const std::set<std::string, std::less<>> words = {"y",  "Y",  "yes",  "Yes",  "YES", "on",
                                                           "On", "ON", "true", "True", "TRUE"};
  return words;
}

const std::set<std::string, std::less<>>& false_words() {
  static const std::set<std::string, std::less<>> words = {
      "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"};
  return words;
}

bool all_digits(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s) {
    int d = (c >= '0' && c <= '9')   ? c - '0'
            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                     : 99;
    if (d >= base) return false;
  }
  return true;
}

// strconv.ParseInt/ParseUint(s, 0, 64) widened to a double (the JSON round trip's result).
std::optional<double> parse_go_integer(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() > 1 && s[0] == '0') {
    char p = s[1];
    if (p == 'x' || p == 'X') base = 16, s.remove_prefix(2);
    else if (p == 'o' || p == 'O') base = 8, s.remove_prefix(2);
    else if (p == 'b' || p == 'B') base = 2, s.remove_prefix(2);
    else base = 8, s.remove_prefix(1);
  }
  if (!all_digits(s, base)) return std::nullopt;
  std::uint64_t magnitude = 0;
  constexpr auto k_max = std::numeric_limits<std::uint64_t>::max();
  for (char c : s) {
    auto d = static_cast<std::uint64_t>((c >= '0' && c <= '9') ? c - '0' : (c | 0x20) - 'a' + 10);
    auto b = static_cast<std::uint64_t>(base);
    if (magnitude > (k_max - d) / b) return std::nullopt;
    magnitude = magnitude * b + d;
  }
  if (negative && magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) {
    return std::nullopt;
  }
  if (negative) return -static_cast<double>(magnitude);
  return static_cast<double>(magnitude);
}

std::optional<double> parse_float(const std::string& s) {
  errno = 0;
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || s.empty()) return std::nullopt;
  return d;
}

// yaml.v2's resolve() for a plain scalar, after the JSON round trip.
Value resolve_plain(const std::string& in) {
  if (in.empty() || in == "~" || in == "null" || in == "Null" || in == "NULL") return Value();
  if (true_words().count(in)) return Value::boolean(true);
  if (false_words().count(in)) return Value::boolean(false);
  char c = in[0];
  if (in == ".nan" || in == ".NaN" || in == ".NAN") return Value::float64(std::nan(""));
  for (const char* inf : {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
    if (in == inf) return Value::float64(std::numeric_limits<double>::infinity());
  }
  for (const char* inf : {"-.inf", "-.Inf", "-.INF"}) {
    if (in == inf) return Value::float64(-std::numeric_limits<double>::infinity());
  }
  if (c == '.') {
    if (auto f = parse_float(in)) return Value::float64(*f);
    return Value::string(in);
  }
  if (!((c >= '0' && c <= '9') || c == '+' || c == '-')) return Value::string(in);
  std::string plain;
  for (char ch : in) {
    if (ch != '_') plain += ch;
  }
  if (auto i = parse_go_integer(plain)) return Value::float64(*i);
  static const RE2 k_float(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (RE2::FullMatch(plain, k_float)) {
    if (auto f = parse_float(plain)) return Value::float64(*f);
  }
  return Value::string(in);
}

// sigs.k8s.io/yaml's key conversion of a resolved scalar key.
std::string key_string(const Value& key, const std::string& raw) {
  switch (key.kind()) {
    case gotemplate::Kind::boolean:
      return key.as_bool() ? "true" : "false";
    case gotemplate::Kind::float64: {
      double f = key.as_float();
      if (std::isnan(f)) return ".nan";
      if (std::isinf(f)) return f > 0 ? ".inf" : "-.inf";
      if (f == std::trunc(f) && std::fabs(f) < 1e15 && raw.find_first_of(".eE") == std::string::npos) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", f);
        return buf;
      }
      for (int prec = 1; prec <= 9; ++prec) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%.*g", prec, static_cast<double>(static_cast<float>(f)));
        if (static_cast<float>(std::strtod(buf, nullptr)) == static_cast<float>(f)) return buf;
      }
      return raw;
    }
    case gotemplate::Kind::nil:
      throw YamlError{0, "unsupported map key of type <nil>"};
    default:
      return key.as_string();
  }
}

class Converter {
 public:
  Value convert(const YAML::Node& node, int depth) {
    if (++m_nodes > k_max_nodes) throw YamlError{0, "document expands to too many nodes"};
    if (depth > k_max_depth) throw YamlError{node.Mark().line + 1, "nesting too deep"};
    switch (node.Type()) {
      case YAML::NodeType::Null:
        return Value();
      case YAML::NodeType::Scalar:
        return scalar(node);
      case YAML::NodeType::Sequence: {
        List items;
        for (const auto& child : node) items.push_back(convert(child, depth + 1));
        return Value::list(std::move(items));
      }
      case YAML::NodeType::Map: {
        Map entries;
        fill_map(node, entries, depth);
        return Value::map(std::move(entries));
      }
      default:
        return Value();
    }
  }

 private:
  static Value scalar(const YAML::Node& node) {
    const std::string& tag = node.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return Value::string(node.Scalar());
    return resolve_plain(node.Scalar());
  }

  void fill_map(const YAML::Node& node, Map& entries, int depth) {
    for (const auto& pair : node) {
      const YAML::Node& key = pair.first;
      if (key.IsScalar() && key.Tag() == "?" && key.Scalar() == "<<") {
        merge(pair.second, entries, depth);
        continue;
      }
      std::string name;
      if (key.IsScalar()) {
        name = key_string(scalar(key), key.Scalar());
      } else if (key.IsNull()) {
        throw YamlError{key.Mark().line + 1, "unsupported map key of type <nil>"};
      } else {
        throw YamlError{key.Mark().line + 1, "invalid map key: a map or list"};
      }
      entries[name] = convert(pair.second, depth + 1);
    }
  }

  void merge(const YAML::Node& value, Map& entries, int depth) {
    if (value.IsMap()) {
      fill_map(value, entries, depth + 1);
      return;
    }
    if (value.IsSequence()) {
      for (std::size_t i = value.size(); i-- > 0;) {
        if (!value[i].IsMap()) break;
        fill_map(value[i], entries, depth + 1);
      }
      bool all_maps = true;
      for (const auto& item : value) all_maps = all_maps && item.IsMap();
      if (all_maps) return;
    }
    throw YamlError{value.Mark().line + 1, "map merge requires map or sequence of maps as the value"};
  }

  std::size_t m_nodes = 0;
};

}  // namespace

core::Result<Value> parse_values_yaml(std::string_view text) {
  try {
    YAML::Node root = YAML::Load(std::string(text));
    return Converter().convert(root, 0);
  } catch (const YamlError& e) {
    return core::Error{core::ErrorKind::source, "error converting YAML to JSON: yaml: line " +
                                                    std::to_string(e.line) + ": " + e.message};
  } catch (const YAML::Exception& e) {
    return core::Error{core::ErrorKind::source, "error converting YAML to JSON: yaml: line " +
                                                    std::to_string(e.mark.line + 1) + ": " + e.msg};
  } catch (const std::exception& e) {
    return core::Error{core::ErrorKind::source,
                       std::string("error converting YAML to JSON: yaml: ") + e.what()};
  }
}

Value deep_copy(const Value& value) {
  if (value.kind() == gotemplate::Kind::map) {
    Map entries;
    for (const auto& [k, v] : value.as_map()) entries.emplace(k, deep_copy(v));
    return Value::map(std::move(entries), value.map_type());
  }
  if (value.kind() == gotemplate::Kind::list) {
    List items;
    for (const auto& v : value.as_list()) items.push_back(deep_copy(v));
    return Value::list(std::move(items), value.list_type());
  }
  return value;
}

Value empty_map() { return Value::map({}); }

}  // namespace gitops::render::helm
