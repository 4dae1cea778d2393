// Apply order (DESIGN.md section 5): Namespaces and CRDs first, then by sync wave, then by kind in
// the order Helm and Argo CD install them, then namespace and name. Prune runs in reverse.
#pragma once

#include <string>

#include "diff/plan.h"

namespace gitops::sync {

// Position of `kind` in Helm's install order; unknown kinds sort after every known one.
int kind_rank(const std::string& kind);

// 0 for Namespaces and CustomResourceDefinitions (applied before anything else), 1 otherwise.
int phase_of(const core::ObjectKey& key);

// Strict weak order for applying.
bool apply_before(const diff::Change& a, const diff::Change& b);

}  // namespace gitops::sync
