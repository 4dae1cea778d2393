// Kubeconfig parsing, kubectl's merge rules, context resolution and in-cluster configuration.
#include "kube/kubeconfig.h"

#include <gtest/gtest.h>

#include "kube/base64.h"
#include "kube/client_config.h"
#include "tests/support/process.h"

namespace gitops::kube {
namespace {

using gitops::testing::TempDir;

const char* k_first = R"(apiVersion: v1
kind: Config
current-context: one
clusters:
- name: c1
  cluster:
    server: https://first:6443/
    certificate-authority: pki/ca.crt
    tls-server-name: kubernetes
users:
- name: u1
  user:
    token: first-token
contexts:
- name: one
  context: {cluster: c1, user: u1, namespace: shop}
- name: shared
  context: {cluster: c1, user: u1}
)";

const char* k_second = R"(current-context: two
clusters:
- name: c1
  cluster: {server: https://second:6443}
- name: c2
  cluster: {server: https://second:6443, insecure-skip-tls-verify: true}
users:
- name: u2
  user: {username: admin, password: secret}
contexts:
- name: two
  context: {cluster: c2, user: u2}
- name: shared
  context: {cluster: c2, user: u2}
)";

struct Fixture : ::testing::Test {
  TempDir dir;
  std::string first, second;
  void SetUp() override {
    dir.write("a/pki/ca.crt", "CA-PEM");
    first = dir.write("a/config", k_first).string();
    second = dir.write("b/config", k_second).string();
  }
  Environment env(std::optional<std::string> kubeconfig) {
    Environment e;
    e.kubeconfig = std::move(kubeconfig);
    e.home = dir.path() / "home";
    e.in_cluster_root = dir.path() / "root";
    return e;
  }
};

TEST(KubeconfigFiles, ExplicitPathWins) {
  EXPECT_EQ(kubeconfig_files({"/x/config", "/a:/b", "/home"}),
            std::vector<std::filesystem::path>{"/x/config"});
}

TEST(KubeconfigFiles, KubeconfigListSkipsEmptyAndDuplicates) {
  EXPECT_EQ(kubeconfig_files({"", "/a::/b:/a", "/home"}),
            (std::vector<std::filesystem::path>{"/a", "/b"}));
}

TEST(KubeconfigFiles, HomeWhenUnset) {
  EXPECT_EQ(kubeconfig_files({"", std::nullopt, "/home/u"}),
            std::vector<std::filesystem::path>{"/home/u/.kube/config"});
}

TEST_F(Fixture, FirstFileWinsPerEntryAndCurrentContext) {
  auto config = load_kubeconfig({"", first + ":" + second, ""});
  ASSERT_TRUE(config.ok()) << config.error().message;
  ASSERT_TRUE(config->has_value());
  const Kubeconfig& k = **config;
  EXPECT_EQ(k.current_context, "one");
  EXPECT_EQ(k.clusters.at("c1").server, "https://first:6443/");
  EXPECT_EQ(k.clusters.at("c2").server, "https://second:6443");
  EXPECT_EQ(k.contexts.at("shared").cluster, "c1");
  EXPECT_EQ(k.users.count("u2"), 1u);
}

TEST_F(Fixture, RelativePathsResolveAgainstTheirFile) {
  auto config = load_kubeconfig({first, std::nullopt, ""});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ((*config)->clusters.at("c1").certificate_authority,
            (dir.path() / "a/pki/ca.crt").string());
}

TEST_F(Fixture, ResolvesCurrentContext) {
  auto config = load_client_config({}, env(first + ":" + second));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->context, "one");
  EXPECT_EQ(config->server, "https://first:6443");
  EXPECT_EQ(config->namespace_, "shop");
  EXPECT_EQ(config->tls.ca_pem, "CA-PEM");
  EXPECT_EQ(config->tls.ca_source, "CA file " + (dir.path() / "a/pki/ca.crt").string());
  EXPECT_EQ(config->tls.server_name, "kubernetes");
  EXPECT_EQ(config->auth.token, "first-token");
}

TEST_F(Fixture, ContextFlagAndNamespaceOverride) {
  ConfigOptions options;
  options.context = "two";
  options.namespace_ = "other";
  auto config = load_client_config(options, env(first + ":" + second));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->server, "https://second:6443");
  EXPECT_TRUE(config->tls.insecure_skip_verify);
  EXPECT_EQ(config->auth.username, "admin");
  EXPECT_EQ(config->namespace_, "other");
}

TEST_F(Fixture, NamespaceDefaultsToDefault) {
  ConfigOptions options;
  options.context = "shared";
  auto config = load_client_config(options, env(first));
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->namespace_, "default");
}

TEST_F(Fixture, UnknownContext) {
  ConfigOptions options;
  options.context = "nope";
  auto config = load_client_config(options, env(first));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(config.error().message, "context \"nope\" not found in kubeconfig " + first);
}

TEST_F(Fixture, MissingExplicitFile) {
  ConfigOptions options;
  options.kubeconfig = (dir.path() / "missing").string();
  auto config = load_client_config(options, env(first));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(config.error().message,
            "kubeconfig " + options.kubeconfig + " (from --kubeconfig) does not exist");
}

TEST_F(Fixture, NothingFoundIsAnErrorNotLocalhost) {
  auto config = load_client_config({}, env(std::nullopt));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(config.error().message,
            "no kubeconfig found (looked for " + (dir.path() / "home/.kube/config").string() +
                ") and not running inside a cluster; pass --kubeconfig or set KUBECONFIG");
}

TEST_F(Fixture, UnknownClusterAndUser) {
  auto path = dir.write("c", R"(
contexts:
- {name: x, context: {cluster: gone, user: u}}
- {name: y, context: {cluster: c, user: gone}}
clusters:
- {name: c, cluster: {server: "https://h:1"}}
)");
  ConfigOptions options;
  options.kubeconfig = path.string();
  options.context = "x";
  auto x = load_client_config(options, env(std::nullopt));
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.error().message, "cluster \"gone\" of context \"x\" not found in kubeconfig " + path.string());
  options.context = "y";
  auto y = load_client_config(options, env(std::nullopt));
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.error().message, "user \"gone\" of context \"y\" not found in kubeconfig " + path.string());
}

TEST_F(Fixture, NoCurrentContext) {
  auto path = dir.write("c", "clusters: []\n");
  ConfigOptions options;
  options.kubeconfig = path.string();
  auto config = load_client_config(options, env(std::nullopt));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message,
            "no context selected: kubeconfig " + path.string() + " has no current-context; pass --context");
}

TEST_F(Fixture, LegacyAuthProviderNamesItsReplacement) {
  auto path = dir.write("c", R"(
current-context: x
contexts: [{name: x, context: {cluster: c, user: g}}]
clusters: [{name: c, cluster: {server: "https://h:1"}}]
users: [{name: g, user: {auth-provider: {name: gcp, config: {}}}}]
)");
  ConfigOptions options;
  options.kubeconfig = path.string();
  auto config = load_client_config(options, env(std::nullopt));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(config.error().message,
            "user \"g\" uses the legacy auth-provider \"gcp\", which kubectl-gitops does not "
            "support; use the exec credential plugin gke-gcloud-auth-plugin instead");
}

TEST_F(Fixture, CertificateDataDecoded) {
  auto path = dir.write("c", "current-context: x\n"
                             "contexts: [{name: x, context: {cluster: c, user: u}}]\n"
                             "clusters: [{name: c, cluster: {server: 'https://h:1', certificate-authority-data: " +
                                 base64_encode("CA") + "}}]\n"
                             "users: [{name: u, user: {client-certificate-data: " + base64_encode("CERT") +
                                 ", client-key-data: " + base64_encode("KEY") + "}}]\n");
  ConfigOptions options;
  options.kubeconfig = path.string();
  auto config = load_client_config(options, env(std::nullopt));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->tls.ca_pem, "CA");
  EXPECT_EQ(config->tls.ca_source, "certificate-authority-data of cluster \"c\"");
  EXPECT_EQ(config->auth.client_certificate_pem, "CERT");
  EXPECT_EQ(config->auth.client_key_pem, "KEY");
}

TEST_F(Fixture, MissingCertificateFileNamed) {
  auto path = dir.write("c", R"(
current-context: x
contexts: [{name: x, context: {cluster: c, user: u}}]
clusters: [{name: c, cluster: {server: "https://h:1"}}]
users: [{name: u, user: {client-certificate: nope.crt, client-key: nope.key}}]
)");
  ConfigOptions options;
  options.kubeconfig = path.string();
  auto config = load_client_config(options, env(std::nullopt));
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message, "cannot read client-certificate of user \"u\" " +
                                        (dir.path() / "nope.crt").string() + ": No such file or directory");
}

TEST_F(Fixture, ExecConfigParsed) {
  auto path = dir.write("c", R"(
users:
- name: e
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/plugin
      args: [get-token, --x]
      env: [{name: A, value: b}]
      provideClusterInfo: true
      interactiveMode: Never
      installHint: install it
)");
  auto config = load_kubeconfig({path.string(), std::nullopt, ""});
  ASSERT_TRUE(config.ok()) << config.error().message;
  const ExecConfig& exec = *(*config)->users.at("e").exec;
  EXPECT_EQ(exec.command, "./bin/plugin");
  EXPECT_EQ(exec.args, (std::vector<std::string>{"get-token", "--x"}));
  EXPECT_EQ(exec.env.at(0), (std::pair<std::string, std::string>{"A", "b"}));
  EXPECT_TRUE(exec.provide_cluster_info);
  EXPECT_EQ(exec.interactive_mode, InteractiveMode::never);
  EXPECT_EQ(exec.install_hint, "install it");
  EXPECT_EQ(exec.kubeconfig_dir, dir.path());
}

TEST_F(Fixture, ExecV1NeedsInteractiveMode) {
  auto path = dir.write("c", "users: [{name: e, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x}}}]\n");
  auto config = load_kubeconfig({path.string(), std::nullopt, ""});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message, "kubeconfig " + path.string() +
                                        ": users[0].user.exec.interactiveMode: required by client.authentication.k8s.io/v1");
}

TEST_F(Fixture, BadFieldTypesNamed) {
  auto path = dir.write("c", "clusters: [{name: c, cluster: {server: [1]}}]\n");
  auto config = load_kubeconfig({path.string(), std::nullopt, ""});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message, "kubeconfig " + path.string() + ": clusters[0].cluster.server: expected a string");
}

TEST_F(Fixture, InClusterWhenNoKubeconfig) {
  const auto sa = dir.path() / "root/var/run/secrets/kubernetes.io/serviceaccount";
  dir.write("root/var/run/secrets/kubernetes.io/serviceaccount/token", "sa-token\n");
  dir.write("root/var/run/secrets/kubernetes.io/serviceaccount/ca.crt", "SA-CA");
  dir.write("root/var/run/secrets/kubernetes.io/serviceaccount/namespace", "apps");
  Environment e = env(std::nullopt);
  e.service_host = "10.0.0.1";
  e.service_port = "443";
  auto config = load_client_config({}, e);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->server, "https://10.0.0.1:443");
  EXPECT_EQ(config->context, "in-cluster");
  EXPECT_EQ(config->namespace_, "apps");
  EXPECT_EQ(config->tls.ca_pem, "SA-CA");
  EXPECT_EQ(config->auth.token_file, sa / "token");
}

}  // namespace
}  // namespace gitops::kube
