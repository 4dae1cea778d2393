// The write-or-not decision for the agent's view.
#include "agent/view_report.h"

namespace gitops::agent {

bool view_report_due(const std::optional<ReportedView>& last, const sync::AgentView& now,
                     std::chrono::steady_clock::time_point at, std::chrono::milliseconds refresh) {
  if (!last) return true;
  if (at - last->at >= refresh) return true;
  const sync::AgentView& before = last->view;
  if (!now.health.empty() && now.health != before.health) return true;
  return now.commit != before.commit || now.ref != before.ref ||
         now.sync_status != before.sync_status || now.identity != before.identity;
}

}  // namespace gitops::agent
