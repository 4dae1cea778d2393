// End-to-end: `kubectl gitops agent` against the test control plane, following a branch served
// by `git daemon` on loopback: polling, webhooks, self-heal, failures and backoff, leader
// election between two agents, and SIGTERM in the middle of a sync.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "agent/signature.h"
#include "tests/support/agent_e2e.h"
#include "tests/support/e2e.h"

namespace gitops::testing {
namespace {

using std::chrono::seconds;

// Generous: the machine running the tests may be slow and busy.
constexpr seconds k_deadline{90};

std::string config_map(const std::string& value) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  key: \"" + value +
         "\"\n";
}

class Agent : public ::testing::Test {
 protected:
  Agent() : ns("agent") {}

  std::vector<std::string> args(std::vector<std::string> extra) {
    std::vector<std::string> a = {
        "--repo",  repo.url(),         "--ref", "main",      "--path", "app", "--app", "shop", "-n",
        ns.name(), "--lease-duration", "3s",    "--timeout", "60s"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  std::string value() {
    RunResult r = kubectl(
        {"get", "configmap", "settings", "-n", ns.name(), "-o", "jsonpath={.data.key}"}, true);
    return r.exit_code == 0 ? r.out : "<" + r.err + ">";
  }

  // The newest revision, or null.
  core::Json newest() {
    auto all = revisions("shop", ns.name());
    return all.empty() ? core::Json() : all.front();
  }

  bool newest_is(const std::string& commit, const std::string& status) {
    core::Json r = newest();
    return !r.is_null() && r["source"].value("commit", "") == commit &&
           r.value("status", "") == status;
  }

  // SIGTERM, exit 0, and the last words in the log.
  void stop(BackgroundProcess& agent) {
    agent.signal(SIGTERM);
    auto code = agent.wait_for(seconds(60));
    ASSERT_TRUE(code.has_value()) << agent.err();
    EXPECT_EQ(*code, 0) << agent.err();
    EXPECT_NE(agent.err().find("info received SIGTERM\n"), std::string::npos) << agent.err();
  }

  TestNamespace ns;
  ServedRepo repo;
};

TEST_F(Agent, SyncsEachPushWithinAnInterval) {
  std::string c1 = repo.push({{"app/settings.yaml", config_map("one")}}, "first");
  int port = free_port();
  auto agent = start_agent(args({"--interval", "2s", "--identity", "alpha", "--metrics-addr",
                                 "127.0.0.1:" + std::to_string(port)}));
  ASSERT_TRUE(eventually([&] { return newest_is(c1, "Succeeded"); }, k_deadline)) << agent->err();
  EXPECT_EQ(value(), "one");
  EXPECT_EQ(newest().value("actor", ""), "agent/alpha");

  std::string c2 = repo.push({{"app/settings.yaml", config_map("two")}}, "second");
  ASSERT_TRUE(eventually([&] { return value() == "two"; }, k_deadline)) << agent->err();
  ASSERT_TRUE(eventually([&] { return newest_is(c2, "Succeeded"); }, k_deadline)) << agent->err();

  RunResult status = kubectl_gitops({"status", "shop", "-n", ns.name()});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("Sync:       Synced against " + c2.substr(0, 7) + " (main)\n"),
            std::string::npos)
      << status.out;
  EXPECT_NE(status.out.find("Last sync:  revision 2, " + c2.substr(0, 7) + ", Succeeded at "),
            std::string::npos)
      << status.out;

  std::string labels = "{namespace=\"" + ns.name() + "\",app=\"shop\"";
  HttpResult metrics = http(port, "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_EQ(metric(metrics.body, "gitops_agent_syncs_total" + labels + ",result=\"succeeded\"}"), 2)
      << metrics.body;
  EXPECT_EQ(metric(metrics.body, "gitops_agent_syncs_total" + labels + ",result=\"failed\"}"), 0);
  EXPECT_EQ(metric(metrics.body, "gitops_agent_leader" + labels + "}"), 1);
  EXPECT_EQ(metric(metrics.body,
                   "gitops_agent_app_info" + labels + ",commit=\"" + c2 + "\",observed_commit=\"" +
                       c2 + "\",sync=\"Synced\",health=\"Healthy\",last_result=\"succeeded\"}"),
            1)
      << metrics.body;
  EXPECT_GT(metric(metrics.body, "gitops_agent_last_sync_timestamp_seconds" + labels + "}"), 1e9);
  EXPECT_EQ(http(port, "GET", "/healthz").body, "ok\n");
  EXPECT_EQ(http(port, "GET", "/readyz").body, "ok\n");
  EXPECT_NE(agent->err().find("info " + ns.name() + "/shop: synced shop to " + c2.substr(0, 7) +
                              " (main): 0 created, 1 configured"),
            std::string::npos)
      << agent->err();
  stop(*agent);
}

TEST_F(Agent, SignedWebhookSyncsAtOnceAndUnsignedIsRefused) {
  const std::string secret = "e2e-webhook-secret-7f3a";
  TempDir files;
  std::string secret_file = files.write("secret", secret + "\n").string();
  std::string c1 = repo.push({{"app/settings.yaml", config_map("one")}}, "first");
  int port = free_port();
  // A poll interval far longer than the test: only the webhook can explain a sync of c2.
  auto agent = start_agent(
      args({"--interval", "10m", "--identity", "hook", "--webhook-addr",
            "127.0.0.1:" + std::to_string(port), "--webhook-secret-file", secret_file}));
  ASSERT_TRUE(eventually([&] { return newest_is(c1, "Succeeded"); }, k_deadline)) << agent->err();

  std::string c2 = repo.push({{"app/settings.yaml", config_map("two")}}, "second");
  const std::string payload =
      core::Json{
          {"ref", "refs/heads/main"}, {"after", c2}, {"repository", {{"clone_url", repo.url()}}}}
          .dump();
  HttpResult unsigned_post = http(port, "POST", "/webhook", {{"X-GitHub-Event", "push"}}, payload);
  EXPECT_EQ(unsigned_post.status, 401);
  EXPECT_EQ(unsigned_post.body, "missing or invalid signature\n");
  HttpResult forged =
      http(port, "POST", "/webhook",
           {{"X-GitHub-Event", "push"},
            {"X-Hub-Signature-256", "sha256=" + agent::hmac_sha256_hex("not the secret", payload)}},
           payload);
  EXPECT_EQ(forged.status, 401);

  HttpResult signed_post =
      http(port, "POST", "/webhook",
           {{"X-GitHub-Event", "push"},
            {"X-Hub-Signature-256", "sha256=" + agent::hmac_sha256_hex(secret, payload)}},
           payload);
  EXPECT_EQ(signed_post.status, 202);
  EXPECT_EQ(signed_post.body, "refreshing 1 apps: " + ns.name() + "/shop\n");
  auto posted = std::chrono::steady_clock::now();
  ASSERT_TRUE(eventually([&] { return value() == "two"; }, k_deadline)) << agent->err();
  std::cerr << "webhook to sync: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - posted)
                   .count()
            << " ms\n";
  ASSERT_TRUE(eventually([&] { return newest_is(c2, "Succeeded"); }, k_deadline));
  // Nothing was synced for the refused requests: two revisions, both from good requests.
  EXPECT_EQ(revisions("shop", ns.name()).size(), 2u);
  std::string log = agent->err();
  EXPECT_EQ(log.find(secret), std::string::npos) << "the secret leaked into the log";
  EXPECT_NE(log.find("warning webhook: refused a request with a missing or invalid signature\n"),
            std::string::npos);
  EXPECT_NE(log.find("info webhook: push to main of " + repo.url() + ": refreshing " + ns.name() +
                     "/shop\n"),
            std::string::npos)
      << log;
  HttpResult metrics = http(port, "GET", "/metrics");
  EXPECT_EQ(metric(metrics.body, "gitops_agent_webhook_requests_total{code=\"401\"}"), 2);
  EXPECT_EQ(metric(metrics.body, "gitops_agent_webhook_requests_total{code=\"202\"}"), 1);
  stop(*agent);
}

TEST_F(Agent, SelfHealRevertsAnEdit) {
  std::string c1 = repo.push({{"app/settings.yaml", config_map("one")}}, "first");
  auto agent = start_agent(args({"--interval", "2s", "--self-heal", "--identity", "healer"}));
  ASSERT_TRUE(eventually([&] { return newest_is(c1, "Succeeded"); }, k_deadline)) << agent->err();
  kubectl({"patch", "configmap", "settings", "-n", ns.name(), "--type", "merge", "-p",
           R"({"data":{"key":"edited"}})", "--field-manager", "kubectl-edit"});
  ASSERT_TRUE(eventually([&] { return value() == "one"; }, k_deadline)) << agent->err();
  EXPECT_NE(agent->err().find("info " + ns.name() + "/shop: 1 objects drifted from " +
                              c1.substr(0, 7) + "; re-syncing (self-heal)\n"),
            std::string::npos)
      << agent->err();
  core::Json healed = newest();
  EXPECT_EQ(healed.value("revision", 0), 2);
  EXPECT_EQ(healed.value("actor", ""), "agent/healer");
  stop(*agent);
}

TEST_F(Agent, WithoutSelfHealAnEditShowsOutOfSync) {
  std::string c1 = repo.push({{"app/settings.yaml", config_map("one")}}, "first");
  auto agent = start_agent(args({"--interval", "1s", "--identity", "watcher"}));
  ASSERT_TRUE(eventually([&] { return newest_is(c1, "Succeeded"); }, k_deadline)) << agent->err();
  kubectl({"patch", "configmap", "settings", "-n", ns.name(), "--type", "merge", "-p",
           R"({"data":{"key":"edited"}})", "--field-manager", "kubectl-edit"});
  // Several intervals pass; the edit stays.
  std::this_thread::sleep_for(seconds(5));
  EXPECT_EQ(value(), "edited");
  RunResult status = kubectl_gitops({"status", "shop", "-n", ns.name(), "--exit-code"});
  EXPECT_EQ(status.exit_code, 1) << status.err;
  EXPECT_NE(status.out.find("Sync:       OutOfSync (1 objects differ) against " + c1.substr(0, 7) +
                            " (main)\n"),
            std::string::npos)
      << status.out;
  EXPECT_EQ(revisions("shop", ns.name()).size(), 1u);
  stop(*agent);
}

}  // namespace
}  // namespace gitops::testing
