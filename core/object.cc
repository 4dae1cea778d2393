// The object model's small accessors: origins and keys as text, identity and ordering of keys,
// and typed reads of the fields every Kubernetes object carries.
#include "core/object.h"

#include <tuple>

namespace gitops::core {
namespace {

// The string at `json[name]`, or "" when `json` is not a map or the field is absent or not a string.
std::string string_field(const Json& json, std::string_view name) {
  if (!json.is_object()) return {};
  auto it = json.find(name);
  if (it == json.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

const Json* metadata_of(const Json& body) {
  if (!body.is_object()) return nullptr;
  auto it = body.find("metadata");
  if (it == body.end() || !it->is_object()) return nullptr;
  return &*it;
}

std::string metadata_map_entry(const Json& body, std::string_view map, std::string_view key) {
  const Json* metadata = metadata_of(body);
  if (metadata == nullptr) return {};
  auto it = metadata->find(map);
  if (it == metadata->end()) return {};
  return string_field(*it, key);
}

}  // namespace

std::string Origin::to_string() const {
  std::string out = file;
  if (line <= 0) return out;
  out += (out.empty() ? "" : ":") + std::to_string(line);
  if (column > 0) out += ":" + std::to_string(column);
  return out;
}

std::string ObjectKey::api_version() const {
  if (group.empty()) return version;
  return group + "/" + version;
}

std::string ObjectKey::to_string() const {
  std::string out = api_version();
  auto append = [&out](std::string_view part) {
    if (part.empty()) return;
    if (!out.empty()) out += ' ';
    out += part;
  };
  append(kind);
  append(namespace_.empty() ? name : namespace_ + "/" + name);
  return out;
}

std::string ObjectKey::group_kind() const {
  if (group.empty()) return kind;
  return kind + "." + group;
}

bool ObjectKey::same_object(const ObjectKey& other) const {
  return group == other.group && kind == other.kind && namespace_ == other.namespace_ &&
         name == other.name;
}

std::weak_ordering ObjectKey::operator<=>(const ObjectKey& other) const {
  auto order = std::tie(group, kind, namespace_, name) <=>
               std::tie(other.group, other.kind, other.namespace_, other.name);
  if (order < 0) return std::weak_ordering::less;
  if (order > 0) return std::weak_ordering::greater;
  return std::weak_ordering::equivalent;
}

std::pair<std::string, std::string> split_api_version(std::string_view api_version) {
  auto slash = api_version.rfind('/');
  if (slash == std::string_view::npos) return {"", std::string(api_version)};
  return {std::string(api_version.substr(0, slash)), std::string(api_version.substr(slash + 1))};
}

ObjectKey Object::key() const {
  ObjectKey key;
  std::tie(key.group, key.version) = split_api_version(string_field(body, "apiVersion"));
  key.kind = kind();
  key.namespace_ = namespace_();
  key.name = name();
  return key;
}

std::string Object::kind() const { return string_field(body, "kind"); }

std::string Object::name() const {
  const Json* metadata = metadata_of(body);
  return metadata == nullptr ? std::string() : string_field(*metadata, "name");
}

std::string Object::namespace_() const {
  const Json* metadata = metadata_of(body);
  return metadata == nullptr ? std::string() : string_field(*metadata, "namespace");
}

void Object::set_namespace(const std::string& ns) {
  if (!body.is_object()) body = Json::object();
  Json& metadata = body["metadata"];
  if (!metadata.is_object()) metadata = Json::object();
  metadata["namespace"] = ns;
}

std::string Object::annotation(std::string_view key) const {
  return metadata_map_entry(body, "annotations", key);
}

std::string Object::label(std::string_view key) const {
  return metadata_map_entry(body, "labels", key);
}

}  // namespace gitops::core
