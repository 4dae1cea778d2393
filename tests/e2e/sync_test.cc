// End-to-end: `kubectl gitops sync` against the test control plane, on test Git repositories.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "tests/support/e2e.h"
#include "tests/support/git_repo.h"

namespace gitops::testing {
namespace {

std::string config_map(const std::string& name, const std::string& value) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  key: \"" + value + "\"\n";
}

std::string deployment(const std::string& name, const std::string& image, int replicas = 1) {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name +
         "\nspec:\n  replicas: " + std::to_string(replicas) +
         "\n  selector:\n    matchLabels: {app: " + name + "}\n  template:\n    metadata:\n"
         "      labels: {app: " + name + "}\n    spec:\n      containers:\n      - name: main\n"
         "        image: " + image + "\n        ports:\n        - containerPort: 8080\n";
}

std::string service(const std::string& name) {
  return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name +
         "\nspec:\n  selector: {app: " + name + "}\n  ports:\n  - port: 80\n    targetPort: 8080\n";
}

class Sync : public ::testing::Test {
 protected:
  Sync() : ns("sync") {}

  RunResult sync(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"sync", "--repo", repo.path().string(), "--path", "app",
                                     "-n", ns.name(), "--app", "shop", "--timeout", "90s"};
    args.insert(args.end(), extra.begin(), extra.end());
    return kubectl_gitops(args);
  }

  std::string get(const std::vector<std::string>& what, const std::string& jsonpath) {
    std::vector<std::string> args = {"get"};
    args.insert(args.end(), what.begin(), what.end());
    args.insert(args.end(), {"-n", ns.name(), "-o", "jsonpath=" + jsonpath});
    return kubectl(args).out;
  }

  TestNamespace ns;
  GitRepo repo;
};

TEST_F(Sync, FirstSyncThenPruneAndRoll) {
  std::string c1 = repo.commit({{"app/cm-a.yaml", config_map("cm-a", "one")},
                                {"app/cm-b.yaml", config_map("cm-b", "one")},
                                {"app/web.yaml", deployment("web", "example.com/web:1.0")},
                                {"app/svc.yaml", service("web")}},
                               "first");
  RunResult first = sync();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(std::regex_match(first.out, std::regex(
      "synced shop to " + c1.substr(0, 7) +
      " \\(HEAD\\): 4 created, 0 configured, 0 pruned, 0 unchanged; health Healthy in [0-9]+s\n")))
      << first.out;

  std::string c2 = repo.remove({"app/cm-b.yaml"}, "drop cm-b");
  c2 = repo.commit({{"app/web.yaml", deployment("web", "example.com/web:2.0")}}, "roll web");
  RunResult second = sync();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(std::regex_match(second.out, std::regex(
      "synced shop to " + c2.substr(0, 7) +
      " \\(HEAD\\): 0 created, 1 configured, 1 pruned, 2 unchanged; health Healthy in [0-9]+s\n")))
      << second.out;

  RunResult gone = kubectl({"get", "configmap", "cm-b", "-n", ns.name()}, true);
  EXPECT_NE(gone.exit_code, 0);
  EXPECT_NE(gone.err.find("NotFound"), std::string::npos) << gone.err;
  EXPECT_EQ(get({"deployment", "web"}, "{.spec.template.spec.containers[0].image}"), "example.com/web:2.0");
  EXPECT_EQ(get({"secret", "gitops-shop"},
                "{.metadata.annotations.applyset\\.kubernetes\\.io/contains-group-kinds}"),
            "ConfigMap,Deployment.apps,Service");
  EXPECT_EQ(get({"secret", "gitops-shop"}, "{.metadata.annotations.applyset\\.kubernetes\\.io/tooling}"),
            "kubectl-gitops/v0.1.0");

  // The part-of label selects exactly the members.
  std::string id = get({"secret", "gitops-shop"}, "{.metadata.labels.applyset\\.kubernetes\\.io/id}");
  RunResult members = kubectl({"get", "configmaps,deployments,services", "-n", ns.name(), "-l",
                               "applyset.kubernetes.io/part-of=" + id, "-o", "name"});
  EXPECT_EQ(members.out, "configmap/cm-a\ndeployment.apps/web\nservice/web\n");
}

TEST_F(Sync, KubectlRecognisesTheApplySet) {
  repo.commit({{"app/cm-a.yaml", config_map("cm-a", "one")}}, "first");
  ASSERT_EQ(sync().exit_code, 0);
  TempDir dir;
  dir.write("cm.yaml", config_map("cm-a", "two"));
  RunResult r = kubectl({"apply", "--server-side", "--prune", "--applyset=secret/gitops-shop", "-n",
                         ns.name(), "-f", (dir.path() / "cm.yaml").string()},
                        true, {.env = {{"KUBECTL_APPLYSET", "true"}}});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("is managed by tooling \"kubectl-gitops\" instead of \"kubectl\""), std::string::npos)
      << r.err;
  EXPECT_EQ(get({"configmap", "cm-a"}, "{.data.key}"), "one");
}

TEST_F(Sync, PortsWithoutProtocolApplyOnOldServers) {
  repo.commit({{"app/svc.yaml", service("web")}, {"app/web.yaml", deployment("web", "example.com/web:1")}},
              "first");
  RunResult r = sync();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(get({"service", "web"}, "{.spec.ports[0].protocol}"), "TCP");
  // A second sync of the same commit changes nothing: no phantom differences from defaults.
  RunResult again = sync();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find(": 0 created, 0 configured, 0 pruned, 2 unchanged;"), std::string::npos)
      << again.out;
}

TEST_F(Sync, EmptyRenderDoesNotPrune) {
  repo.commit({{"app/cm-a.yaml", config_map("cm-a", "one")}}, "first");
  ASSERT_EQ(sync().exit_code, 0);
  repo.commit({{"app/README.md", "nothing here\n"}}, "docs");
  repo.remove({"app/cm-a.yaml"}, "empty");
  RunResult r = sync();
  EXPECT_EQ(r.exit_code, 9);
  EXPECT_EQ(first_line(r.err.substr(r.err.find("kubectl-gitops: error:"))),
            "kubectl-gitops: error: the render of shop is empty and would prune all 1 objects of "
            "the app; refusing (use --allow-empty if that is meant)");
  EXPECT_EQ(get({"configmap", "cm-a"}, "{.data.key}"), "one");
  RunResult allowed = sync({"--allow-empty"});
  ASSERT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_NE(kubectl({"get", "configmap", "cm-a", "-n", ns.name()}, true).exit_code, 0);
}

// A pruned object lingers while finalizers hold it; the sync waits for it to be gone and names
// what holds it when the wait times out.
TEST_F(Sync, PruneWaitsUntilTheObjectIsGone) {
  repo.commit({{"app/cm-a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-a\n"
                                 "  finalizers: [example.com/hold]\ndata:\n  key: one\n"},
               {"app/cm-b.yaml", config_map("cm-b", "one")}},
              "two");
  ASSERT_EQ(sync().exit_code, 0);
  repo.remove({"app/cm-a.yaml"}, "drop a");
  RunResult r = sync({"--timeout", "3s"});
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_NE(r.err.find("waiting for 1 pruned objects to be deleted\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("kubectl-gitops: error: timed out after 3s waiting for deletion:\n"), std::string::npos)
      << r.err;
  EXPECT_TRUE(std::regex_search(
      r.err, std::regex("kubectl-gitops: error: v1 ConfigMap " + ns.name() +
                        "/cm-a: Progressing: being deleted \\(finalizers: (foregroundDeletion, )?"
                        "example\\.com/hold(, foregroundDeletion)?\\)\n")))
      << r.err;
  EXPECT_NE(get({"configmap", "cm-a"}, "{.metadata.finalizers[*]}").find("example.com/hold"), std::string::npos);

  RunResult released = kubectl({"patch", "configmap", "cm-a", "-n", ns.name(), "--type=json", "-p",
                                R"([{"op":"remove","path":"/metadata/finalizers"}])"});
  ASSERT_EQ(released.exit_code, 0) << released.err;
  RunResult again = sync();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find(": 0 created, 0 configured, 0 pruned, 1 unchanged;"), std::string::npos) << again.out;
  EXPECT_NE(kubectl({"get", "configmap", "cm-a", "-n", ns.name()}, true).exit_code, 0);
}

TEST_F(Sync, MaxPruneGuard) {
  repo.commit({{"app/a.yaml", config_map("a", "1")}, {"app/b.yaml", config_map("b", "1")},
               {"app/c.yaml", config_map("c", "1")}},
              "three");
  ASSERT_EQ(sync().exit_code, 0);
  repo.remove({"app/a.yaml", "app/b.yaml"}, "drop two");
  RunResult r = sync({"--max-prune", "1"});
  EXPECT_EQ(r.exit_code, 9);
  EXPECT_NE(r.err.find("kubectl-gitops: error: sync of shop would prune 2 of 3 objects, above --max-prune 1"),
            std::string::npos) << r.err;
  RunResult percent = sync({"--max-prune", "50%"});
  EXPECT_EQ(percent.exit_code, 9);
  EXPECT_NE(percent.err.find("above --max-prune 50%"), std::string::npos) << percent.err;
  EXPECT_EQ(sync({"--max-prune", "2"}).exit_code, 0);
}

TEST_F(Sync, ProtectedObjectsAreKept) {
  std::string kept = config_map("kept", "1");
  kept.insert(kept.find("\ndata:") + 1, "  annotations:\n    kubectl-gitops.dev/prune: \"false\"\n");
  std::string argo = config_map("argo", "1");
  argo.insert(argo.find("\ndata:") + 1, "  annotations:\n    argocd.argoproj.io/sync-options: Prune=false\n");
  repo.commit({{"app/kept.yaml", kept}, {"app/argo.yaml", argo}, {"app/gone.yaml", config_map("gone", "1")},
               {"app/stay.yaml", config_map("stay", "1")}},
              "first");
  ASSERT_EQ(sync().exit_code, 0);
  repo.remove({"app/kept.yaml", "app/argo.yaml", "app/gone.yaml"}, "drop");
  RunResult r = sync({"-o", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(get({"configmap", "kept"}, "{.data.key}"), "1");
  EXPECT_EQ(get({"configmap", "argo"}, "{.data.key}"), "1");
  EXPECT_NE(kubectl({"get", "configmap", "gone", "-n", ns.name()}, true).exit_code, 0);
  EXPECT_NE(r.out.find("\"action\": \"kept\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kubectl-gitops.dev/prune: false"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("argocd.argoproj.io/sync-options: Prune=false"), std::string::npos) << r.out;
}

TEST_F(Sync, InvalidObjectWritesNothing) {
  std::string bad = deployment("bad", "example.com/x:1", -1);
  repo.commit({{"app/good.yaml", config_map("good", "1")}, {"app/bad.yaml", bad}}, "invalid");
  RunResult r = sync();
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("Deployment " + ns.name() + "/bad"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("spec.replicas"), std::string::npos) << r.err;
  EXPECT_NE(kubectl({"get", "configmap", "good", "-n", ns.name()}, true).exit_code, 0);
  EXPECT_NE(kubectl({"get", "secret", "gitops-shop", "-n", ns.name()}, true).exit_code, 0);
}

TEST_F(Sync, ConflictWithAnotherManager) {
  repo.commit({{"app/cm.yaml", config_map("cm", "git")}}, "first");
  TempDir dir;
  dir.write("cm.yaml", config_map("cm", "theirs"));
  kubectl({"apply", "--server-side", "--field-manager", "someone-else", "-n", ns.name(), "-f",
           (dir.path() / "cm.yaml").string()});
  RunResult r = sync();
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_NE(r.err.find("someone-else"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(".data.key"), std::string::npos) << r.err;
  EXPECT_EQ(get({"configmap", "cm"}, "{.data.key}"), "theirs");
  RunResult forced = sync({"--force-conflicts"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(get({"configmap", "cm"}, "{.data.key}"), "git");
}

TEST_F(Sync, WaitTimeoutNamesWhatIsUnhealthy) {
  repo.commit({{"app/web.yaml", deployment("web", "example.com/web:crashloop")}}, "crashing");
  RunResult r = sync({"--timeout", "5s"});
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_NE(r.err.find("kubectl-gitops: error: timed out after 5s waiting for health:"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("kubectl-gitops: error: apps/v1 Deployment " + ns.name() +
                       "/web: Progressing: 0/1 replicas available"),
            std::string::npos)
      << r.err;
}

TEST_F(Sync, ConcurrentSyncWaitsThenTimesOut) {
  repo.commit({{"app/web.yaml", deployment("web", "example.com/web:crashloop")}}, "slow");
  std::thread slow([&] { sync({"--timeout", "20s"}); });
  std::this_thread::sleep_for(std::chrono::seconds(4));
  RunResult r = sync({"--lock-timeout", "2s"});
  slow.join();
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_NE(r.err.find("kubectl-gitops: error: waiting for the lock of shop: lease " + ns.name() +
                       "/gitops-shop is held by kubectl-gitops@"),
            std::string::npos)
      << r.err;
}

TEST_F(Sync, CrdAndCustomResourcesInOneCommit) {
  std::string crd =
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
      "  name: widgets" + ns.name() + ".example.com\nspec:\n  group: example.com\n  scope: Namespaced\n"
      "  names:\n    plural: widgets" + ns.name() + "\n    singular: widget" + ns.name() +
      "\n    kind: Widget" + ns.name().substr(5) +
      "\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n"
      "      openAPIV3Schema:\n        type: object\n        x-kubernetes-preserve-unknown-fields: true\n";
  std::string cr = "apiVersion: example.com/v1\nkind: Widget" + ns.name().substr(5) +
                   "\nmetadata:\n  name: w1\nspec:\n  size: 3\n";
  repo.commit({{"app/crd.yaml", crd}, {"app/cr.yaml", cr}}, "crd and cr");
  RunResult r = sync();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(": 2 created,"), std::string::npos) << r.out;
  EXPECT_EQ(get({"widgets" + ns.name() + ".example.com", "w1"}, "{.spec.size}"), "3");
  kubectl({"delete", "crd", "widgets" + ns.name() + ".example.com", "--wait=false"}, true);
}

// An apply that fails after the dry-run passed: the custom resource's CRD is created by the same
// sync, so the server can only validate it when it is applied (wave 1, after the ConfigMap in
// wave 0 was written). The sync stops, records PartiallyApplied, prunes nothing and keeps every
// member in the inventory.
TEST_F(Sync, PartialFailureKeepsTheInventory) {
  repo.commit({{"app/cm-a.yaml", config_map("cm-a", "one")}, {"app/cm-old.yaml", config_map("cm-old", "one")}},
              "first");
  ASSERT_EQ(sync().exit_code, 0);
  const std::string plural = "gadgets" + ns.name();
  const std::string kind = "Gadget" + ns.name().substr(5);
  std::string crd =
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
      "  name: " + plural + ".partial.example.com\nspec:\n  group: partial.example.com\n  scope: Namespaced\n"
      "  names:\n    plural: " + plural + "\n    singular: gadget" + ns.name() + "\n    kind: " + kind +
      "\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n"
      "      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n"
      "            type: object\n            properties:\n              size: {type: integer}\n";
  std::string cr = "apiVersion: partial.example.com/v1\nkind: " + kind +
                   "\nmetadata:\n  name: big\n  annotations: {kubectl-gitops.dev/sync-wave: \"1\"}\n"
                   "spec:\n  size: huge\n";
  repo.remove({"app/cm-old.yaml"}, "drop cm-old");
  repo.commit({{"app/crd.yaml", crd}, {"app/gadget.yaml", cr}, {"app/cm-a.yaml", config_map("cm-a", "two")}},
              "bad gadget");
  RunResult r = sync();
  kubectl({"delete", "crd", plural + ".partial.example.com", "--wait=false"}, true);
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_NE(r.err.find("kubectl-gitops: error: applying partial.example.com/v1 " + kind + " " + ns.name() + "/big: "),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("spec.size"), std::string::npos) << r.err;
  // Wave 0 was written; nothing was pruned; the inventory still lists cm-old.
  EXPECT_EQ(get({"configmap", "cm-a"}, "{.data.key}"), "two");
  EXPECT_EQ(get({"configmap", "cm-old"}, "{.data.key}"), "one");
  std::string id = get({"secret", "gitops-shop"}, "{.metadata.labels.applyset\\.kubernetes\\.io/id}");
  RunResult members = kubectl({"get", "configmaps", "-n", ns.name(), "-l",
                               "applyset.kubernetes.io/part-of=" + id, "-o", "name"});
  EXPECT_EQ(members.out, "configmap/cm-a\nconfigmap/cm-old\n");
  EXPECT_EQ(get({"secret", "gitops-shop.v2"}, "{.metadata.labels.kubectl-gitops\\.dev/status}"),
            "PartiallyApplied");
}

TEST_F(Sync, KilledSyncIsRecordedAsInterrupted) {
  repo.commit({{"app/web.yaml", deployment("web", "example.com/web:crashloop")}}, "never healthy");
  RunResult killed = run({"timeout", "-s", "KILL", "6", "kubectl", "gitops", "sync", "--repo",
                          repo.path().string(), "--path", "app", "-n", ns.name(), "--app", "shop",
                          "--lock-ttl", "3s"},
                         {.env = {{"PATH", std::string(std::getenv("GITOPS_BINARY")).substr(
                                               0, std::string(std::getenv("GITOPS_BINARY")).rfind('/')) +
                                               ":" + std::getenv("PATH")},
                                  {"KUBECONFIG", test_kubeconfig()}}});
  EXPECT_EQ(killed.exit_code, 137) << killed.err;
  repo.commit({{"app/web.yaml", deployment("web", "example.com/web:2")}}, "fixed");
  RunResult next = sync();
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(get({"secret", "gitops-shop.v1"}, "{.metadata.labels.kubectl-gitops\\.dev/status}"),
            "Interrupted");
  EXPECT_EQ(get({"secret", "gitops-shop.v2"}, "{.metadata.labels.kubectl-gitops\\.dev/status}"),
            "Succeeded");
}

}  // namespace
}  // namespace gitops::testing
