// Golden tests of the diff report: the text and JSON renderings of one plan with every action, a
// masked Secret and hooks. GITOPS_UPDATE_GOLDEN=1 rewrites the files (review the change!).
#include "diff/report.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace gitops::diff {
namespace {

std::string golden_path(const std::string& name) {
  return std::string(std::getenv("GITOPS_TESTDATA")) + "/golden/" + name;
}

void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = golden_path(name);
  if (const char* update = std::getenv("GITOPS_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path;
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "golden file " << path << " differs";
}

core::ObjectKey key(std::string group, std::string version, std::string kind, std::string name) {
  return {std::move(group), std::move(version), std::move(kind), "shop", std::move(name)};
}

core::Json config_map(const std::string& name, const core::Json& data) {
  return {{"apiVersion", "v1"}, {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"namespace", "shop"}}}, {"data", data}};
}

core::Json deployment(const std::string& image, int replicas) {
  return {{"apiVersion", "apps/v1"},
          {"kind", "Deployment"},
          {"metadata", {{"name", "web"}, {"namespace", "shop"}, {"generation", 4}}},
          {"spec",
           {{"replicas", replicas},
            {"template", {{"spec", {{"containers", {{{"name", "main"}, {"image", image}}}}}}}}}}};
}

core::Json secret(const std::string& password) {
  return {{"apiVersion", "v1"}, {"kind", "Secret"}, {"type", "Opaque"},
          {"metadata", {{"name", "db"}, {"namespace", "shop"}}},
          {"data", {{"password", password}, {"user", "YWRtaW4="}}}};
}

Plan sample_plan() {
  Plan plan;
  core::Json settings = config_map("settings", {{"color", "blue"}, {"size", "3"}});
  plan.changes.push_back({.key = key("", "v1", "ConfigMap", "settings"), .action = Action::create,
                          .desired = settings, .applied = settings});
  plan.changes.push_back({.key = key("", "v1", "ConfigMap", "old"), .action = Action::prune,
                          .live = config_map("old", {{"a", "1"}})});
  plan.changes.push_back({.key = key("", "v1", "PersistentVolumeClaim", "data"), .action = Action::keep,
                          .live = {{"apiVersion", "v1"}, {"kind", "PersistentVolumeClaim"}},
                          .note = "kept: PersistentVolumeClaims are pruned only with --prune-protected"});
  plan.changes.push_back({.key = key("", "v1", "Secret", "db"), .action = Action::update,
                          .live = secret("b2xk"), .desired = secret("bmV3"), .applied = secret("bmV3"),
                          .changed_paths = {"/data/password"}});
  plan.changes.push_back({.key = key("", "v1", "Service", "web"), .action = Action::unchanged,
                          .live = core::Json::object(), .desired = core::Json::object()});
  plan.changes.push_back({.key = key("apps", "v1", "Deployment", "web"), .action = Action::update,
                          .live = deployment("example.com/web:1.0", 2),
                          .desired = deployment("example.com/web:2.0", 2),
                          .applied = deployment("example.com/web:2.0", 2),
                          .changed_paths = {"/spec/template/spec/containers/0/image"}});
  plan.hooks.push_back({key("batch", "v1", "Job", "migrate"), "pre-sync", "helm.sh/hook: pre-upgrade"});
  plan.hooks.push_back({key("", "v1", "Pod", "smoke"), "", "helm.sh/hook: test (test hooks are never applied)"});
  return plan;
}

TEST(Report, TextGolden) {
  expect_golden("diff-report.txt", format_text(sample_plan(), {}));
}

TEST(Report, TextWithSecretsShownGolden) {
  expect_golden("diff-report-show-secrets.txt", format_text(sample_plan(), {.show_secrets = ShowSecrets::yes}));
}

TEST(Report, JsonGolden) {
  expect_golden("diff-report.json", format_json(sample_plan(), {}).dump(2) + "\n");
}

TEST(Report, ColorMarksOnlyDiffLines) {
  Plan plan;
  core::Json a = config_map("a", {{"k", "1"}});
  core::Json b = config_map("a", {{"k", "2"}});
  plan.changes.push_back({.key = key("", "v1", "ConfigMap", "a"), .action = Action::update, .live = a,
                          .desired = b, .applied = b, .changed_paths = {"/data/k"}});
  std::string text = format_text(plan, {.color = Color::yes});
  EXPECT_NE(text.find("\033[31m-  k: \"1\"\033[0m\n\033[32m+  k: \"2\"\033[0m\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\033[1m--- v1 ConfigMap shop/a (live)\033[0m\n"), std::string::npos) << text;
  EXPECT_EQ(text.substr(text.rfind('\n', text.size() - 2) + 1), "0 to create, 1 to change, 0 to prune, 0 unchanged\n");
}

TEST(Report, SummaryLine) {
  EXPECT_EQ(summary_line({}), "0 to create, 0 to change, 0 to prune, 0 unchanged");
  EXPECT_EQ(summary_line({.create = 2, .update = 3, .unchanged = 40, .prune = 1, .keep = 1, .hooks = 1}),
            "2 to create, 3 to change, 1 to prune, 40 unchanged, 1 kept, 1 hook to run");
  EXPECT_EQ(summary_line({.hooks = 2}), "0 to create, 0 to change, 0 to prune, 0 unchanged, 2 hooks to run");
}

}  // namespace
}  // namespace gitops::diff
