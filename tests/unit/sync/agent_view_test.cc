#include "sync/agent_view.h"

#include <gtest/gtest.h>

namespace gitops::sync {
namespace {

TEST(AgentView, ReadFromTheParentsAnnotations) {
  core::Json parent = core::Json::parse(R"({
    "apiVersion": "v1", "kind": "Secret",
    "metadata": {"name": "gitops-web", "namespace": "shop", "annotations": {
      "applyset.kubernetes.io/tooling": "kubectl-gitops/v1",
      "kubectl-gitops.dev/agent-commit": "3f2c1a9e5b7d4c6a8f0e1d2c3b4a59687f6e5d4c",
      "kubectl-gitops.dev/agent-ref": "main",
      "kubectl-gitops.dev/agent-sync-status": "OutOfSync",
      "kubectl-gitops.dev/agent-health": "Healthy",
      "kubectl-gitops.dev/agent-identity": "agent-1",
      "kubectl-gitops.dev/agent-observed-at": "2026-11-30T01:00:00Z"}}})");
  auto view = agent_view_from_parent(parent);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(*view, (AgentView{.commit = "3f2c1a9e5b7d4c6a8f0e1d2c3b4a59687f6e5d4c",
                              .ref = "main",
                              .sync_status = "OutOfSync",
                              .health = "Healthy",
                              .identity = "agent-1",
                              .observed_at = "2026-11-30T01:00:00Z"}));
  EXPECT_EQ(to_json(*view).dump(),
            R"({"commit":"3f2c1a9e5b7d4c6a8f0e1d2c3b4a59687f6e5d4c","health":"Healthy",)"
            R"("identity":"agent-1","observedAt":"2026-11-30T01:00:00Z","ref":"main",)"
            R"("sync":"OutOfSync"})");
}

TEST(AgentView, AbsentWithoutTheCommitAnnotation) {
  EXPECT_FALSE(agent_view_from_parent(core::Json::parse(
      R"({"metadata": {"annotations": {"kubectl-gitops.dev/agent-ref": "main"}}})")));
  EXPECT_FALSE(agent_view_from_parent(core::Json::parse(R"({"metadata": {"name": "x"}})")));
}

}  // namespace
}  // namespace gitops::sync
