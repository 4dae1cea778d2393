// The app's inventory as an ApplySet (KEP-3659): a parent Secret `gitops-APP` in the app
// namespace whose labels and annotations say which group-kinds and namespaces hold members;
// every member carries the label applyset.kubernetes.io/part-of=ID. kubectl recognises it and
// refuses to manage a set whose tooling is not its own, so the two tools never fight over one set.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/object.h"

namespace gitops::sync {

inline constexpr const char* k_applyset_id_label = "applyset.kubernetes.io/id";
inline constexpr const char* k_part_of_label = "applyset.kubernetes.io/part-of";
inline constexpr const char* k_tooling_annotation = "applyset.kubernetes.io/tooling";
inline constexpr const char* k_group_kinds_annotation = "applyset.kubernetes.io/contains-group-kinds";
inline constexpr const char* k_namespaces_annotation = "applyset.kubernetes.io/additional-namespaces";

// "gitops-APP", the parent Secret's name.
std::string parent_name(const std::string& app);

// The KEP's ID of a parent: "applyset-" + base64url(sha256("NAME.NAMESPACE.KIND.GROUP")) + "-v1".
std::string applyset_id(const std::string& name, const std::string& namespace_,
                        const std::string& kind, const std::string& group);

// "kubectl-gitops/VERSION".
std::string tooling_value(const std::string& version);

struct ApplySet {
  std::string app;
  std::string namespace_;  // where the parent lives
  std::set<std::string> group_kinds;           // "Deployment.apps", "ConfigMap"
  std::set<std::string> additional_namespaces; // member namespaces other than namespace_

  std::string id() const;
  // The parent Secret as it is applied (type kubectl-gitops.dev/applyset, no data).
  core::Json parent(const std::string& version) const;
  // Adds the group-kind and namespace of `key` (cluster-scoped keys have an empty namespace).
  void add_member(const core::ObjectKey& key);
};

// Reads the group-kinds and namespaces of a live parent Secret.
ApplySet applyset_from_parent(const std::string& app, const core::Json& parent);

}  // namespace gitops::sync
