// read_objects and validate_objects: YAML documents to Kubernetes objects (empty documents
// skipped, `List` kinds flattened, each object tagged with where it starts) and the checks every
// object must pass before anything is sent to a cluster. Every problem is reported, one per line.
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "core/yaml.h"

namespace gitops::core {
namespace {

std::string_view type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: return "a map";
    case Json::value_t::array: return "a list";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::null: return "null";
    default: return "a number";
  }
}

std::string at(const Origin& origin) {
  std::string where = origin.to_string();
  return where.empty() ? std::string() : where + ": ";
}

bool is_list(const Json& body) {
  auto kind = body.find("kind");
  if (kind == body.end() || !kind->is_string()) return false;
  const auto& text = kind->get_ref<const std::string&>();
  if (!text.ends_with("List")) return false;
  auto items = body.find("items");
  return items != body.end() && (items->is_array() || items->is_null());
}

// Appends the items of a List document; `problems` collects items that are not objects.
void flatten_list(YamlDocument& document, Objects& out, std::vector<std::string>& problems) {
  Json& items = document.value["items"];
  if (items.is_null()) return;
  bool have_origins = document.item_origins.size() == items.size();
  for (std::size_t i = 0; i < items.size(); ++i) {
    Origin origin = have_origins ? document.item_origins[i] : document.origin;
    if (!items[i].is_object()) {
      problems.push_back(fmt::format("{}item {} of the {} is {}, not an object", at(origin), i,
                                     document.value["kind"].get<std::string>(),
                                     type_name(items[i])));
      continue;
    }
    out.push_back(Object{std::move(items[i]), std::move(origin)});
  }
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

// Checks body[field] (or body.metadata.name) is a non-empty string; adds a problem if not.
void check_string_field(const Json& parent, std::string_view field, std::string_view label,
                        const Origin& origin, std::vector<std::string>& problems) {
  auto it = parent.find(field);
  if (it == parent.end() || it->is_null() || (it->is_string() && it->get_ref<const std::string&>().empty())) {
    problems.push_back(fmt::format("{}missing {}", at(origin), label));
  } else if (!it->is_string()) {
    problems.push_back(fmt::format("{}{} is {}, not a string", at(origin), label, type_name(*it)));
  }
}

// The problems of one object's identifying fields; empty when it has a usable key.
std::vector<std::string> object_problems(const Object& object) {
  std::vector<std::string> problems;
  if (!object.body.is_object()) {
    problems.push_back(fmt::format("{}object is {}, not a map", at(object.origin),
                                   type_name(object.body)));
    return problems;
  }
  check_string_field(object.body, "apiVersion", "apiVersion", object.origin, problems);
  check_string_field(object.body, "kind", "kind", object.origin, problems);
  auto metadata = object.body.find("metadata");
  if (metadata == object.body.end() || metadata->is_null()) {
    problems.push_back(fmt::format("{}missing metadata.name", at(object.origin)));
  } else if (!metadata->is_object()) {
    problems.push_back(fmt::format("{}metadata is {}, not a map", at(object.origin),
                                   type_name(*metadata)));
  } else {
    check_string_field(*metadata, "name", "metadata.name", object.origin, problems);
  }
  return problems;
}

}  // namespace

Result<Objects> read_objects(std::string_view text, std::string_view file,
                             const YamlLimits& limits) {
  auto documents = parse_yaml_stream(text, file, limits);
  if (!documents) return documents.error();
  Objects objects;
  std::vector<std::string> problems;
  for (YamlDocument& document : *documents) {
    if (document.value.is_null()) continue;
    if (!document.value.is_object()) {
      problems.push_back(fmt::format("{}document is {}, not a Kubernetes object (a map)",
                                     at(document.origin), type_name(document.value)));
      continue;
    }
    if (is_list(document.value)) {
      flatten_list(document, objects, problems);
      continue;
    }
    objects.push_back(Object{std::move(document.value), std::move(document.origin)});
  }
  if (!problems.empty()) return Error{ErrorKind::source, join_lines(problems)};
  return objects;
}

Status validate_objects(const Objects& objects) {
  std::vector<std::string> problems;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, const Object*> seen;
  for (const Object& object : objects) {
    auto own = object_problems(object);
    if (!own.empty()) {
      problems.insert(problems.end(), own.begin(), own.end());
      continue;
    }
    ObjectKey key = object.key();
    auto [it, inserted] =
        seen.try_emplace(std::tuple(key.group, key.kind, key.namespace_, key.name), &object);
    if (!inserted) {
      problems.push_back(fmt::format("{}duplicate object {} (also defined at {})", at(object.origin),
                                     key.to_string(), it->second->origin.to_string()));
    }
  }
  if (!problems.empty()) return Error{ErrorKind::source, join_lines(problems)};
  return {};
}

}  // namespace gitops::core
