// End-to-end: the agent runs on the token of deploy/agent/rbac.yaml's ServiceAccount instead of
// the admin's certificate. The manifests' RBAC is enough to sync, prune, lead and assess health of
// an app of the kinds it names, and grants nothing beyond the namespaces it is bound in.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kube/base64.h"
#include "tests/support/agent_e2e.h"
#include "tests/support/e2e.h"

namespace gitops::testing {
namespace {

using std::chrono::seconds;

constexpr seconds k_deadline{90};

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

std::string jsonpath(const std::vector<std::string>& what, const std::string& path) {
  std::vector<std::string> args = {"get"};
  args.insert(args.end(), what.begin(), what.end());
  args.insert(args.end(), {"-o", "jsonpath=" + path});
  return kubectl(args, true).out;
}

// `kubectl auth can-i` as the ServiceAccount: "yes" or "no".
std::string can_i(const std::string& user, std::vector<std::string> args) {
  std::vector<std::string> all = {"auth", "can-i", "--as", user};
  all.insert(all.end(), args.begin(), args.end());
  std::string out = kubectl(all, true).out;
  return out.substr(0, out.find('\n'));
}

const char* k_app_files[][2] = {
    {"app/settings.yaml",
     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  key: \"one\"\n"},
    {"app/old.yaml",
     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\ndata:\n  key: \"x\"\n"},
    {"app/web.yaml",
     "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n"
     "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: "
     "web}\n"
     "    spec:\n      containers:\n      - name: main\n        image: example.com/web:1\n"},
    {"app/svc.yaml",
     "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n"
     "  ports:\n  - port: 80\n    targetPort: 8080\n"},
};

TEST(AgentRbac, TheManifestsServiceAccountIsEnoughAndNoMore) {
  TestNamespace system("gitops-system");
  TestNamespace app("agent-rbac");
  TempDir files;

  // deploy/agent/rbac.yaml as a user applies it, in this test's namespaces.
  std::string rbac =
      read_text(std::filesystem::path(std::getenv("GITOPS_SOURCE_DIR")) / "deploy/agent/rbac.yaml");
  ASSERT_NE(rbac.find("namespace: shop"), std::string::npos);
  replace_all(rbac, "namespace: gitops-system", "namespace: " + system.name());
  replace_all(rbac, "namespace: shop", "namespace: " + app.name());
  kubectl({"apply", "-f", files.write("rbac.yaml", rbac).string()});
  const std::string user = "system:serviceaccount:" + system.name() + ":kubectl-gitops-agent";

  // The token the controller-manager issues for the ServiceAccount, in a kubeconfig of its own.
  std::string secret;
  ASSERT_TRUE(eventually(
      [&] {
        secret = jsonpath({"serviceaccount", "kubectl-gitops-agent", "-n", system.name()},
                          "{.secrets[0].name}");
        return !secret.empty();
      },
      k_deadline));
  auto token = kube::base64_decode(
      jsonpath({"secret", secret, "-n", system.name()}, "{.data.token}"), "token");
  ASSERT_TRUE(token && !token->empty());
  std::string server =
      kubectl({"config", "view", "--raw", "-o", "jsonpath={.clusters[0].cluster.server}"}).out;
  std::string ca = kubectl({"config", "view", "--raw", "-o",
                            "jsonpath={.clusters[0].cluster.certificate-authority-data}"})
                       .out;
  std::string kubeconfig =
      files
          .write("agent.kubeconfig",
                 "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n    server: " +
                     server + "\n    certificate-authority-data: " + ca +
                     "\nusers:\n- name: agent\n  user:\n    token: " + *token +
                     "\ncontexts:\n- name: agent\n  context: {cluster: test, user: agent, "
                     "namespace: " +
                     app.name() + "}\ncurrent-context: agent\n")
          .string();

  ServedRepo repo;
  std::map<std::string, std::string> first;
  for (const auto& f : k_app_files) first[f[0]] = f[1];
  std::string c1 = repo.push(first, "first");
  auto agent = start_agent({"--kubeconfig", kubeconfig, "--repo", repo.url(), "--ref", "main",
                            "--path", "app", "--app", "shop", "--interval", "2s", "--identity",
                            "rbac", "--lease-duration", "3s", "--timeout", "60s"});
  auto newest = [&] {
    auto all = revisions("shop", app.name());
    return all.empty() ? core::Json() : all.front();
  };
  auto synced = [&](const std::string& commit) {
    core::Json r = newest();
    return !r.is_null() && r["source"].value("commit", "") == commit &&
           r.value("status", "") == "Succeeded";
  };
  ASSERT_TRUE(eventually([&] { return synced(c1); }, k_deadline)) << agent->err();
  EXPECT_EQ(jsonpath({"configmap", "settings", "-n", app.name()}, "{.data.key}"), "one");
  EXPECT_EQ(jsonpath({"lease", "gitops-shop.agent", "-n", app.name()}, "{.spec.holderIdentity}"),
            "rbac");

  // A change, then a prune: apply (PATCH) and delete on the app's kinds.
  std::string c2 = repo.push({{"app/settings.yaml",
                               "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                               "data:\n  key: \"two\"\n"}},
                             "second");
  ASSERT_TRUE(eventually([&] { return synced(c2); }, k_deadline)) << agent->err();
  EXPECT_EQ(jsonpath({"configmap", "settings", "-n", app.name()}, "{.data.key}"), "two");
  std::string c3 = repo.push_removal({"app/old.yaml"}, "drop old");
  ASSERT_TRUE(eventually([&] { return synced(c3); }, k_deadline)) << agent->err();
  EXPECT_NE(kubectl({"get", "configmap", "old", "-n", app.name()}, true).exit_code, 0);
  RunResult status = kubectl_gitops({"status", "shop", "-n", app.name(), "--exit-code"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;

  agent->signal(SIGTERM);
  auto code = agent->wait_for(seconds(60));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << agent->err();
  EXPECT_EQ(agent->err().find("forbidden"), std::string::npos) << agent->err();
  EXPECT_TRUE(synced(c3)) << newest().dump();
  EXPECT_EQ(newest().value("actor", ""), "agent/rbac");

  // Nothing beyond the bound namespaces and the named kinds.
  EXPECT_EQ(can_i(user, {"get", "secrets", "-n", "default"}), "no");
  EXPECT_EQ(can_i(user, {"list", "secrets", "--all-namespaces"}), "no");
  EXPECT_EQ(can_i(user, {"create", "deployments", "-n", "default"}), "no");
  EXPECT_EQ(can_i(user, {"create", "clusterroles"}), "no");
  EXPECT_EQ(can_i(user, {"delete", "namespaces"}), "no");
  EXPECT_EQ(can_i(user, {"create", "roles", "-n", app.name()}), "no");
  EXPECT_EQ(can_i(user, {"patch", "deployments", "-n", app.name()}), "yes");
}

}  // namespace
}  // namespace gitops::testing
