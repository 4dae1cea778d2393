// Annotation and label keys the tool reads on rendered objects (DESIGN.md section 4), with the
// Argo CD, Flux and Helm spellings honoured for migration, and the small policies built on them.
#pragma once

#include <string>

#include "core/object.h"

namespace gitops::core {

inline constexpr const char* k_sync_wave = "kubectl-gitops.dev/sync-wave";
inline constexpr const char* k_prune = "kubectl-gitops.dev/prune";
inline constexpr const char* k_argocd_sync_wave = "argocd.argoproj.io/sync-wave";
inline constexpr const char* k_argocd_sync_options = "argocd.argoproj.io/sync-options";
inline constexpr const char* k_argocd_hook = "argocd.argoproj.io/hook";
inline constexpr const char* k_flux_prune = "kustomize.toolkit.fluxcd.io/prune";
inline constexpr const char* k_helm_resource_policy = "helm.sh/resource-policy";
inline constexpr const char* k_helm_hook = "helm.sh/hook";
inline constexpr const char* k_helm_hook_weight = "helm.sh/hook-weight";
inline constexpr const char* k_helm_hook_delete_policy = "helm.sh/hook-delete-policy";
inline constexpr const char* k_last_applied = "kubectl.kubernetes.io/last-applied-configuration";

// The sync wave of an object (ours, else Argo CD's); 0 when absent or not an integer.
int sync_wave(const Json& object);

// Why an object must not be pruned, from its annotations ("" when it may be):
// "kubectl-gitops.dev/prune: false", "argocd.argoproj.io/sync-options: Prune=false",
// "kustomize.toolkit.fluxcd.io/prune: disabled", "helm.sh/resource-policy: keep".
std::string prune_disabled_reason(const Json& object);

// Kinds pruned only when named by --prune-protected: Namespaces, CRDs, PersistentVolumeClaims.
bool is_prune_protected_kind(const ObjectKey& key);

}  // namespace gitops::core
