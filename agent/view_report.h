// When the agent writes its view of an app (sync/agent_view.h) onto the app's parent Secret:
// as soon as anything it saw changed, and otherwise once a refresh period (a minute) to renew
// the observed-at time, so a quiet app costs one write a minute.
#pragma once

#include <chrono>
#include <optional>

#include "sync/agent_view.h"

namespace gitops::agent {

struct ReportedView {
  sync::AgentView view;
  std::chrono::steady_clock::time_point at;  // when it was written
};

// Whether `now` (observed_at aside; health aside when empty, i.e. not assessed this time) must
// be written, given the view last written.
bool view_report_due(const std::optional<ReportedView>& last, const sync::AgentView& now,
                     std::chrono::steady_clock::time_point at,
                     std::chrono::milliseconds refresh = std::chrono::minutes(1));

}  // namespace gitops::agent
