// Every authentication kind against the real test control plane: client certificate (files and
// embedded data), static token, token file, and an exec plugin whose credential is cached until
// it expires and re-fetched after a 401.
#include <sys/stat.h>

#include "tests/integration/kube_test_cluster.h"

namespace gitops::kube::integration {
namespace {

using gitops::testing::TempDir;

const core::ObjectKey k_default_ns{"", "v1", "Namespace", "", "default"};

TEST(KubeAuth, ClientCertificateData) {
  TestCluster cluster;
  auto client = make_client(cluster.kubeconfig, "admin");
  ASSERT_TRUE(client);
  auto version = client->server_version();
  ASSERT_TRUE(version.ok()) << version.error().message;
  EXPECT_EQ(*version, "v1.20.2");
  auto ns = client->get(k_default_ns);
  ASSERT_TRUE(ns.ok()) << ns.error().message;
  ASSERT_TRUE(ns->has_value());
  EXPECT_EQ((**ns)["metadata"]["name"], "default");
}

TEST(KubeAuth, ClientCertificateFiles) {
  TestCluster cluster;
  TempDir tmp;
  auto kubeconfig = cluster.write_kubeconfig(tmp, "    client-certificate: " + cluster.pki("admin.crt") +
                                                      "\n    client-key: " + cluster.pki("admin.key") + "\n");
  auto client = make_client(kubeconfig, "");
  ASSERT_TRUE(client);
  auto ns = client->get(k_default_ns);  // namespaces are readable only with admin rights
  ASSERT_TRUE(ns.ok()) << ns.error().message;
  EXPECT_TRUE(ns->has_value());
}

TEST(KubeAuth, StaticToken) {
  TestCluster cluster;
  auto client = make_client(cluster.kubeconfig, "limited");
  ASSERT_TRUE(client);
  auto items = client->list_all({"", "v1", "ConfigMap", "default"});
  ASSERT_TRUE(items.ok()) << items.error().message;
}

TEST(KubeAuth, TokenFile) {
  TestCluster cluster;
  TempDir tmp;
  auto kubeconfig = cluster.write_kubeconfig(tmp, "    tokenFile: " + cluster.dir + "/limited.token\n");
  auto client = make_client(kubeconfig, "");
  ASSERT_TRUE(client);
  auto items = client->list({"", "v1", "ConfigMap", "default"});
  ASSERT_TRUE(items.ok()) << items.error().message;
}

// An exec plugin that counts its runs in `count` and prints the token in file `token` with the
// expiry in file `expiry`.
std::string write_plugin(const TempDir& tmp) {
  auto path = tmp.write("plugin.sh", R"SH(#!/bin/sh
dir=$(dirname "$0")
n=$(cat "$dir/count" 2>/dev/null || echo 0)
echo $((n + 1)) > "$dir/count"
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}' \
  "$(cat "$dir/token")" "$(cat "$dir/expiry")"
)SH");
  chmod(path.c_str(), 0755);
  return path.string();
}

std::string exec_user(const std::string& plugin) {
  return "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: " + plugin +
         "\n      interactiveMode: Never\n      provideClusterInfo: true\n";
}

int runs(const TempDir& tmp) {
  auto r = gitops::testing::run({"cat", (tmp.path() / "count").string()});
  return r.exit_code == 0 ? std::stoi(r.out) : 0;
}

TEST(KubeAuth, ExecPluginCachedUntilExpiry) {
  TestCluster cluster;
  TempDir tmp;
  tmp.write("token", cluster.limited_token());
  tmp.write("expiry", "2999-01-01T00:00:00Z");
  auto client = make_client(cluster.write_kubeconfig(tmp, exec_user(write_plugin(tmp))), "");
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->list({"", "v1", "ConfigMap", "default"}).ok());
  // The limited user may view Pods too (but not Secrets): a second request, same credential.
  ASSERT_TRUE(client->list({"", "v1", "Pod", "default"}).ok());
  EXPECT_EQ(runs(tmp), 1);
}

TEST(KubeAuth, ExecPluginRerunAfterExpiry) {
  TestCluster cluster;
  TempDir tmp;
  tmp.write("token", cluster.limited_token());
  tmp.write("expiry", "2000-01-01T00:00:00Z");  // already expired: every use runs the plugin again
  auto client = make_client(cluster.write_kubeconfig(tmp, exec_user(write_plugin(tmp))), "");
  ASSERT_TRUE(client);
  auto version = client->server_version();
  ASSERT_TRUE(version.ok()) << version.error().message;
  const int after_first = runs(tmp);
  ASSERT_TRUE(client->server_version().ok());
  EXPECT_EQ(runs(tmp), after_first + 1);
}

TEST(KubeAuth, ExecPluginRerunAfterUnauthorized) {
  TestCluster cluster;
  TempDir tmp;
  tmp.write("token", "stale-token-from-an-old-login");
  tmp.write("expiry", "2999-01-01T00:00:00Z");
  auto client = make_client(cluster.write_kubeconfig(tmp, exec_user(write_plugin(tmp))), "");
  ASSERT_TRUE(client);
  ASSERT_FALSE(client->server_version().ok());  // 401; the re-run still returns the stale token
  EXPECT_EQ(runs(tmp), 2);
  tmp.write("token", cluster.limited_token());
  auto version = client->server_version();  // 401 again -> plugin re-run -> the fresh token works
  ASSERT_TRUE(version.ok()) << version.error().message;
  EXPECT_EQ(runs(tmp), 3);
}

}  // namespace
}  // namespace gitops::kube::integration
