// End-to-end: the agent when things go wrong - a commit that does not render, two agents on the
// same app, SIGTERM during a sync - and its command-line errors.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <thread>

#include "tests/support/agent_e2e.h"
#include "tests/support/e2e.h"

namespace gitops::testing {
namespace {

using std::chrono::seconds;
using Steady = std::chrono::steady_clock;

constexpr seconds k_deadline{90};

std::string config_map(const std::string& value) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  key: \"" + value +
         "\"\n";
}

std::string deployment(const std::string& image) {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n"
         "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: "
         "{app: web}\n"
         "    spec:\n      containers:\n      - name: main\n        image: " +
         image + "\n";
}

class AgentResilience : public ::testing::Test {
 protected:
  AgentResilience() : ns("agent-r") {}

  std::vector<std::string> args(std::vector<std::string> extra) {
    std::vector<std::string> a = {
        "--repo", repo.url(), "--ref", "main",    "--path",           "app",
        "--app",  "shop",     "-n",    ns.name(), "--lease-duration", "3s"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  std::string value() {
    RunResult r = kubectl(
        {"get", "configmap", "settings", "-n", ns.name(), "-o", "jsonpath={.data.key}"}, true);
    return r.exit_code == 0 ? r.out : "<" + r.err + ">";
  }

  core::Json newest() {
    auto all = revisions("shop", ns.name());
    return all.empty() ? core::Json() : all.front();
  }

  bool newest_is(const std::string& commit, const std::string& status) {
    core::Json r = newest();
    return !r.is_null() && r["source"].value("commit", "") == commit &&
           r.value("status", "") == status;
  }

  std::string lease_holder(const std::string& name) {
    RunResult r = kubectl(
        {"get", "lease", name, "-n", ns.name(), "-o", "jsonpath={.spec.holderIdentity}"}, true);
    return r.exit_code == 0 ? r.out : "";
  }

  TestNamespace ns;
  ServedRepo repo;
};

TEST_F(AgentResilience, BadCommitLeavesTheClusterAndBacksOffThenTheNextGoodCommitSyncs) {
  std::string c1 = repo.push({{"app/settings.yaml", config_map("one")}}, "first");
  int port = free_port();
  auto agent = start_agent(
      args({"--interval", "1s", "--identity", "careful", "--backoff-initial", "4s", "--backoff-max",
            "1m", "--metrics-addr", "127.0.0.1:" + std::to_string(port)}));
  ASSERT_TRUE(eventually([&] { return newest_is(c1, "Succeeded"); }, k_deadline)) << agent->err();

  std::string bad = repo.push(
      {{"app/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [\n"}}, "broken");
  const std::string failed_series =
      "gitops_agent_syncs_total{namespace=\"" + ns.name() + "\",app=\"shop\",result=\"failed\"}";
  auto failures = [&] { return metric(http(port, "GET", "/metrics").body, failed_series); };
  ASSERT_TRUE(eventually([&] { return failures() >= 1; }, k_deadline)) << agent->err();
  const auto first_seen = Steady::now();
  ASSERT_TRUE(eventually([&] { return failures() >= 2; }, k_deadline)) << agent->err();
  // With a 1s interval, only the backoff keeps the second attempt 4s after the first.
  EXPECT_GE(Steady::now() - first_seen, seconds(3));
  std::string log = agent->err();
  EXPECT_NE(log.find("error " + ns.name() + "/shop: sync of " + bad.substr(0, 7) +
                     " failed (attempt 1, next try in 4s at the earliest): "),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("failed (attempt 2, next try in 8s at the earliest): "), std::string::npos)
      << log;

  EXPECT_EQ(value(), "one");  // the cluster is as it was
  core::Json failed = newest();
  EXPECT_EQ(failed["source"].value("commit", ""), bad);
  EXPECT_EQ(failed.value("status", ""), "Failed");
  EXPECT_EQ(failed.value("actor", ""), "agent/careful");
  EXPECT_NE(failed.value("message", "").find("settings.yaml"), std::string::npos) << failed.dump();
  EXPECT_EQ(revisions("shop", ns.name()).size(), 2u);  // the same failure is recorded once
  RunResult history = kubectl_gitops({"history", "shop", "-n", ns.name()});
  EXPECT_NE(history.out.find("\n2 "), std::string::npos) << history.out;
  std::string row = history.out.substr(history.out.find("\n2 ") + 1);
  row = row.substr(0, row.find('\n'));
  EXPECT_NE(row.find(" Failed "), std::string::npos) << row;
  EXPECT_NE(row.find(" " + bad.substr(0, 7) + " "), std::string::npos) << row;
  EXPECT_NE(row.find(" agent/careful "), std::string::npos) << row;
  RunResult status = kubectl_gitops({"status", "shop", "-n", ns.name()});
  EXPECT_EQ(status.exit_code, 3) << status.out;
  EXPECT_NE(status.err.find("settings.yaml"), std::string::npos) << status.err;
  std::string metrics = http(port, "GET", "/metrics").body;
  EXPECT_NE(metrics.find("gitops_agent_app_info{namespace=\"" + ns.name() +
                         "\",app=\"shop\",commit=\"" + c1 + "\",observed_commit=\"" + bad +
                         "\",sync=\"OutOfSync\",health=\"Healthy\",last_result=\"failed\"} 1\n"),
            std::string::npos)
      << metrics;

  std::string c3 = repo.push({{"app/settings.yaml", config_map("three")}}, "fixed");
  ASSERT_TRUE(eventually([&] { return newest_is(c3, "Succeeded"); }, k_deadline)) << agent->err();
  EXPECT_EQ(value(), "three");
  metrics = http(port, "GET", "/metrics").body;
  EXPECT_EQ(metric(metrics, "gitops_agent_consecutive_failures{namespace=\"" + ns.name() +
                                "\",app=\"shop\"}"),
            0);
  agent->signal(SIGTERM);
  EXPECT_EQ(agent->wait_for(seconds(60)), 0);
}

TEST_F(AgentResilience, TwoAgentsOnlyOneSyncsAndTheOtherTakesOverWhenItDies) {
  std::string c1 = repo.push({{"app/settings.yaml", config_map("one")}}, "first");
  auto a = start_agent(args({"--interval", "1s", "--identity", "agent-a"}));
  auto b = start_agent(args({"--interval", "1s", "--identity", "agent-b"}));
  ASSERT_TRUE(eventually([&] { return newest_is(c1, "Succeeded"); }, k_deadline))
      << a->err() << b->err();
  std::string leader_actor = newest().value("actor", "");
  ASSERT_TRUE(leader_actor == "agent/agent-a" || leader_actor == "agent/agent-b") << leader_actor;
  const bool a_leads = leader_actor == "agent/agent-a";
  BackgroundProcess& leader = a_leads ? *a : *b;
  BackgroundProcess& standby = a_leads ? *b : *a;
  const std::string standby_actor = a_leads ? "agent/agent-b" : "agent/agent-a";
  EXPECT_EQ(lease_holder("gitops-shop.agent"), a_leads ? "agent-a" : "agent-b");

  std::string c2 = repo.push({{"app/settings.yaml", config_map("two")}}, "second");
  ASSERT_TRUE(eventually([&] { return newest_is(c2, "Succeeded"); }, k_deadline));
  for (const auto& r : revisions("shop", ns.name()))
    EXPECT_EQ(r.value("actor", ""), leader_actor) << r.dump();

  leader.signal(SIGKILL);
  EXPECT_EQ(leader.wait_for(seconds(30)), 128 + SIGKILL);
  std::string c3 = repo.push({{"app/settings.yaml", config_map("three")}}, "third");
  ASSERT_TRUE(eventually([&] { return newest_is(c3, "Succeeded"); }, k_deadline)) << standby.err();
  EXPECT_EQ(newest().value("actor", ""), standby_actor);
  EXPECT_EQ(value(), "three");
  EXPECT_EQ(lease_holder("gitops-shop.agent"), a_leads ? "agent-b" : "agent-a");
  EXPECT_NE(standby.err().find("took the lease over from " +
                               std::string(a_leads ? "agent-a" : "agent-b")),
            std::string::npos)
      << standby.err();
  standby.signal(SIGTERM);
  EXPECT_EQ(standby.wait_for(seconds(60)), 0);
  // A stopped agent releases its lease.
  EXPECT_EQ(lease_holder("gitops-shop.agent"), "");
}

TEST_F(AgentResilience, SigtermDuringASyncRecordsInterruptedAndTheNextStartConverges) {
  std::string c1 = repo.push({{"app/settings.yaml", config_map("one")}}, "first");
  auto agent = start_agent(args({"--interval", "1s", "--identity", "first-run", "--timeout", "5m",
                                 "--shutdown-grace", "1s"}));
  ASSERT_TRUE(eventually([&] { return newest_is(c1, "Succeeded"); }, k_deadline)) << agent->err();
  // A Deployment that never becomes healthy keeps the sync waiting.
  std::string c2 =
      repo.push({{"app/web.yaml", deployment("example.com/crashloop:1")}}, "never healthy");
  ASSERT_TRUE(eventually([&] { return newest_is(c2, "Running"); }, k_deadline)) << agent->err();
  agent->signal(SIGTERM);
  auto code = agent->wait_for(seconds(60));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << agent->err();
  core::Json interrupted = newest();
  EXPECT_EQ(interrupted["source"].value("commit", ""), c2);
  EXPECT_EQ(interrupted.value("status", ""), "Interrupted");
  EXPECT_EQ(interrupted.value("message", ""), "the agent stopped before the sync finished");
  EXPECT_NE(agent->err().find("info " + ns.name() + "/shop: revision 2 (" + c2.substr(0, 7) +
                              ") recorded as Interrupted\n"),
            std::string::npos)
      << agent->err();
  EXPECT_EQ(lease_holder("gitops-shop"), "");  // the sync lock was released

  std::string c3 = repo.push({{"app/web.yaml", deployment("example.com/web:1")}}, "healthy again");
  auto again =
      start_agent(args({"--interval", "1s", "--identity", "second-run", "--timeout", "2m"}));
  ASSERT_TRUE(eventually([&] { return newest_is(c3, "Succeeded"); }, seconds(180))) << again->err();
  RunResult status = kubectl_gitops({"status", "shop", "-n", ns.name(), "--exit-code"});
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  again->signal(SIGTERM);
  EXPECT_EQ(again->wait_for(seconds(60)), 0);
}

TEST_F(AgentResilience, RollbackPinPausesAutoSyncUntilANewCommit) {
  std::string c1 = repo.push({{"app/settings.yaml", config_map("one")}}, "first");
  auto agent = start_agent(args({"--interval", "1s", "--identity", "pinned"}));
  ASSERT_TRUE(eventually([&] { return newest_is(c1, "Succeeded"); }, k_deadline)) << agent->err();
  std::string c2 = repo.push({{"app/settings.yaml", config_map("two")}}, "second");
  ASSERT_TRUE(eventually([&] { return newest_is(c2, "Succeeded"); }, k_deadline)) << agent->err();

  RunResult rollback = kubectl_gitops({"rollback", "shop", "-n", ns.name()});
  ASSERT_EQ(rollback.exit_code, 0) << rollback.err;
  EXPECT_EQ(value(), "one");
  const std::string paused = "info " + ns.name() +
                             "/shop: auto-sync paused by a rollback pin until a new commit "
                             "arrives (the ref is at " +
                             c2.substr(0, 7) + ")\n";
  ASSERT_TRUE(
      eventually([&] { return agent->err().find(paused) != std::string::npos; }, k_deadline))
      << agent->err();
  std::this_thread::sleep_for(seconds(3));  // more intervals pass; the rollback stays
  EXPECT_EQ(value(), "one");
  EXPECT_EQ(newest().value("rollbackOf", 0), 1);

  std::string c3 = repo.push({{"app/settings.yaml", config_map("three")}}, "third");
  ASSERT_TRUE(eventually([&] { return newest_is(c3, "Succeeded"); }, k_deadline)) << agent->err();
  EXPECT_EQ(value(), "three");
  RunResult pin = kubectl({"get", "secret", "gitops-shop", "-n", ns.name(), "-o",
                           "jsonpath={.metadata.annotations.kubectl-gitops\\.dev/rollback-pin}"});
  EXPECT_EQ(pin.out, "");
  agent->signal(SIGTERM);
  EXPECT_EQ(agent->wait_for(seconds(60)), 0);
}

TEST_F(AgentResilience, CommandLineErrors) {
  TempDir files;
  std::string config =
      files
          .write("agent.yaml",
                 "apiVersion: gitops.kubectl.dev/v1alpha1\nkind: App\nmetadata: {name: web}\n---\n"
                 "apiVersion: gitops.kubectl.dev/v1alpha1\nkind: App\nmetadata: {name: web}\n")
          .string();
  RunResult dup = kubectl_gitops({"agent", "--config", config, "-n", "shop"});
  EXPECT_EQ(dup.exit_code, 2);
  EXPECT_EQ(dup.err,
            "kubectl-gitops: error: " + config +
                " (document 2): app web in namespace shop is also defined in document 1\n");
  RunResult no_secret =
      kubectl_gitops({"agent", "--repo", repo.url(), "--webhook-addr", "127.0.0.1:0"},
                     {.unset_env = {"GITOPS_WEBHOOK_SECRET"}});
  EXPECT_EQ(no_secret.exit_code, 2);
  EXPECT_EQ(no_secret.err,
            "kubectl-gitops: error: --webhook-addr needs the shared secret: --webhook-secret-file "
            "FILE or "
            "$GITOPS_WEBHOOK_SECRET\n");
  RunResult bad_addr =
      kubectl_gitops({"agent", "--repo", repo.url(), "--metrics-addr", "localhost"});
  EXPECT_EQ(bad_addr.exit_code, 2);
  EXPECT_EQ(bad_addr.err,
            "kubectl-gitops: error: invalid --metrics-addr \"localhost\": use HOST:PORT, such as "
            "127.0.0.1:8080 or :8080\n");
  RunResult interval = kubectl_gitops({"agent", "--repo", repo.url(), "--interval", "0"});
  EXPECT_EQ(interval.exit_code, 2);
  EXPECT_EQ(interval.err, "kubectl-gitops: error: --interval must be more than 0\n");
  RunResult both = kubectl_gitops({"agent", "--config", config, "--repo", repo.url()});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err,
            "kubectl-gitops: error: --config lists the apps; it cannot be combined with --repo, "
            "--path, --local or -f\n");
}

}  // namespace
}  // namespace gitops::testing
