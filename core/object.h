// The object model: a Kubernetes object is a JSON value (nlohmann::json) plus where it came from.
// ObjectKey identifies it (group, kind, namespace, name); the version is carried but is not part
// of identity, as in the API server.
#pragma once

#include <compare>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gitops::core {

using Json = nlohmann::json;

// Where a value was read: file (relative to the source root), 1-based line and column; 0 = unknown.
struct Origin {
  std::string file;
  int line = 0;
  int column = 0;
  // "file:line:column", or as much of it as is known.
  std::string to_string() const;
};

struct ObjectKey {
  std::string group;    // "" for the core group
  std::string version;  // "v1"
  std::string kind;
  std::string namespace_;  // "" for cluster-scoped or not yet defaulted
  std::string name;

  // "apps/v1"; "v1" for the core group.
  std::string api_version() const;
  // "apps/v1 Deployment shop/web", or "v1 Namespace shop" without a namespace.
  std::string to_string() const;
  // "Deployment.apps", the group-kind form of the ApplySet contains-group-kinds annotation.
  std::string group_kind() const;

  // Identity ignores the version: apps/v1 and apps/v1beta1 Deployment shop/web are one object.
  bool same_object(const ObjectKey& other) const;
  std::weak_ordering operator<=>(const ObjectKey& other) const;
  bool operator==(const ObjectKey& other) const { return same_object(other); }
};

// Splits "apps/v1" into group "apps" and version "v1" ("v1" -> "", "v1").
std::pair<std::string, std::string> split_api_version(std::string_view api_version);

struct Object {
  Json body;
  Origin origin;

  // The key read from body (apiVersion, kind, metadata.namespace, metadata.name); fields that are
  // missing or not strings read as "".
  ObjectKey key() const;
  std::string kind() const;
  std::string name() const;
  std::string namespace_() const;
  void set_namespace(const std::string& ns);
  // metadata.annotations[key], or "" when absent.
  std::string annotation(std::string_view key) const;
  std::string label(std::string_view key) const;
};

using Objects = std::vector<Object>;

}  // namespace gitops::core
