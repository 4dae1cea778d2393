// App sets across a config reload: which apps were added, removed or changed, comparing each
// app's fingerprint (the canonical text of its spec) by key. Pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "agent/metrics.h"

namespace gitops::agent {

struct AppSetChange {
  std::vector<AppKey> added;    // in `wanted` only
  std::vector<AppKey> removed;  // in `running` only
  std::vector<AppKey> changed;  // in both, with another fingerprint
  bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
};

// The change from `running` to `wanted` (app -> fingerprint); every list sorted by key.
AppSetChange diff_app_sets(const std::map<AppKey, std::string>& running,
                           const std::map<AppKey, std::string>& wanted);

// "1 added (shop/x), 2 removed (shop/y, shop/z), 1 changed (web/a)", leaving out empty parts;
// "no app changed" when empty.
std::string describe(const AppSetChange& change);

}  // namespace gitops::agent
