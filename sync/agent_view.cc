// Agent view annotations: read from a parent, applied onto it.
#include "sync/agent_view.h"

#include "sync/applyset.h"

namespace gitops::sync {

std::optional<AgentView> agent_view_from_parent(const core::Json& parent) {
  const core::Json annotations =
      parent.value("metadata", core::Json::object()).value("annotations", core::Json::object());
  if (!annotations.is_object() || !annotations.contains(k_agent_commit_annotation)) {
    return std::nullopt;
  }
  auto text = [&](const char* key) {
    auto it = annotations.find(key);
    return it != annotations.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return AgentView{.commit = text(k_agent_commit_annotation),
                   .ref = text(k_agent_ref_annotation),
                   .sync_status = text(k_agent_sync_annotation),
                   .health = text(k_agent_health_annotation),
                   .identity = text(k_agent_identity_annotation),
                   .observed_at = text(k_agent_observed_annotation)};
}

core::Json to_json(const AgentView& view) {
  return {{"commit", view.commit}, {"ref", view.ref},           {"sync", view.sync_status},
          {"health", view.health}, {"identity", view.identity}, {"observedAt", view.observed_at}};
}

core::Status write_agent_view(kube::Client& client, const std::string& app,
                              const std::string& namespace_, const AgentView& view,
                              const std::string& resource_version) {
  core::Json patch = {{"apiVersion", "v1"},
                      {"kind", "Secret"},
                      {"metadata",
                       {{"name", parent_name(app)},
                        {"namespace", namespace_},
                        {"resourceVersion", resource_version},
                        {"annotations",
                         {{k_agent_commit_annotation, view.commit},
                          {k_agent_ref_annotation, view.ref},
                          {k_agent_sync_annotation, view.sync_status},
                          {k_agent_health_annotation, view.health},
                          {k_agent_identity_annotation, view.identity},
                          {k_agent_observed_annotation, view.observed_at}}}}}};
  auto result =
      client.apply(patch, {.field_manager = k_agent_field_manager, .force = kube::Force::yes});
  if (!result) return result.error().context("writing the agent's view of " + app);
  return {};
}

}  // namespace gitops::sync
