// decode_metadata / validate_metadata: Go's JSON decoding into chart.Metadata (field names matched
// case-insensitively) and Metadata.Validate with Helm's messages.
#include "render/helm/chart_metadata.h"

#include <charconv>
#include <cctype>
#include <cstdlib>

#include <re2/re2.h>

#include "render/helm/semver.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Value;

// strconv.FormatFloat(f, 'g', -1, 64).
std::string go_float(double f) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  auto e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  int exp = std::atoi(sci.c_str() + e + 1);
  bool negative = mantissa[0] == '-';
  std::string digits;
  for (char c : mantissa) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  std::string out = negative ? "-" : "";
  if (exp < -4 || exp >= 6) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return out + ebuf;
  }
  if (exp < 0) return out + "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  auto point = static_cast<std::size_t>(exp + 1);
  if (digits.size() <= point) return out + digits + std::string(point - digits.size(), '0');
  return out + digits.substr(0, point) + "." + digits.substr(point);
}

core::Error type_error(std::string_view got, std::string_view field, std::string_view type) {
  return core::Error{core::ErrorKind::source, "error unmarshaling JSON: json: cannot unmarshal " +
                                                  std::string(got) + " into Go struct field " +
                                                  std::string(field) + " of type " +
                                                  std::string(type)};
}

std::string_view json_kind(const Value& v) {
  switch (v.kind()) {
    case Kind::map: return "object";
    case Kind::list: return "array";
    case Kind::boolean: return "bool";
    case Kind::string: return "string";
    default: return "number";
  }
}

core::Result<std::string> as_string(const Value& v, std::string_view field) {
  switch (v.kind()) {
    case Kind::nil: return std::string();
    case Kind::string: return v.as_string();
    case Kind::float64: return go_float(v.as_float());
    case Kind::boolean: return std::string(v.as_bool() ? "true" : "false");
    default: return type_error(json_kind(v), field, "string");
  }
}

core::Result<std::vector<std::string>> as_strings(const Value& v, std::string_view field) {
  std::vector<std::string> out;
  if (v.is_nil()) return out;
  if (v.kind() != Kind::list) return type_error(json_kind(v), field, "[]string");
  for (const auto& item : v.as_list()) {
    auto s = as_string(item, field);
    if (!s) return s.error();
    out.push_back(*s);
  }
  return out;
}

// The entry of `map` named `name`: an exact match first, else a case-insensitive one.
const Value* lookup(const gotemplate::Map& map, std::string_view name) {
  if (auto it = map.find(name); it != map.end()) return &it->second;
  for (const auto& [key, value] : map) {
    if (key.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < key.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(key[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return &value;
  }
  return nullptr;
}

#define GITOPS_STRING_FIELD(map, key, target, field)  \
  if (const Value* found_ = lookup(map, key)) {       \
    auto s = as_string(*found_, field);               \
    if (!s) return s.error();                         \
    target = *s;                                      \
  }

core::Result<std::shared_ptr<Dependency>> decode_dependency(const Value& v) {
  auto dep = std::make_shared<Dependency>();
  if (v.is_nil()) return dep;
  if (v.kind() != Kind::map) return type_error(json_kind(v), "Metadata.dependencies", "chart.Dependency");
  const auto& m = v.as_map();
  GITOPS_STRING_FIELD(m, "name", dep->name, "Dependency.name")
  GITOPS_STRING_FIELD(m, "version", dep->version, "Dependency.version")
  GITOPS_STRING_FIELD(m, "repository", dep->repository, "Dependency.repository")
  GITOPS_STRING_FIELD(m, "condition", dep->condition, "Dependency.condition")
  GITOPS_STRING_FIELD(m, "alias", dep->alias, "Dependency.alias")
  if (const Value* t = lookup(m, "tags")) {
    auto tags = as_strings(*t, "Dependency.tags");
    if (!tags) return tags.error();
    dep->tags = *tags;
  }
  if (const Value* e = lookup(m, "enabled"); e && e->kind() == Kind::boolean) dep->enabled = e->as_bool();
  if (const Value* iv = lookup(m, "import-values"); iv && iv->kind() == Kind::list) {
    dep->import_values = iv->as_list();
  }
  return dep;
}

core::Status decode_lists(const gotemplate::Map& m, Metadata& md) {
  if (const Value* v = lookup(m, "sources")) {
    auto s = as_strings(*v, "Metadata.sources");
    if (!s) return s.error();
    md.sources = *s;
  }
  if (const Value* v = lookup(m, "keywords")) {
    auto s = as_strings(*v, "Metadata.keywords");
    if (!s) return s.error();
    md.keywords = *s;
  }
  if (const Value* v = lookup(m, "maintainers"); v && v->kind() == Kind::list) {
    md.maintainers.clear();
    for (const auto& item : v->as_list()) {
      Maintainer person;
      if (item.kind() == Kind::map) {
        GITOPS_STRING_FIELD(item.as_map(), "name", person.name, "Maintainer.name")
        GITOPS_STRING_FIELD(item.as_map(), "email", person.email, "Maintainer.email")
        GITOPS_STRING_FIELD(item.as_map(), "url", person.url, "Maintainer.url")
      }
      md.maintainers.push_back(person);
    }
  }
  if (const Value* v = lookup(m, "annotations"); v && v->kind() == Kind::map) {
    md.annotations.emplace();
    for (const auto& [key, value] : v->as_map()) {
      auto s = as_string(value, "Metadata.annotations");
      if (!s) return s.error();
      md.annotations->emplace_back(key, *s);
    }
  }
  if (const Value* v = lookup(m, "dependencies"); v && v->kind() == Kind::list) {
    md.dependencies.clear();
    for (const auto& item : v->as_list()) {
      auto dep = decode_dependency(item);
      if (!dep) return dep.error();
      md.dependencies.push_back(*dep);
    }
  }
  return {};
}

std::string sanitize(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') {
      out += ' ';
    } else if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
    }
  }
  return out;
}

core::Error validation(std::string message) {
  return core::Error{core::ErrorKind::source, "validation: " + std::move(message)};
}

}  // namespace

core::Status decode_metadata(const Value& doc, Metadata& md) {
  if (doc.is_nil()) return {};
  if (doc.kind() != Kind::map) {
    return core::Error{core::ErrorKind::source,
                       "error unmarshaling JSON: json: cannot unmarshal " +
                           std::string(json_kind(doc)) + " into Go value of type chart.Metadata"};
  }
  const auto& m = doc.as_map();
  GITOPS_STRING_FIELD(m, "name", md.name, "Metadata.name")
  GITOPS_STRING_FIELD(m, "home", md.home, "Metadata.home")
  GITOPS_STRING_FIELD(m, "version", md.version, "Metadata.version")
  GITOPS_STRING_FIELD(m, "description", md.description, "Metadata.description")
  GITOPS_STRING_FIELD(m, "icon", md.icon, "Metadata.icon")
  GITOPS_STRING_FIELD(m, "apiVersion", md.api_version, "Metadata.apiVersion")
  GITOPS_STRING_FIELD(m, "condition", md.condition, "Metadata.condition")
  GITOPS_STRING_FIELD(m, "tags", md.tags, "Metadata.tags")
  GITOPS_STRING_FIELD(m, "appVersion", md.app_version, "Metadata.appVersion")
  GITOPS_STRING_FIELD(m, "kubeVersion", md.kube_version, "Metadata.kubeVersion")
  GITOPS_STRING_FIELD(m, "type", md.type, "Metadata.type")
  if (const Value* v = lookup(m, "deprecated")) {
    if (v->kind() == Kind::boolean) {
      md.deprecated = v->as_bool();
    } else if (!v->is_nil()) {
      return type_error(json_kind(*v), "Metadata.deprecated", "bool");
    }
  }
  return decode_lists(m, md);
}

core::Status validate_metadata(Metadata& md) {
  for (std::string* field : {&md.name, &md.description, &md.home, &md.icon, &md.condition,
                             &md.tags, &md.app_version, &md.kube_version}) {
    *field = sanitize(*field);
  }
  for (auto& s : md.sources) s = sanitize(s);
  for (auto& s : md.keywords) s = sanitize(s);
  if (md.api_version.empty()) return validation("chart.metadata.apiVersion is required");
  if (md.name.empty()) return validation("chart.metadata.name is required");
  if (md.version.empty()) return validation("chart.metadata.version is required");
  if (!parse_semver(md.version).ok()) {
    return validation("chart.metadata.version \"" + md.version + "\" is invalid");
  }
  if (md.type != "" && md.type != "application" && md.type != "library") {
    return validation("chart.metadata.type must be application or library");
  }
  for (auto& person : md.maintainers) {
    person.name = sanitize(person.name);
    person.email = sanitize(person.email);
    person.url = sanitize(person.url);
  }
  static const RE2 k_alias("^[a-zA-Z0-9_-]+$");
  for (auto& dep : md.dependencies) {
    dep->name = sanitize(dep->name);
    dep->version = sanitize(dep->version);
    dep->repository = sanitize(dep->repository);
    dep->condition = sanitize(dep->condition);
    for (auto& t : dep->tags) t = sanitize(t);
    if (!dep->alias.empty() && !RE2::FullMatch(dep->alias, k_alias)) {
      return validation("dependency \"" + dep->name + "\" has disallowed characters in the alias");
    }
  }
  return {};
}

}  // namespace gitops::render::helm
