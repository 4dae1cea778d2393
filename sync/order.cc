// Helm's install order of kinds, and the comparison built on it.
#include "sync/order.h"

#include <array>
#include <string_view>
#include <tuple>

namespace gitops::sync {
namespace {

constexpr std::array<std::string_view, 34> k_install_order = {
    "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
    "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
    "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
    "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList",
    "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController",
    "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
    "Ingress", "APIService"};

}  // namespace

int kind_rank(const std::string& kind) {
  for (size_t i = 0; i < k_install_order.size(); ++i) {
    if (k_install_order[i] == kind) return static_cast<int>(i);
  }
  return static_cast<int>(k_install_order.size());
}

int phase_of(const core::ObjectKey& key) {
  bool first = (key.group.empty() && key.kind == "Namespace") ||
               (key.group == "apiextensions.k8s.io" && key.kind == "CustomResourceDefinition");
  return first ? 0 : 1;
}

bool apply_before(const diff::Change& a, const diff::Change& b) {
  auto rank = [](const diff::Change& c) {
    return std::make_tuple(phase_of(c.key), c.wave, kind_rank(c.key.kind), c.key.kind,
                           c.key.namespace_, c.key.name);
  };
  return rank(a) < rank(b);
}

}  // namespace gitops::sync
