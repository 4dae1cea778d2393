// Failures against the real control plane: a wrong CA, an unreachable server, a wrong token and a
// user without RBAC rights each give one clear line of the right kind, and never leak a token.
#include "tests/integration/kube_test_cluster.h"

namespace gitops::kube::integration {
namespace {

using gitops::testing::TempDir;

bool one_line(const std::string& s) { return s.find('\n') == std::string::npos; }

TEST(KubeErrors, WrongCertificateAuthority) {
  TestCluster cluster;
  TempDir tmp;
  auto made = gitops::testing::run({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                    "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=other-ca",
                                    "-days", "1", "-keyout", (tmp.path() / "other.key").string(),
                                    "-out", (tmp.path() / "other.crt").string()});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string token = cluster.limited_token();
  const std::string ca = (tmp.path() / "other.crt").string();
  auto kubeconfig = cluster.write_kubeconfig(tmp, "    token: " + token + "\n", ca);
  LogCapture log;
  auto client = make_client(kubeconfig, "", &log);
  ASSERT_TRUE(client);
  auto version = client->server_version();
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.error().kind, core::ErrorKind::cluster);
  const std::string prefix = "getting the server version: cannot verify the TLS certificate of " +
                             cluster.server() + " for server name 127.0.0.1 against CA file " + ca + ": ";
  EXPECT_EQ(version.error().message.substr(0, prefix.size()), prefix);
  EXPECT_TRUE(one_line(version.error().message));
  EXPECT_EQ(version.error().message.find(token), std::string::npos);
  EXPECT_EQ(log.all().find(token), std::string::npos);
}

TEST(KubeErrors, UnreachableServer) {
  TestCluster cluster;
  TempDir tmp;
  const std::string token = cluster.limited_token();
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  auto kubeconfig = cluster.write_kubeconfig(tmp, "    token: " + token + "\n", "", "https://127.0.0.1:1");
  LogCapture log;
  ClientOptions options;
  options.sleep = [](std::chrono::milliseconds) {};
  auto client = make_client(kubeconfig, "", &log, options);
  ASSERT_TRUE(client);
  auto version = client->server_version();
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.error().kind, core::ErrorKind::cluster);
  EXPECT_EQ(version.error().message,
            "getting the server version: cannot reach https://127.0.0.1:1: connection refused");
  EXPECT_EQ(log.all().find(token), std::string::npos);
}

TEST(KubeErrors, WrongToken) {
  TestCluster cluster;
  TempDir tmp;
  const std::string token = "not-a-valid-token-4f1c2e";
  auto kubeconfig = cluster.write_kubeconfig(tmp, "    token: " + token + "\n");
  LogCapture log;
  ClientOptions options;
  options.cache_home = tmp.path();  // no discovery cache yet: the first request is GET /api
  auto client = make_client(kubeconfig, "", &log, options);
  ASSERT_TRUE(client);
  auto items = client->list({"", "v1", "ConfigMap", "default"});
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.error().kind, core::ErrorKind::cluster);
  EXPECT_EQ(items.error().message,
            "listing ConfigMap: discovering the API: GET /api: API server says: Unauthorized (reason: Unauthorized)");
  EXPECT_EQ(items.error().message.find(token), std::string::npos);
  const std::string logged = log.all();
  EXPECT_NE(logged.find("Authorization: Bearer <masked>"), std::string::npos) << logged;
  EXPECT_EQ(logged.find(token), std::string::npos) << logged;
}

TEST(KubeErrors, UserWithoutRbacRights) {
  TestCluster cluster;
  LogCapture log;
  auto client = make_client(cluster.kubeconfig, "limited", &log);
  ASSERT_TRUE(client);
  auto items = client->list({"", "v1", "ConfigMap", "kube-system"});
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.error().kind, core::ErrorKind::cluster);
  EXPECT_EQ(items.error().message,
            "listing v1 ConfigMap in namespace kube-system: API server says: configmaps is forbidden: "
            "User \"gitops-limited\" cannot list resource \"configmaps\" in API group \"\" in the "
            "namespace \"kube-system\" (reason: Forbidden)");
  const Json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"},
                   {"metadata", {{"name", "x"}, {"namespace", "default"}}}};
  auto applied = client->apply(cm, {"kubectl-gitops", Force::no, DryRun::yes});
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().kind, core::ErrorKind::cluster);
  EXPECT_EQ(applied.error().message,
            "applying v1 ConfigMap default/x: API server says: configmaps \"x\" is forbidden: User "
            "\"gitops-limited\" cannot patch resource \"configmaps\" in API group \"\" in the "
            "namespace \"default\" (reason: Forbidden)");
  const std::string token = cluster.limited_token();
  EXPECT_EQ(log.all().find(token), std::string::npos);
}

}  // namespace
}  // namespace gitops::kube::integration
