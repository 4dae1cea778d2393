// ExecCredential parsing, KUBERNETES_EXEC_INFO, the posix_spawn runner, and credential caching.
#include "kube/exec_credential.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "kube/credentials.h"
#include "tests/support/process.h"

namespace gitops::kube {
namespace {

using gitops::testing::TempDir;

ExecConfig config(std::string api_version = "client.authentication.k8s.io/v1") {
  ExecConfig c;
  c.api_version = std::move(api_version);
  c.command = "plugin";
  c.user_name = "dev";
  c.interactive_mode = InteractiveMode::never;
  return c;
}

TEST(ExecCredential, ParsesTokenAndExpiry) {
  auto cred = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",
          "status":{"token":"abc","expirationTimestamp":"2026-11-29T19:15:00Z"}})",
      config());
  ASSERT_TRUE(cred.ok()) << cred.error().message;
  EXPECT_EQ(cred->token, "abc");
  EXPECT_EQ(cred->expiration, parse_rfc3339("2026-11-29T20:15:00+01:00"));
}

TEST(ExecCredential, ParsesClientCertificate) {
  auto cred = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",
          "status":{"clientCertificateData":"CERT","clientKeyData":"KEY"}})",
      config("client.authentication.k8s.io/v1beta1"));
  ASSERT_TRUE(cred.ok()) << cred.error().message;
  EXPECT_EQ(cred->client_certificate_pem, "CERT");
  EXPECT_EQ(cred->client_key_pem, "KEY");
  EXPECT_FALSE(cred->expiration.has_value());
}

TEST(ExecCredential, RejectsBadOutput) {
  const std::string who = "exec plugin \"plugin\" of user \"dev\"";
  auto not_json = parse_exec_credential("token", config());
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().kind, core::ErrorKind::cluster);
  EXPECT_EQ(not_json.error().message, who + " printed no JSON ExecCredential");
  auto wrong_version = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"x"}})",
      config());
  ASSERT_FALSE(wrong_version.ok());
  EXPECT_EQ(wrong_version.error().message,
            who + " printed kind \"ExecCredential\" apiVersion \"client.authentication.k8s.io/v1beta1\", "
                  "want ExecCredential client.authentication.k8s.io/v1");
  auto empty = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}})", config());
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, who + " printed an ExecCredential with neither a token nor a client certificate");
  auto half = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"C"}})",
      config());
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.error().message, who + " printed clientCertificateData without clientKeyData");
  auto bad_time = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"soon"}})",
      config());
  ASSERT_FALSE(bad_time.ok());
  EXPECT_EQ(bad_time.error().message, who + " printed an invalid expirationTimestamp \"soon\"");
}

TEST(ExecCredential, Rfc3339) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:01:00Z"), std::chrono::system_clock::from_time_t(60));
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:01:00.123Z"), std::chrono::system_clock::from_time_t(60));
  EXPECT_EQ(parse_rfc3339("1970-01-01T01:01:00+01:00"), std::chrono::system_clock::from_time_t(60));
  EXPECT_EQ(parse_rfc3339("2999-01-01T00:00:00Z"), TimePoint::max());
  EXPECT_FALSE(parse_rfc3339("1970-01-01 00:01:00").has_value());
  EXPECT_FALSE(parse_rfc3339("1970-01-01T00:01:00").has_value());
}

TEST(ExecCredential, ExecInfoCarriesClusterOnlyWhenAsked) {
  ExecConfig c = config();
  c.cluster = {{"server", "https://h:1"}};
  EXPECT_EQ(exec_info(c, false),
            R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false}})");
  c.provide_cluster_info = true;
  EXPECT_EQ(exec_info(c, true),
            R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"cluster":{"server":"https://h:1"},"interactive":true}})");
}

std::string script(const TempDir& dir, const std::string& name, const std::string& body) {
  auto path = dir.write(name, "#!/bin/sh\n" + body);
  chmod(path.c_str(), 0755);
  return path.string();
}

TEST(RunExecPlugin, RunsWithArgsEnvAndExecInfo) {
  TempDir dir;
  ExecConfig c = config();
  c.command = "./plugin.sh";  // relative to the kubeconfig folder
  c.kubeconfig_dir = dir.path();
  script(dir, "plugin.sh",
         "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"$(dirname \"$0\")/info\"\n"
         "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
         "\"status\":{\"token\":\"%s-%s\"}}' \"$1\" \"$EXTRA\"\n");
  c.args = {"arg"};
  c.env = {{"EXTRA", "env"}};
  auto cred = run_exec_plugin(c);
  ASSERT_TRUE(cred.ok()) << cred.error().message;
  EXPECT_EQ(cred->token, "arg-env");
  auto info = gitops::testing::run({"cat", (dir.path() / "info").string()});
  EXPECT_EQ(info.out, exec_info(c, false));
}

TEST(RunExecPlugin, FailureShowsStderrAndInstallHint) {
  TempDir dir;
  ExecConfig c = config();
  c.command = script(dir, "fail.sh", "echo 'not logged in' >&2\nexit 3\n");
  c.install_hint = "run: tool login";
  auto cred = run_exec_plugin(c);
  ASSERT_FALSE(cred.ok());
  EXPECT_EQ(cred.error().kind, core::ErrorKind::cluster);
  EXPECT_EQ(cred.error().message, "exec plugin \"" + c.command +
                                      "\" of user \"dev\" failed (exit status 3): not logged in; run: tool login");
}

TEST(RunExecPlugin, MissingCommand) {
  ExecConfig c = config();
  c.command = "kubectl-gitops-no-such-plugin";
  c.install_hint = "install the plugin";
  auto cred = run_exec_plugin(c);
  ASSERT_FALSE(cred.ok());
  EXPECT_EQ(cred.error().message,
            "exec plugin \"kubectl-gitops-no-such-plugin\" of user \"dev\": cannot run it: No such "
            "file or directory; install the plugin");
}

TEST(RunExecPlugin, AlwaysInteractiveNeedsTerminal) {
  ExecConfig c = config();
  c.interactive_mode = InteractiveMode::always;
  if (isatty(0)) GTEST_SKIP() << "standard input is a terminal";
  auto cred = run_exec_plugin(c);
  ASSERT_FALSE(cred.ok());
  EXPECT_EQ(cred.error().message,
            "exec plugin \"plugin\" of user \"dev\" needs a terminal (interactiveMode: Always) but "
            "standard input is not one");
}

// A fake plugin: counts runs, hands out token-N expiring `ttl` after the fake clock's now.
struct FakePlugin {
  int runs = 0;
  TimePoint now = std::chrono::system_clock::from_time_t(1000);
  std::optional<std::chrono::seconds> ttl = std::chrono::seconds(60);
  ExecRunner runner() {
    return [this](const ExecConfig&) -> core::Result<ExecCredential> {
      ++runs;
      ExecCredential c;
      c.token = "token-" + std::to_string(runs);
      if (ttl) c.expiration = now + *ttl;
      return c;
    };
  }
  Clock clock() {
    return [this] { return now; };
  }
};

AuthConfig exec_auth() {
  AuthConfig auth;
  auth.exec = config();
  return auth;
}

TEST(CredentialProvider, ExecCachedUntilExpiry) {
  FakePlugin plugin;
  CredentialProvider provider(exec_auth(), plugin.runner(), plugin.clock());
  EXPECT_EQ(provider.get()->authorization, "Bearer token-1");
  EXPECT_EQ(provider.get()->authorization, "Bearer token-1");
  EXPECT_EQ(plugin.runs, 1);
  plugin.now += std::chrono::seconds(59);
  EXPECT_EQ(provider.get()->authorization, "Bearer token-1");
  plugin.now += std::chrono::seconds(1);
  EXPECT_EQ(provider.get()->authorization, "Bearer token-2");
  EXPECT_EQ(plugin.runs, 2);
  EXPECT_EQ(provider.exec_runs(), 2);
}

TEST(CredentialProvider, ExecWithoutExpiryRerunsOnlyAfterInvalidate) {
  FakePlugin plugin;
  plugin.ttl.reset();
  CredentialProvider provider(exec_auth(), plugin.runner(), plugin.clock());
  EXPECT_EQ(provider.get()->authorization, "Bearer token-1");
  plugin.now += std::chrono::hours(1000);
  EXPECT_EQ(provider.get()->authorization, "Bearer token-1");
  EXPECT_TRUE(provider.invalidate());
  EXPECT_EQ(provider.get()->authorization, "Bearer token-2");
  EXPECT_EQ(provider.secrets(), (std::vector<std::string>{"token-1", "token-2"}));
}

TEST(CredentialProvider, ExecFailureIsReturned) {
  AuthConfig auth = exec_auth();
  CredentialProvider provider(auth, [](const ExecConfig&) -> core::Result<ExecCredential> {
    return core::Error{core::ErrorKind::cluster, "plugin broke"};
  });
  auto creds = provider.get();
  ASSERT_FALSE(creds.ok());
  EXPECT_EQ(creds.error().message, "plugin broke");
}

TEST(CredentialProvider, ExecClientCertificateReplacesStaticOne) {
  AuthConfig auth = exec_auth();
  auth.client_certificate_pem = "STATIC";
  auth.client_key_pem = "STATIC-KEY";
  CredentialProvider provider(auth, [](const ExecConfig&) -> core::Result<ExecCredential> {
    ExecCredential c;
    c.client_certificate_pem = "EXEC";
    c.client_key_pem = "EXEC-KEY";
    return c;
  });
  auto creds = provider.get();
  ASSERT_TRUE(creds.ok());
  EXPECT_EQ(creds->client_certificate_pem, "EXEC");
  EXPECT_EQ(creds->client_key_pem, "EXEC-KEY");
  EXPECT_EQ(creds->authorization, "");
}

TEST(CredentialProvider, BasicAuthHeader) {
  AuthConfig auth;
  auth.username = "admin";
  auth.password = "secret";
  CredentialProvider provider(auth);
  EXPECT_EQ(provider.get()->authorization, "Basic YWRtaW46c2VjcmV0");
  EXPECT_EQ(provider.secrets(), (std::vector<std::string>{"secret", "YWRtaW46c2VjcmV0"}));
}

TEST(CredentialProvider, TokenWinsOverTokenFile) {
  AuthConfig auth;
  auth.token = "inline";
  auth.token_file = "/nonexistent";
  CredentialProvider provider(auth);
  EXPECT_EQ(provider.get()->authorization, "Bearer inline");
  EXPECT_FALSE(provider.invalidate());
}

TEST(CredentialProvider, TokenFileRereadWhenItChanges) {
  TempDir dir;
  auto file = dir.write("token", "first\n");
  AuthConfig auth;
  auth.token_file = file;
  CredentialProvider provider(auth);
  EXPECT_EQ(provider.get()->authorization, "Bearer first");
  dir.write("token", "second-token\n");  // a different size, so the change is seen even within one mtime tick
  EXPECT_EQ(provider.get()->authorization, "Bearer second-token");
  EXPECT_FALSE(provider.invalidate());  // unchanged since: a retry would not help
}

TEST(CredentialProvider, MissingTokenFile) {
  AuthConfig auth;
  auth.token_file = "/nonexistent/token";
  CredentialProvider provider(auth);
  auto creds = provider.get();
  ASSERT_FALSE(creds.ok());
  EXPECT_EQ(creds.error().kind, core::ErrorKind::cluster);
  EXPECT_EQ(creds.error().message, "cannot read token file /nonexistent/token: No such file or directory");
}

}  // namespace
}  // namespace gitops::kube
