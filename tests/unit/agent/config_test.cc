#include "agent/config.h"

#include <gtest/gtest.h>

#include "tests/support/process.h"

namespace gitops::agent {
namespace {

constexpr const char* k_two_apps = R"(apiVersion: gitops.kubectl.dev/v1alpha1
kind: App
metadata: {name: web}
spec: {repo: "git://127.0.0.1/shop.git", ref: main, path: web, namespace: shop, selfHeal: true, interval: 30s}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: api}
spec:
  source: {repoURL: "https://git.example.com/shop.git", targetRevision: prod, path: api}
  destination: {namespace: shop}
  syncPolicy: {automated: {prune: true}}
)";

TEST(AgentConfig, ReadsAppsAndApplications) {
  auto apps = parse_agent_config(k_two_apps, "agent.yaml", "default");
  ASSERT_TRUE(apps) << apps.error().message;
  ASSERT_EQ(apps->size(), 2u);
  const render::AppSpec& web = (*apps)[0];
  EXPECT_EQ(web.name, "web");
  EXPECT_EQ(web.repo, "git://127.0.0.1/shop.git");
  EXPECT_EQ(web.ref, "main");
  EXPECT_EQ(web.source.path, "web");
  EXPECT_EQ(web.namespace_, "shop");
  EXPECT_TRUE(web.self_heal);
  EXPECT_TRUE(web.prune);
  EXPECT_EQ(web.interval, std::chrono::seconds(30));
  const render::AppSpec& api = (*apps)[1];
  EXPECT_EQ(api.kind, render::AppSpecKind::argo_application);
  EXPECT_EQ(api.ref, "prod");
  EXPECT_FALSE(api.self_heal);
  EXPECT_TRUE(api.prune);
}

TEST(AgentConfig, SkipsEmptyDocuments) {
  auto apps =
      parse_agent_config(std::string("---\n") + k_two_apps + "---\n", "agent.yaml", "default");
  ASSERT_TRUE(apps) << apps.error().message;
  EXPECT_EQ(apps->size(), 2u);
}

TEST(AgentConfig, RefusesDuplicateApps) {
  std::string text =
      std::string(k_two_apps) +
      "---\napiVersion: gitops.kubectl.dev/v1alpha1\nkind: App\nmetadata: {name: web}\n"
      "spec: {namespace: shop}\n";
  auto apps = parse_agent_config(text, "agent.yaml", "default");
  ASSERT_FALSE(apps);
  EXPECT_EQ(apps.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(apps.error().message,
            "agent.yaml (document 3): app web in namespace shop is also defined in document 1");
}

TEST(AgentConfig, DuplicatesUseTheDefaultNamespace) {
  std::string app = "apiVersion: gitops.kubectl.dev/v1alpha1\nkind: App\nmetadata: {name: web}\n";
  auto apps = parse_agent_config(app + "---\n" + app + "spec: {namespace: team}\n---\n" + app,
                                 "a.yaml", "team");
  ASSERT_FALSE(apps);
  EXPECT_EQ(apps.error().message,
            "a.yaml (document 2): app web in namespace team is also defined in document 1\n"
            "a.yaml (document 3): app web in namespace team is also defined in document 1");
}

TEST(AgentConfig, NamesTheDocumentOfEachProblem) {
  std::string text =
      std::string(k_two_apps) + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n";
  auto apps = parse_agent_config(text, "agent.yaml", "default");
  ASSERT_FALSE(apps);
  EXPECT_EQ(apps.error().message,
            "agent.yaml (document 3): apiVersion \"v1\" kind \"ConfigMap\" is neither an App "
            "(gitops.kubectl.dev/v1alpha1) nor an Argo CD Application (argoproj.io/v1alpha1)");
}

TEST(AgentConfig, RefusesAnEmptyFile) {
  auto apps = parse_agent_config("---\n", "agent.yaml", "default");
  ASSERT_FALSE(apps);
  EXPECT_EQ(apps.error().message, "agent.yaml: lists no App or Application");
}

TEST(AgentConfig, ReportsInvalidYamlWithItsPosition) {
  auto apps = parse_agent_config("a: [1,\n", "agent.yaml", "default");
  ASSERT_FALSE(apps);
  EXPECT_EQ(apps.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(apps.error().message.rfind("agent.yaml:", 0), 0u) << apps.error().message;
}

TEST(AgentConfig, UnreadableFile) {
  auto apps = read_agent_config("/nonexistent/agent.yaml", "default");
  ASSERT_FALSE(apps);
  EXPECT_EQ(apps.error().message,
            "reading agent config /nonexistent/agent.yaml: cannot open the file");
}

TEST(AgentConfig, CanonicalDocumentsTellChangedSpecsFromReformattedOnes) {
  auto before = parse_agent_config_entries(k_two_apps, "agent.yaml", "default");
  ASSERT_TRUE(before) << before.error().message;
  ASSERT_EQ(before->size(), 2u);
  EXPECT_EQ((*before)[0].canonical,
            R"({"apiVersion":"gitops.kubectl.dev/v1alpha1","kind":"App","metadata":{"name":"web"},)"
            R"("spec":{"interval":"30s","namespace":"shop","path":"web",)"
            R"("ref":"main","repo":"git://127.0.0.1/shop.git","selfHeal":true}})");
  // The same App with its keys in another order and in block style; the Application with
  // another path.
  const std::string after_text = R"(kind: App
apiVersion: gitops.kubectl.dev/v1alpha1
metadata:
  name: web
spec:
  selfHeal: true
  interval: 30s
  namespace: shop
  path: web
  ref: main
  repo: "git://127.0.0.1/shop.git"
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: api}
spec:
  source: {repoURL: "https://git.example.com/shop.git", targetRevision: prod, path: api/v2}
  destination: {namespace: shop}
  syncPolicy: {automated: {prune: true}}
)";
  auto after = parse_agent_config_entries(after_text, "agent.yaml", "default");
  ASSERT_TRUE(after) << after.error().message;
  ASSERT_EQ(after->size(), 2u);
  EXPECT_EQ((*after)[0].canonical, (*before)[0].canonical);
  EXPECT_NE((*after)[1].canonical, (*before)[1].canonical);
  EXPECT_EQ((*after)[1].spec.source.path, "api/v2");
}

TEST(AgentConfig, ReadsTheTextOfTheFile) {
  testing::TempDir dir;
  auto path = dir.write("agent.yaml", k_two_apps);
  auto text = read_agent_config_text(path);
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, k_two_apps);
  auto missing = read_agent_config_text(dir.path() / "missing.yaml");
  ASSERT_FALSE(missing);
  EXPECT_EQ(
      missing.error().message,
      "reading agent config " + (dir.path() / "missing.yaml").string() + ": cannot open the file");
}

}  // namespace
}  // namespace gitops::agent
