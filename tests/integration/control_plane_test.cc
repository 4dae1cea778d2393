// The test control plane itself (tests/cluster/up.sh): the controllers run, RBAC and both ways of
// authenticating work, the version is the one we build, and a failed start cleans up after itself.
// Everything goes through `kubectl` so these tests do not depend on the project's own client.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace gitops::testing {
namespace {

constexpr int k_wait_seconds = 90;

enum class Context { admin, limited };

std::string to_string(Context context) { return context == Context::admin ? "admin" : "limited"; }

struct Kubectl {
  Context context = Context::admin;
  std::vector<std::string> extra_flags;
  std::optional<std::string> input;
};

// Runs `kubectl --kubeconfig $GITOPS_TEST_KUBECONFIG --context CONTEXT ARGS...`.
RunResult kubectl(const std::vector<std::string>& args, const Kubectl& how = {}) {
  std::string cluster_dir = required_env("GITOPS_TEST_CLUSTER_DIR");
  std::vector<std::string> argv = {"kubectl", "--kubeconfig", required_env("GITOPS_TEST_KUBECONFIG"),
                                   "--context", to_string(how.context),
                                   // Keep discovery caches out of the user's ~/.kube.
                                   "--cache-dir", cluster_dir + "/kubectl-cache"};
  argv.insert(argv.end(), how.extra_flags.begin(), how.extra_flags.end());
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, RunOptions{.unset_env = {"KUBECONFIG"}, .input = how.input, .timeout_seconds = 60});
}

std::string describe(const RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\nstdout:\n" + r.out + "\nstderr:\n" + r.err;
}

// Polls `done` until it returns true or `seconds` pass; returns whether it became true.
bool eventually(const std::function<bool()>& done, int seconds = k_wait_seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return done();
}

// A namespace of its own per test, so reruns against the same cluster do not collide.
std::string unique_namespace(const std::string& prefix) {
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(now % 100000);
}

TEST(ControlPlane, DeploymentGetsReplicaSetAndPods) {
  std::string ns = unique_namespace("cp-deploy");
  ASSERT_EQ(kubectl({"create", "namespace", ns}).exit_code, 0);
  std::string deployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: registry.invalid/web:1
)";
  RunResult applied = kubectl({"apply", "-n", ns, "-f", "-"}, {.input = deployment});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  EXPECT_EQ(applied.out, "deployment.apps/web created\n");

  // The deployment controller makes one ReplicaSet owned by the Deployment...
  RunResult replica_sets;
  bool have_replica_set = eventually([&] {
    replica_sets = kubectl({"get", "replicasets", "-n", ns, "-o",
                            "jsonpath={range .items[*]}{.metadata.ownerReferences[0].kind}/"
                            "{.metadata.ownerReferences[0].name} {.spec.replicas}{\"\\n\"}{end}"});
    return replica_sets.exit_code == 0 && !replica_sets.out.empty();
  });
  ASSERT_TRUE(have_replica_set) << describe(replica_sets);
  EXPECT_EQ(replica_sets.out, "Deployment/web 2\n");

  // ...and the replicaset controller its two Pods, which the node simulator (the ctest fixture's
  // stand-in kubelet) binds and reports Running.
  RunResult pods;
  bool have_pods = eventually([&] {
    pods = kubectl({"get", "pods", "-n", ns, "-o",
                    "jsonpath={range .items[*]}{.metadata.ownerReferences[0].kind} "
                    "{.status.phase}{\"\\n\"}{end}"});
    return pods.exit_code == 0 && pods.out == "ReplicaSet Running\nReplicaSet Running\n";
  });
  EXPECT_TRUE(have_pods) << describe(pods);

  // The namespace controller and garbage collector clean up; not waited for.
  kubectl({"delete", "namespace", ns, "--wait=false"});
}

TEST(ControlPlane, LimitedUserMayReadButNotWriteInDefault) {
  RunResult list = kubectl({"get", "configmaps", "-n", "default"}, {.context = Context::limited});
  EXPECT_EQ(list.exit_code, 0) << describe(list);

  RunResult create = kubectl({"create", "configmap", "limited-probe", "-n", "default",
                              "--from-literal=a=b"},
                             {.context = Context::limited});
  EXPECT_EQ(create.exit_code, 1) << describe(create);
  // kubectl >= 1.21 prefixes "failed to create configmap: "; Debian's 1.20 client does not.
  EXPECT_NE(create.err.find("configmaps is forbidden: User \"gitops-limited\" cannot create "
                            "resource \"configmaps\" in API group \"\" in the namespace "
                            "\"default\"\n"),
            std::string::npos)
      << describe(create);

  // The view role is bound in `default` only.
  RunResult elsewhere = kubectl({"get", "configmaps", "-n", "kube-system"},
                                {.context = Context::limited});
  EXPECT_EQ(elsewhere.exit_code, 1) << describe(elsewhere);
  EXPECT_EQ(elsewhere.err,
            "Error from server (Forbidden): configmaps is forbidden: User \"gitops-limited\" "
            "cannot list resource \"configmaps\" in API group \"\" in the namespace "
            "\"kube-system\"\n");
}

TEST(ControlPlane, WrongTokenIsUnauthorized) {
  RunResult r = kubectl({"get", "configmaps", "-n", "default"},
                        {.context = Context::limited, .extra_flags = {"--token", "not-the-token"}});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_NE(r.err.find("error: You must be logged in to the server (Unauthorized)"),
            std::string::npos)
      << describe(r);
}

TEST(ControlPlane, AdminIsAuthenticatedByClientCertificate) {
  RunResult r = kubectl({"auth", "can-i", "create", "clusterroles"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.out, "yes\n");
}

TEST(ControlPlane, ServerVersionIs1_20_2) {
  RunResult r = kubectl({"get", "--raw", "/version"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto version = nlohmann::json::parse(r.out);
  EXPECT_EQ(version.value("gitVersion", ""), "v1.20.2");
  EXPECT_EQ(version.value("major", ""), "1");
  EXPECT_EQ(version.value("minor", ""), "20");
}

// Pids of processes whose command line mentions `dir`.
std::vector<std::string> processes_mentioning(const std::filesystem::path& dir) {
  std::vector<std::string> found;
  std::string needle = dir.string() + "/";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    std::string pid = entry.path().filename();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    std::stringstream cmdline;
    cmdline << in.rdbuf();
    if (cmdline.str().find(needle) != std::string::npos) found.push_back(pid);
  }
  return found;
}

TEST(ControlPlane, FailedStartReportsTheLogAndStopsEverything) {
  TempDir dir;
  std::string up = required_env("GITOPS_SOURCE_DIR") + "/tests/cluster/up.sh";
  RunResult r = run({up, dir.path().string()},
                    RunOptions{.env = {{"GITOPS_TEST_APISERVER_EXTRA_ARGS",
                                        "--this-flag-does-not-exist"}},
                               .timeout_seconds = 600});
  EXPECT_NE(r.exit_code, 0) << describe(r);
  EXPECT_NE(r.err.find("cluster-up: error: kube-apiserver exited before it was ready"),
            std::string::npos)
      << describe(r);
  EXPECT_NE(r.err.find("last 30 lines of " + dir.path().string() + "/logs/kube-apiserver.log"),
            std::string::npos)
      << describe(r);
  EXPECT_NE(r.err.find("Error: unknown flag: --this-flag-does-not-exist"), std::string::npos)
      << describe(r);
  EXPECT_EQ(processes_mentioning(dir.path()), std::vector<std::string>{});
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "run"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "etcd"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "env"));
}

}  // namespace
}  // namespace gitops::testing
