// Plan helpers.
#include "diff/plan.h"

namespace gitops::diff {

std::string_view to_string(Action action) {
  switch (action) {
    case Action::create: return "create";
    case Action::update: return "update";
    case Action::unchanged: return "unchanged";
    case Action::prune: return "prune";
    case Action::keep: return "keep";
  }
  return "unchanged";
}

Counts Plan::counts() const {
  Counts c;
  for (const auto& change : changes) {
    switch (change.action) {
      case Action::create: ++c.create; break;
      case Action::update: ++c.update; break;
      case Action::unchanged: ++c.unchanged; break;
      case Action::prune: ++c.prune; break;
      case Action::keep: ++c.keep; break;
    }
  }
  for (const auto& hook : hooks) {
    if (!hook.phase.empty()) ++c.hooks;
  }
  return c;
}

}  // namespace gitops::diff
