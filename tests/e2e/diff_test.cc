// End-to-end: `kubectl gitops diff` against the test control plane.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "tests/support/e2e.h"
#include "tests/support/git_repo.h"

namespace gitops::testing {
namespace {

std::string config_map(const std::string& name, const std::string& data) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n" + data;
}

std::string deployment(const std::string& image) {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
         "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
         "      labels: {app: web}\n    spec:\n      containers:\n      - name: main\n"
         "        image: " + image + "\n";
}

std::string secret(const std::string& value) {
  return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ntype: Opaque\nstringData:\n"
         "  password: " + value + "\n";
}

class Diff : public ::testing::Test {
 protected:
  Diff() : ns("diff") {}

  RunResult gitops(const std::string& command, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {command, "--repo", repo.path().string(), "--path", "app", "-n",
                                     ns.name(), "--app", "web", "--color", "never"};
    if (command == "sync") args.insert(args.end(), {"--no-wait"});
    args.insert(args.end(), extra.begin(), extra.end());
    return kubectl_gitops(args);
  }

  TestNamespace ns;
  GitRepo repo;
};

TEST_F(Diff, FreshlySyncedAppHasNoDifferences) {
  repo.commit({{"app/cm.yaml", config_map("settings", "  a: \"1\"\n")},
               {"app/web.yaml", deployment("example.com/web:1")},
               {"app/secret.yaml", secret("hunter2")}},
              "first");
  ASSERT_EQ(gitops("sync").exit_code, 0);
  RunResult r = gitops("diff");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "0 to create, 0 to change, 0 to prune, 3 unchanged\n");
}

// Objects dry-run in a -v=6 log: dry-run PATCH requests, not counting the forced retry that
// shows what a conflicting apply would do.
int dry_runs(const std::string& log) {
  int n = 0;
  for (size_t pos = log.find("PATCH https://"); pos != std::string::npos; pos = log.find("PATCH https://", pos + 1)) {
    std::string line = log.substr(pos, log.find('\n', pos) - pos);
    if (line.find("dryRun=All") != std::string::npos && line.find("force=true") == std::string::npos) ++n;
  }
  return n;
}

// After a sync, objects nobody touched since are not dry-run again; the skip never hides a
// change: an edit of a synced field and a deleted object are each seen. A write of a field Git
// does not set changes the resourceVersion but not what kubectl-gitops owns, so it is no reason
// for a dry-run, and the object stays unchanged.
TEST_F(Diff, UntouchedObjectsSkipTheDryRunAndEveryChangeIsStillSeen) {
  repo.commit({{"app/a.yaml", config_map("a", "  key: \"1\"\n")},
               {"app/b.yaml", config_map("b", "  key: \"1\"\n")},
               {"app/c.yaml", config_map("c", "  key: \"1\"\n")},
               {"app/d.yaml", config_map("d", "  key: \"1\"\n")}},
              "first");
  ASSERT_EQ(gitops("sync").exit_code, 0);
  RunResult quiet = gitops("diff", {"-v=6"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "0 to create, 0 to change, 0 to prune, 4 unchanged\n");
  EXPECT_EQ(dry_runs(quiet.err), 0) << quiet.err;

  kubectl({"patch", "configmap", "a", "-n", ns.name(), "-p", R"({"data":{"key":"edited"}})"});
  kubectl({"delete", "configmap", "b", "-n", ns.name()});
  kubectl({"label", "configmap", "c", "-n", ns.name(), "team=web"});
  RunResult changed = gitops("diff", {"-v=6"});
  EXPECT_EQ(changed.exit_code, 1) << changed.err;
  EXPECT_NE(changed.out.find("--- v1 ConfigMap " + ns.name() + "/a (live)\n"), std::string::npos) << changed.out;
  EXPECT_NE(changed.out.find("-  key: edited\n+  key: \"1\"\n"), std::string::npos) << changed.out;
  EXPECT_NE(changed.out.find("--- v1 ConfigMap " + ns.name() + "/b (live)\n"), std::string::npos) << changed.out;
  EXPECT_NE(changed.out.find("1 to create, 1 to change, 0 to prune, 2 unchanged\n"), std::string::npos)
      << changed.out;
  EXPECT_EQ(dry_runs(changed.err), 2) << changed.err;  // a and b; c keeps our ownership, d is untouched
  EXPECT_EQ(kubectl({"get", "configmap", "c", "-n", ns.name(), "-o", "jsonpath={.metadata.labels.team}"}).out,
            "web");

  // A changed render is dry-run even when the live object is untouched.
  repo.commit({{"app/d.yaml", config_map("d", "  key: \"2\"\n")}}, "second");
  RunResult render_changed = gitops("diff", {"-v=6"});
  EXPECT_EQ(render_changed.exit_code, 1);
  EXPECT_NE(render_changed.out.find("-  key: \"1\"\n+  key: \"2\"\n"), std::string::npos) << render_changed.out;
  EXPECT_EQ(dry_runs(render_changed.err), 3) << render_changed.err;  // a, b and d

  RunResult sync = gitops("sync", {"--force-conflicts"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  RunResult after = gitops("diff", {"-v=6"});
  EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
  EXPECT_EQ(dry_runs(after.err), 0) << after.err;
}

TEST_F(Diff, EachKindOfChangeAppearsOnce) {
  repo.commit({{"app/cm.yaml", config_map("settings", "  a: \"1\"\n")},
               {"app/old.yaml", config_map("old", "  x: \"1\"\n")},
               {"app/web.yaml", deployment("example.com/web:1")}},
              "first");
  ASSERT_EQ(gitops("sync").exit_code, 0);
  // Another manager scales the Deployment; Git does not set replicas, so that is no difference.
  kubectl({"scale", "deployment", "web", "--replicas", "3", "-n", ns.name()});
  repo.remove({"app/old.yaml"}, "drop old");
  repo.commit({{"app/cm.yaml", config_map("settings", "  a: \"1\"\n  b: \"2\"\n")},
               {"app/web.yaml", deployment("example.com/web:2")},
               {"app/new.yaml", config_map("new", "  count: \"1\"\n")}},
              "changes");
  RunResult r = gitops("diff");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string n = ns.name();
  std::string expected =
      "--- v1 ConfigMap " + n + "/new (live)\n"
      "+++ v1 ConfigMap " + n + "/new (after sync)\n"
      "@@ -0,0 +1,9 @@\n"
      "+apiVersion: v1\n"
      "+data:\n"
      "+  count: \"1\"\n"
      "+kind: ConfigMap\n"
      "+metadata:\n"
      "+  labels:\n"
      "+    applyset.kubernetes.io/part-of: ";
  EXPECT_EQ(r.out.substr(0, expected.size()), expected) << r.out;
  EXPECT_NE(r.out.find("--- v1 ConfigMap " + n + "/old (live)\n+++ v1 ConfigMap " + n +
                       "/old (after sync)\n"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n+  b: \"2\"\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-      - image: example.com/web:1\n+      - image: example.com/web:2\n"),
            std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("replicas"), std::string::npos) << r.out;
  EXPECT_TRUE(r.out.size() > 0 && r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1) ==
                                      "1 to create, 2 to change, 1 to prune, 0 unchanged\n")
      << r.out;

  RunResult j = gitops("diff", {"-o", "json"});
  EXPECT_EQ(j.exit_code, 1);
  nlohmann::json plan = nlohmann::json::parse(j.out);
  std::map<std::string, std::string> actions;
  for (const auto& c : plan["changes"]) actions[c["kind"].get<std::string>() + "/" + c["name"].get<std::string>()] = c["action"];
  EXPECT_EQ(actions, (std::map<std::string, std::string>{{"ConfigMap/new", "create"},
                                                         {"ConfigMap/old", "prune"},
                                                         {"ConfigMap/settings", "update"},
                                                         {"Deployment/web", "update"}}));
  for (const auto& c : plan["changes"]) {
    if (c["name"] == "settings") {
      EXPECT_EQ(c["changedFields"], nlohmann::json({"/data/b"}));
    }
    if (c["name"] == "web") {
      EXPECT_EQ(c["changedFields"], nlohmann::json({"/spec/template/spec/containers/0/image"}));
    }
  }
  EXPECT_EQ(plan["summary"], nlohmann::json({{"create", 1}, {"update", 2}, {"prune", 1}, {"keep", 0},
                                             {"unchanged", 0}, {"hooks", 0}}));
}

TEST_F(Diff, SecretValuesAreMasked) {
  repo.commit({{"app/secret.yaml", secret("hunter2")}}, "first");
  ASSERT_EQ(gitops("sync").exit_code, 0);
  repo.commit({{"app/secret.yaml", secret("correct-horse")}}, "rotate");
  RunResult r = gitops("diff");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("-  password: '*** (before)'\n+  password: '*** (after)'\n"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("hunter2"), std::string::npos);
  EXPECT_EQ(r.out.find("correct-horse"), std::string::npos);
  EXPECT_EQ(r.out.find("aHVudGVyMg"), std::string::npos);  // base64 of hunter2
  RunResult j = gitops("diff", {"-o", "json"});
  EXPECT_EQ(j.out.find("hunter2"), std::string::npos);
  EXPECT_EQ(j.out.find("Y29ycmVjdC1ob3JzZQ"), std::string::npos);
  EXPECT_NE(j.out.find("*** (after)"), std::string::npos) << j.out;
  RunResult shown = gitops("diff", {"--show-secrets"});
  EXPECT_NE(shown.out.find("Y29ycmVjdC1ob3JzZQ=="), std::string::npos) << shown.out;
}

TEST_F(Diff, InvalidSecretRejectionDoesNotEchoTheValue) {
  std::string bad = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bad\ntype: Opaque\ndata:\n"
                    "  \"bad key!\": c3VwZXJzZWNyZXQ=\n";
  repo.commit({{"app/bad.yaml", bad}}, "bad secret");
  RunResult r = gitops("diff");
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_NE(r.err.find("v1 Secret " + ns.name() + "/bad"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("c3VwZXJzZWNyZXQ"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("supersecret"), std::string::npos) << r.err;
}

TEST_F(Diff, DryRunRejectionNamesObjectAndField) {
  std::string bad = "apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  ports:\n"
                    "  - port: 99999\n";
  repo.commit({{"app/svc.yaml", bad}, {"app/cm.yaml", config_map("ok", "  a: \"1\"\n")}}, "bad");
  RunResult r = gitops("diff");
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("kubectl-gitops: error: "), std::string::npos);
  EXPECT_NE(r.err.find("v1 Service " + ns.name() + "/bad"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("spec.ports[0].port"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gitops::testing
