// Secret masking: values of a Secret's `data` and `stringData` and the last-applied annotation
// never reach output unless --show-secrets. Masks the way `kubectl diff` does, so a changed key
// stays visible: "***" where before and after agree, "*** (before)" / "*** (after)" where they
// differ.
#pragma once

#include "core/object.h"

namespace gitops::diff {

// Masks one side alone (a creation, a prune, an object in an error message). Non-Secrets are
// left as they are, except for the last-applied annotation, which is masked on Secrets only.
void mask_secret(core::Json& object);

// Masks a (before, after) pair of the same Secret; either side may be null (absent).
void mask_secret_pair(core::Json& before, core::Json& after);

// True for a core/v1 Secret body.
bool is_secret(const core::Json& object);

}  // namespace gitops::diff
