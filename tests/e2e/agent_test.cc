// End-to-end: `kubectl gitops agent` against the test control plane, following a branch served
// by `git daemon` on loopback: polling, webhooks, self-heal, failures and backoff, leader
// election between two agents, and SIGTERM in the middle of a sync; --config reloads (polled and
// on SIGHUP) and the agent's view written onto the inventory for `list` and `status`.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
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

std::string named_map(const std::string& name, const std::string& value) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  key: \"" +
         value + "\"\n";
}

// An agent driven by a --config file: apps alpha and beta in the test namespace.
class AgentConfig : public Agent {
 protected:
  std::string app_doc(const std::string& name, const std::string& path) {
    return "apiVersion: gitops.kubectl.dev/v1alpha1\nkind: App\nmetadata: {name: " + name +
           "}\nspec: {repo: \"" + repo.url() + "\", ref: main, path: " + path +
           ", namespace: " + ns.name() + "}\n";
  }

  // Replaces the file at once (as editors and ConfigMap mounts do), so no poll reads half of it.
  std::string write_config(const std::string& text) {
    std::filesystem::path path = files.path() / "agent.yaml";
    std::filesystem::rename(files.write("agent.yaml.new", text), path);
    return path.string();
  }

  std::unique_ptr<BackgroundProcess> start(const std::string& config,
                                           const std::string& config_poll,
                                           std::vector<std::string> extra = {}) {
    std::vector<std::string> a = {"--config",
                                  config,
                                  "-n",
                                  ns.name(),
                                  "--interval",
                                  "1s",
                                  "--config-poll-interval",
                                  config_poll,
                                  "--lease-duration",
                                  "3s",
                                  "--timeout",
                                  "60s",
                                  "--identity",
                                  "reloader"};
    a.insert(a.end(), extra.begin(), extra.end());
    return start_agent(a);
  }

  // The data of ConfigMap `name`, or "<missing>".
  std::string map_value(const std::string& name) {
    RunResult r =
        kubectl({"get", "configmap", name, "-n", ns.name(), "-o", "jsonpath={.data.key}"}, true);
    return r.exit_code == 0 ? r.out : "<missing>";
  }

  bool newest_of_is(const std::string& app, int revision, const std::string& commit) {
    auto all = revisions(app, ns.name());
    return !all.empty() && all.front().value("revision", 0) == revision &&
           all.front()["source"].value("commit", "") == commit &&
           all.front().value("status", "") == "Succeeded";
  }

  bool logged(const BackgroundProcess& agent, const std::string& line) {
    return agent.err().find(line) != std::string::npos;
  }

  TempDir files;
};

TEST_F(AgentConfig, ReloadAddsChangesAndRemovesAppsAndKeepsThemOnABadFile) {
  std::string c1 = repo.push({{"a/settings.yaml", named_map("a-one", "1")},
                              {"a2/settings.yaml", named_map("a-two", "1")},
                              {"b/settings.yaml", named_map("b-one", "1")}},
                             "first");
  const std::string config = write_config(app_doc("alpha", "a"));
  int port = free_port();
  auto agent = start(config, "1s", {"--metrics-addr", "127.0.0.1:" + std::to_string(port)});
  ASSERT_TRUE(eventually([&] { return newest_of_is("alpha", 1, c1); }, k_deadline)) << agent->err();
  EXPECT_EQ(map_value("a-one"), "1");

  // alpha moves to a2, beta joins.
  write_config(app_doc("alpha", "a2") + "---\n" + app_doc("beta", "b"));
  const std::string ns_ = ns.name();
  ASSERT_TRUE(eventually(
      [&] {
        return logged(*agent, "info config reloaded: 1 added (" + ns_ + "/beta), 1 changed (" +
                                  ns_ + "/alpha)\n");
      },
      k_deadline))
      << agent->err();
  ASSERT_TRUE(eventually([&] { return newest_of_is("alpha", 2, c1); }, k_deadline)) << agent->err();
  ASSERT_TRUE(eventually([&] { return newest_of_is("beta", 1, c1); }, k_deadline)) << agent->err();
  EXPECT_EQ(map_value("a-two"), "1");
  EXPECT_EQ(map_value("a-one"), "<missing>");  // pruned: alpha no longer renders it
  EXPECT_EQ(map_value("b-one"), "1");
  EXPECT_TRUE(logged(
      *agent, "info " + ns_ + "/alpha: syncing " + c1.substr(0, 7) + " (main; spec changed)\n"))
      << agent->err();

  // beta leaves: it stops, its lease is released, its objects and records stay.
  ASSERT_TRUE(eventually(
      [&] {
        return !kubectl({"get", "lease", "gitops-beta.agent", "-n", ns_}, true).out.empty();
      },
      k_deadline))
      << "beta never held its lease";
  write_config(app_doc("alpha", "a2"));
  ASSERT_TRUE(eventually(
      [&] { return logged(*agent, "info config reloaded: 1 removed (" + ns_ + "/beta)\n"); },
      k_deadline))
      << agent->err();
  ASSERT_TRUE(eventually(
      [&] {
        return kubectl({"get", "lease", "gitops-beta.agent", "-n", ns_}, true).exit_code != 0;
      },
      k_deadline));
  std::string metrics = http(port, "GET", "/metrics").body;
  EXPECT_EQ(metrics.find("app=\"beta\""), std::string::npos) << metrics;
  EXPECT_EQ(metric(metrics, "gitops_agent_leader{namespace=\"" + ns_ + "\",app=\"alpha\"}"), 1)
      << metrics;

  std::string c2 = repo.push(
      {{"a2/settings.yaml", named_map("a-two", "2")}, {"b/settings.yaml", named_map("b-one", "2")}},
      "second");
  ASSERT_TRUE(eventually([&] { return newest_of_is("alpha", 3, c2); }, k_deadline)) << agent->err();
  // Several of beta's intervals pass: had it run on, it would have synced c2 by now.
  std::this_thread::sleep_for(seconds(5));
  EXPECT_EQ(map_value("b-one"), "1");
  auto beta = revisions("beta", ns_);
  ASSERT_EQ(beta.size(), 1u);
  EXPECT_EQ(beta.front()["source"].value("commit", ""), c1);
  EXPECT_EQ(kubectl({"get", "secret", "gitops-beta", "-n", ns_, "-o", "name"}).out,
            "secret/gitops-beta\n");

  // A file that does not parse: one error line, alpha goes on.
  write_config("apiVersion: [\n");
  ASSERT_TRUE(eventually(
      [&] {
        return logged(*agent, "error config reload failed: " + config +
                                  ":2:1: end of sequence flow not found; keeping the running "
                                  "apps\n");
      },
      k_deadline))
      << agent->err();
  std::string c3 = repo.push({{"a2/settings.yaml", named_map("a-two", "3")}}, "third");
  // Revision 4: the reloads that did not change alpha never made it sync again.
  ASSERT_TRUE(eventually([&] { return newest_of_is("alpha", 4, c3); }, k_deadline)) << agent->err();
  EXPECT_EQ(map_value("a-two"), "3");
  stop(*agent);
}

TEST_F(AgentConfig, SighupReloadsAtOnce) {
  std::string c1 = repo.push(
      {{"a/settings.yaml", named_map("a-one", "1")}, {"b/settings.yaml", named_map("b-one", "1")}},
      "first");
  const std::string config = write_config(app_doc("alpha", "a"));
  // Polling far slower than the test: only SIGHUP can explain the reload.
  auto agent = start(config, "10m");
  ASSERT_TRUE(eventually([&] { return newest_of_is("alpha", 1, c1); }, k_deadline)) << agent->err();
  write_config(app_doc("alpha", "a") + "---\n" + app_doc("beta", "b"));
  agent->signal(SIGHUP);
  const std::string hup = "info received SIGHUP: reloading " + config + "\n";
  const std::string reloaded = "info config reloaded: 1 added (" + ns.name() + "/beta)\n";
  ASSERT_TRUE(eventually([&] { return logged(*agent, reloaded); }, k_deadline)) << agent->err();
  std::string log = agent->err();
  ASSERT_NE(log.find(hup), std::string::npos) << log;
  EXPECT_LT(log.find(hup), log.find(reloaded)) << log;
  ASSERT_TRUE(eventually([&] { return newest_of_is("beta", 1, c1); }, k_deadline)) << agent->err();
  EXPECT_EQ(map_value("b-one"), "1");
  // The same file again: nothing changes, nothing restarts.
  agent->signal(SIGHUP);
  ASSERT_TRUE(eventually([&] { return logged(*agent, "info config reloaded: no app changed\n"); },
                         k_deadline))
      << agent->err();
  EXPECT_EQ(revisions("alpha", ns.name()).size(), 1u);
  EXPECT_EQ(revisions("beta", ns.name()).size(), 1u);
  stop(*agent);
}

// The agent's view, as annotations on the parent Secret and in `list` and `status`.
class AgentView : public Agent {
 protected:
  std::string annotation(const std::string& name) {
    std::string escaped = "kubectl-gitops\\.dev/" + name;
    RunResult r = kubectl({"get", "secret", "gitops-shop", "-n", ns.name(), "-o",
                           "jsonpath={.metadata.annotations." + escaped + "}"},
                          true);
    return r.exit_code == 0 ? r.out : "<" + r.err + ">";
  }
};

TEST_F(AgentView, AnnotationsListAndStatusShowWhatTheAgentSaw) {
  std::string c1 = repo.push({{"app/settings.yaml", config_map("one")}}, "first");
  auto agent = start_agent(args({"--interval", "1s", "--identity", "viewer"}));
  ASSERT_TRUE(eventually([&] { return annotation("agent-commit") == c1; }, k_deadline))
      << agent->err();
  EXPECT_EQ(annotation("agent-ref"), "main");
  EXPECT_EQ(annotation("agent-sync-status"), "Synced");
  EXPECT_EQ(annotation("agent-health"), "Healthy");
  EXPECT_EQ(annotation("agent-identity"), "viewer");
  const std::regex rfc3339("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  EXPECT_TRUE(std::regex_match(annotation("agent-observed-at"), rfc3339))
      << annotation("agent-observed-at");
  // Nothing changes over several ticks: nothing is written (at most one refresh a minute).
  const std::string first_observed = annotation("agent-observed-at");
  const std::string version = kubectl({"get", "secret", "gitops-shop", "-n", ns.name(), "-o",
                                       "jsonpath={.metadata.resourceVersion}"})
                                  .out;
  std::this_thread::sleep_for(seconds(4));
  EXPECT_EQ(annotation("agent-observed-at"), first_observed);
  EXPECT_EQ(kubectl({"get", "secret", "gitops-shop", "-n", ns.name(), "-o",
                     "jsonpath={.metadata.resourceVersion}"})
                .out,
            version);
  // Written under the agent's own field manager, so the engine's apply of the parent keeps them.
  EXPECT_EQ(kubectl({"get", "secret", "gitops-shop", "-n", ns.name(), "-o",
                     "jsonpath={.metadata.managedFields[?(@.manager==\"kubectl-gitops-agent\")]"
                     ".operation}"})
                .out,
            "Apply");
  RunResult by_hand = kubectl_gitops({"sync", "--repo", repo.url(), "--ref", "main", "--path",
                                      "app", "--app", "shop", "-n", ns.name()});
  ASSERT_EQ(by_hand.exit_code, 0) << by_hand.err;
  EXPECT_EQ(annotation("agent-commit"), c1);
  EXPECT_EQ(annotation("agent-sync-status"), "Synced");

  // `status` shows the view as it is on the parent (re-read: the agent renews it each minute).
  std::string status_out, expected;
  ASSERT_TRUE(eventually(
      [&] {
        expected = "Agent:      Synced at " + c1.substr(0, 7) +
                   " (main), health Healthy, observed " + annotation("agent-observed-at") +
                   " by viewer\n";
        status_out = kubectl_gitops({"status", "shop", "-n", ns.name()}).out;
        return status_out.find(expected) != std::string::npos;
      },
      k_deadline))
      << expected << " not in:\n"
      << status_out;

  // SIGHUP without --config changes nothing.
  agent->signal(SIGHUP);
  ASSERT_TRUE(eventually(
      [&] {
        return agent->err().find(
                   "info received SIGHUP; ignored: there is no --config file to reload\n") !=
               std::string::npos;
      },
      k_deadline))
      << agent->err();
  EXPECT_TRUE(agent->running());

  // A commit that does not render: the agent sees it, OutOfSync, the live objects still healthy.
  std::string c2 = repo.push({{"app/settings.yaml", "data: [unclosed\n"}}, "broken");
  ASSERT_TRUE(eventually(
      [&] {
        return annotation("agent-commit") == c2 && annotation("agent-sync-status") == "OutOfSync";
      },
      k_deadline))
      << agent->err();
  EXPECT_EQ(annotation("agent-health"), "Healthy");
  EXPECT_EQ(annotation("agent-identity"), "viewer");

  RunResult list = kubectl_gitops({"list", "-n", ns.name()});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(std::regex_search(
      list.out, std::regex("^NAME +NAMESPACE +REVISION +COMMIT +STATUS +TIME +AGENT-COMMIT +"
                           "AGENT-SYNC +AGENT-HEALTH\n")))
      << list.out;
  EXPECT_TRUE(std::regex_search(
      list.out, std::regex("\nshop +" + ns.name() + " +3 +" + c2.substr(0, 7) + " +Failed +\\S+ +" +
                           c2.substr(0, 7) + " +OutOfSync +Healthy\n")))
      << list.out;
  RunResult json = kubectl_gitops({"list", "-n", ns.name(), "-o", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  core::Json apps = core::Json::parse(json.out);
  ASSERT_EQ(apps.size(), 1u) << json.out;
  EXPECT_EQ(apps[0]["agent"], (core::Json{{"commit", c2},
                                          {"ref", "main"},
                                          {"sync", "OutOfSync"},
                                          {"health", "Healthy"},
                                          {"identity", "viewer"},
                                          {"observedAt", annotation("agent-observed-at")}}))
      << json.out;

  // `status` of the last good commit still shows what the agent saw at the head of main.
  ASSERT_TRUE(eventually(
      [&] {
        expected = "Agent:      OutOfSync at " + c2.substr(0, 7) +
                   " (main), health Healthy, observed " + annotation("agent-observed-at") +
                   " by viewer\n";
        status_out = kubectl_gitops({"status", "shop", "-n", ns.name(), "--repo", repo.url(),
                                     "--ref", c1, "--path", "app"})
                         .out;
        return status_out.find(expected) != std::string::npos;
      },
      k_deadline))
      << expected << " not in:\n"
      << status_out;
  stop(*agent);
}

}  // namespace
}  // namespace gitops::testing
