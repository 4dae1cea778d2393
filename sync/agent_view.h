// The agent's view of an app, kept on the app's inventory parent Secret `gitops-APP` as
// annotations (kubectl-gitops.dev/agent-*) so `list` and `status` can show what the agent last
// saw. The agent writes them by server-side apply under its own field manager
// (`kubectl-gitops-agent`), so the engine's apply of the parent (manager `kubectl-gitops`) never
// removes them.
#pragma once

#include <optional>
#include <string>

#include "core/object.h"
#include "core/result.h"
#include "kube/client.h"

namespace gitops::sync {

inline constexpr const char* k_agent_commit_annotation = "kubectl-gitops.dev/agent-commit";
inline constexpr const char* k_agent_ref_annotation = "kubectl-gitops.dev/agent-ref";
inline constexpr const char* k_agent_sync_annotation = "kubectl-gitops.dev/agent-sync-status";
inline constexpr const char* k_agent_health_annotation = "kubectl-gitops.dev/agent-health";
inline constexpr const char* k_agent_identity_annotation = "kubectl-gitops.dev/agent-identity";
inline constexpr const char* k_agent_observed_annotation = "kubectl-gitops.dev/agent-observed-at";
inline constexpr const char* k_agent_field_manager = "kubectl-gitops-agent";

struct AgentView {
  std::string commit;       // the ref's commit at the last check, full SHA
  std::string ref;          // as configured ("main")
  std::string sync_status;  // Synced, OutOfSync
  std::string health;       // Healthy, Progressing, Degraded, Missing, Suspended, Unknown
  std::string identity;     // the agent's --identity
  std::string observed_at;  // RFC 3339
  bool operator==(const AgentView&) const = default;
};

// The view in a live parent's annotations; nullopt when it carries no agent-commit annotation.
std::optional<AgentView> agent_view_from_parent(const core::Json& parent);

// {"commit", "ref", "sync", "health", "identity", "observedAt"}, for `-o json`.
core::Json to_json(const AgentView& view);

// Writes `view` onto the parent Secret of `app` in `namespace_` whose resourceVersion is
// `resource_version` (so a parent deleted meanwhile is not recreated: the write fails instead).
core::Status write_agent_view(kube::Client& client, const std::string& app,
                              const std::string& namespace_, const AgentView& view,
                              const std::string& resource_version);

}  // namespace gitops::sync
