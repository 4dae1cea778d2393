// End-to-end: Helm and Argo CD hooks in `kubectl gitops diff` and `sync`, with hook Jobs run to
// completion by the controller-manager and the node simulator.
#include <gtest/gtest.h>

#include <regex>

#include "tests/support/e2e.h"
#include "tests/support/git_repo.h"

namespace gitops::testing {
namespace {

std::string config_map(const std::string& name, const std::string& value,
                       const std::string& annotations = "") {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name +
         (annotations.empty() ? "" : "\n  annotations: " + annotations) + "\ndata:\n  key: \"" + value + "\"\n";
}

// A Job hook; the node simulator fails its pod when the image names "fail".
std::string job(const std::string& name, const std::string& image, const std::string& annotations) {
  return "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: " + name + "\n  annotations: " + annotations +
         "\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n"
         "      containers:\n      - name: main\n        image: " + image + "\n";
}

class Hooks : public ::testing::Test {
 protected:
  Hooks() : ns("hooks") {}

  RunResult gitops(const std::string& command, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {command, "--repo", repo.path().string(), "--path", "app",
                                     "-n", ns.name(), "--app", "shop"};
    if (command == "sync") args.insert(args.end(), {"--timeout", "90s"});
    args.insert(args.end(), extra.begin(), extra.end());
    return kubectl_gitops(args);
  }
  bool exists(const std::string& kind, const std::string& name) {
    return kubectl({"get", kind, name, "-n", ns.name()}, true).exit_code == 0;
  }
  std::string get(const std::string& kind, const std::string& name, const std::string& jsonpath) {
    return kubectl({"get", kind, name, "-n", ns.name(), "-o", "jsonpath=" + jsonpath}).out;
  }

  TestNamespace ns;
  GitRepo repo;
};

TEST_F(Hooks, HelmHooksRunInTheirPhasesAndAreNotMembers) {
  repo.commit({{"app/cm.yaml", config_map("settings", "one")},
               {"app/migrate.yaml", job("migrate", "example.com/migrate:1",
                                        "{helm.sh/hook: pre-install, helm.sh/hook-delete-policy: hook-succeeded}")},
               {"app/installed.yaml", config_map("installed", "yes", "{helm.sh/hook: post-install}")},
               {"app/upgraded.yaml", config_map("upgraded", "yes", "{helm.sh/hook: pre-upgrade}")},
               {"app/smoke.yaml", config_map("smoke", "yes", "{helm.sh/hook: test}")}},
              "first");
  const std::string n = ns.name();

  RunResult diff = gitops("diff");
  EXPECT_EQ(diff.exit_code, 1) << diff.err;
  EXPECT_NE(diff.out.find("# pre-sync hook batch/v1 Job " + n + "/migrate will run (helm.sh/hook: pre-install)\n"
                          "# post-sync hook v1 ConfigMap " + n + "/installed will run (helm.sh/hook: post-install)\n"
                          "# hook v1 ConfigMap " + n + "/smoke is skipped: helm.sh/hook: test "
                          "(test hooks are never applied)\n"
                          "# hook v1 ConfigMap " + n + "/upgraded is skipped: helm.sh/hook: pre-upgrade "
                          "(does not run in an install)\n"
                          "1 to create, 0 to change, 0 to prune, 0 unchanged, 2 hooks to run\n"),
            std::string::npos)
      << diff.out;

  RunResult first = gitops("sync");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(std::regex_match(first.out, std::regex(
      "synced shop to [0-9a-f]{7} \\(HEAD\\): 1 created, 0 configured, 0 pruned, 0 unchanged, "
      "2 hooks run; health Healthy in [0-9]+s\n"))) << first.out;
  EXPECT_NE(first.err.find("running pre-sync hook batch/v1 Job " + n + "/migrate"), std::string::npos) << first.err;
  EXPECT_FALSE(exists("job", "migrate"));  // hook-succeeded: deleted after it completed
  EXPECT_EQ(get("configmap", "installed", "{.data.key}"), "yes");
  EXPECT_EQ(get("configmap", "installed", "{.metadata.labels}"), "");  // not an ApplySet member
  EXPECT_FALSE(exists("configmap", "upgraded"));
  EXPECT_FALSE(exists("configmap", "smoke"));

  // The second sync is an upgrade: pre-upgrade runs, pre-install does not.
  RunResult after = gitops("diff");
  EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
  EXPECT_NE(after.out.find("0 to create, 0 to change, 0 to prune, 1 unchanged, 1 hook to run\n"),
            std::string::npos) << after.out;
  repo.commit({{"app/cm.yaml", config_map("settings", "two")}}, "second");
  RunResult second = gitops("sync");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find(": 0 created, 1 configured, 0 pruned, 0 unchanged, 1 hook run;"), std::string::npos)
      << second.out;
  EXPECT_EQ(get("configmap", "upgraded", "{.data.key}"), "yes");
  EXPECT_FALSE(exists("job", "migrate"));

  // Removing a hook from Git never prunes what it left behind.
  repo.remove({"app/installed.yaml"}, "drop the post-install hook");
  ASSERT_EQ(gitops("sync").exit_code, 0);
  EXPECT_EQ(get("configmap", "installed", "{.data.key}"), "yes");
}

TEST_F(Hooks, FailedPreSyncHookStopsTheSync) {
  repo.commit({{"app/cm.yaml", config_map("settings", "one")},
               {"app/migrate.yaml", job("migrate", "example.com/fail-migrate:1",
                                        "{argocd.argoproj.io/hook: PreSync}")},
               {"app/cleanup.yaml", config_map("cleanup", "ran", "{argocd.argoproj.io/hook: SyncFail}")}},
              "failing migration");
  const std::string n = ns.name();
  RunResult r = gitops("sync");
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_NE(r.err.find("kubectl-gitops: error: pre-sync hook batch/v1 Job " + n + "/migrate failed: job failed: "),
            std::string::npos) << r.err;
  EXPECT_FALSE(exists("configmap", "settings"));             // no member was applied
  EXPECT_EQ(get("configmap", "cleanup", "{.data.key}"), "ran");  // the SyncFail hook ran
  EXPECT_TRUE(exists("job", "migrate"));                     // no delete policy on failure
  EXPECT_EQ(get("secret", "gitops-shop.v1", "{.metadata.labels.kubectl-gitops\\.dev/status}"),
            "PartiallyApplied");

  // Fixed in the next commit: the failed Job is deleted before it runs again (the default
  // before-hook-creation policy), and the sync goes through.
  repo.commit({{"app/migrate.yaml", job("migrate", "example.com/migrate:2", "{argocd.argoproj.io/hook: PreSync}")}},
              "fixed migration");
  RunResult fixed = gitops("sync");
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_EQ(get("configmap", "settings", "{.data.key}"), "one");
  EXPECT_EQ(get("job", "migrate", "{.spec.template.spec.containers[0].image}"), "example.com/migrate:2");
  EXPECT_EQ(get("job", "migrate", "{.status.succeeded}"), "1");
}

TEST_F(Hooks, InvalidHookIsRejectedBeforeAnythingIsWritten) {
  repo.commit({{"app/cm.yaml", config_map("settings", "one")},
               {"app/migrate.yaml", job("migrate", "example.com/migrate:1", "{helm.sh/hook: pre-install}") +
                                        "  completions: -1\n"}},
              "bad hook");
  RunResult r = gitops("sync");
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_NE(r.err.find("kubectl-gitops: error: pre-sync hook batch/v1 Job " + ns.name() + "/migrate: "),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("spec.completions"), std::string::npos) << r.err;
  EXPECT_FALSE(exists("configmap", "settings"));
  EXPECT_FALSE(exists("job", "migrate"));
}

// A Helm chart from Git, rendered by the native engine: its hooks run, its test hook does not.
TEST_F(Hooks, HelmChartSyncsWithItsHooks) {
  repo.commit({{"app/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.0.0\n"},
               {"app/values.yaml", "color: blue\nmigrationImage: example.com/migrate:1\n"},
               {"app/templates/settings.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\n"
                "data:\n  color: {{ .Values.color | quote }}\n"},
               {"app/templates/migrate.yaml",
                "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-migrate\n"
                "  annotations:\n    \"helm.sh/hook\": pre-install,pre-upgrade\n"
                "    \"helm.sh/hook-delete-policy\": before-hook-creation,hook-succeeded\n"
                "spec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n"
                "      containers:\n      - name: migrate\n        image: {{ .Values.migrationImage }}\n"},
               {"app/templates/tests/check.yaml",
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-check\n"
                "  annotations:\n    \"helm.sh/hook\": test\nspec:\n  containers:\n  - name: check\n"
                "    image: busybox\n"}},
              "chart");
  RunResult r = gitops("sync");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(": 1 created, 0 configured, 0 pruned, 0 unchanged, 1 hook run;"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("running pre-sync hook batch/v1 Job " + ns.name() + "/shop-migrate"), std::string::npos)
      << r.err;
  EXPECT_EQ(get("configmap", "shop-settings", "{.data.color}"), "blue");
  EXPECT_FALSE(exists("job", "shop-migrate"));
  EXPECT_FALSE(exists("pod", "shop-check"));

  repo.commit({{"app/values.yaml", "color: green\nmigrationImage: example.com/migrate:2\n"}}, "green");
  RunResult upgrade = gitops("sync");
  ASSERT_EQ(upgrade.exit_code, 0) << upgrade.err;
  EXPECT_NE(upgrade.out.find(": 0 created, 1 configured, 0 pruned, 0 unchanged, 1 hook run;"), std::string::npos)
      << upgrade.out;
  EXPECT_EQ(get("configmap", "shop-settings", "{.data.color}"), "green");
}

}  // namespace
}  // namespace gitops::testing
