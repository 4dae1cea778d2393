// The agent's HTTP endpoints, through Agent::handle() and a real HttpServer on loopback; the
// cluster is a fake transport that answers nothing (the workers and the election never start).
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "agent/agent.h"
#include "agent/signature.h"
#include "tests/support/process.h"
#include "tests/unit/kube/fake_transport.h"

namespace gitops::agent {
namespace {

constexpr const char* k_secret = "webhook-secret-value";

class FakeSource : public Source {
 public:
  FakeSource(std::string repo, std::string ref) : m_repo(std::move(repo)), m_ref(std::move(ref)) {}
  core::Result<std::string> fetch(FetchMode) override { return std::string(40, 'a'); }
  core::Result<RenderedCommit> render(const std::string&) override { return RenderedCommit{}; }
  sync::SourceRecord record() const override { return {}; }
  std::string repo() const override { return m_repo; }
  std::string ref() const override { return m_ref; }

 private:
  std::string m_repo, m_ref;
};

AppDefinition app(const std::string& name, const std::string& repo, const std::string& ref) {
  AppDefinition def;
  def.key = {"shop", name};
  def.source = std::make_unique<FakeSource>(repo, ref);
  return def;
}

struct AgentEndpoints : ::testing::Test {
  testing::TempDir cache;
  std::unique_ptr<kube::Client> client;
  std::vector<std::string> lines;
  Logger logger{LogFormat::text, [this](std::string_view line) { lines.emplace_back(line); }};
  std::unique_ptr<Agent> agent;

  void SetUp() override {
    kube::ClientConfig config;
    config.server = "https://127.0.0.1:6443";
    kube::ClientOptions options;
    options.cache_home = cache.path();
    auto credentials = std::make_shared<kube::CredentialProvider>(kube::AuthConfig{});
    client = std::make_unique<kube::Client>(
        config, credentials, std::make_unique<kube::testing::FakeTransport>(), options);
    std::vector<AppDefinition> apps;
    apps.push_back(app("web", "https://github.com/shop/deploy.git", "main"));
    apps.push_back(app("api", "git@github.com:shop/deploy", "main"));
    apps.push_back(app("batch", "https://github.com/shop/deploy", "prod"));
    AgentOptions o{.identity = "test",
                   .webhook_address = ListenAddress{"127.0.0.1", 0},
                   .webhook_secret = k_secret};
    agent = std::make_unique<Agent>(*client, std::move(apps), o, logger);
  }

  HttpResponse post(const std::string& body, std::map<std::string, std::string> headers) {
    HttpRequest request{
        .method = "POST", .path = "/webhook", .headers = std::move(headers), .body = body};
    return agent->handle(request);
  }
};

// A reload keeps unchanged apps, restarts changed ones, starts added ones and forgets removed
// ones (their metrics too); webhooks follow the new set.
TEST_F(AgentEndpoints, ReloadReplacesTheAppSet) {
  std::vector<AppDefinition> apps;
  apps.push_back(app("web", "https://github.com/shop/deploy.git", "main"));
  apps.push_back(app("api", "git@github.com:shop/deploy", "main"));
  apps.back().fingerprint = "api with another path";
  apps.push_back(app("cron", "https://github.com/shop/jobs.git", "main"));
  AppSetChange change = agent->reload(std::move(apps));
  EXPECT_EQ(describe(change), "1 added (shop/cron), 1 removed (shop/batch), 1 changed (shop/api)");
  std::string metrics = agent->handle({.method = "GET", .path = "/metrics"}).body;
  EXPECT_EQ(metrics.find("app=\"batch\""), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("gitops_agent_leader{namespace=\"shop\",app=\"cron\"} 0\n"),
            std::string::npos)
      << metrics;
  const std::string push =
      R"({"ref":"refs/heads/prod","repository":{"clone_url":"https://github.com/shop/deploy"}})";
  HttpResponse r =
      post(push, {{"x-github-event", "push"},
                  {"x-hub-signature-256", "sha256=" + hmac_sha256_hex(k_secret, push)}});
  EXPECT_EQ(r.status, 200);  // batch, the only app on prod, is gone
  EXPECT_EQ(r.body, "no app watches this repository and branch\n");
  std::vector<AppDefinition> same;
  same.push_back(app("web", "https://github.com/shop/deploy.git", "main"));
  same.push_back(app("api", "git@github.com:shop/deploy", "main"));
  same.back().fingerprint = "api with another path";
  same.push_back(app("cron", "https://github.com/shop/jobs.git", "main"));
  EXPECT_TRUE(agent->reload(std::move(same)).empty());
}

const std::string k_push =
    R"({"ref":"refs/heads/main","repository":{"clone_url":"https://github.com/shop/deploy.git"}})";

TEST_F(AgentEndpoints, SignedPushTriggersTheMatchingApps) {
  HttpResponse r =
      post(k_push, {{"x-github-event", "push"},
                    {"x-hub-signature-256", "sha256=" + hmac_sha256_hex(k_secret, k_push)}});
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(r.body, "refreshing 2 apps: shop/web, shop/api\n");
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.back().find("webhook: push to main of https://github.com/shop/deploy.git: "
                              "refreshing shop/web, shop/api"),
            std::string::npos)
      << lines.back();
}

TEST_F(AgentEndpoints, GitLabTokenIsAccepted) {
  HttpResponse r = post(k_push, {{"x-gitlab-event", "Push Hook"}, {"x-gitlab-token", k_secret}});
  EXPECT_EQ(r.status, 202);
}

TEST_F(AgentEndpoints, UnsignedOrBadlySignedPostsAreRefused) {
  EXPECT_EQ(post(k_push, {{"x-github-event", "push"}}).status, 401);
  HttpResponse bad =
      post(k_push, {{"x-hub-signature-256", "sha256=" + hmac_sha256_hex("guess", k_push)}});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.body, "missing or invalid signature\n");
  EXPECT_EQ(post(k_push, {{"x-gitlab-token", "guess"}}).status, 401);
  for (const auto& line : lines) EXPECT_EQ(line.find(k_secret), std::string::npos) << line;
  std::string metrics = agent->handle({.method = "GET", .path = "/metrics"}).body;
  EXPECT_NE(metrics.find("gitops_agent_webhook_requests_total{code=\"401\"} 3\n"),
            std::string::npos)
      << metrics;
}

TEST_F(AgentEndpoints, PingAndUnwatchedPushes) {
  const std::string ping = R"({"zen":"hi"})";
  EXPECT_EQ(post(ping, {{"x-github-event", "ping"},
                        {"x-hub-signature-256", "sha256=" + hmac_sha256_hex(k_secret, ping)}})
                .body,
            "pong\n");
  const std::string other =
      R"({"ref":"refs/heads/dev","repository":{"clone_url":"https://github.com/shop/deploy"}})";
  HttpResponse r =
      post(other, {{"x-hub-signature-256", "sha256=" + hmac_sha256_hex(k_secret, other)}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "no app watches this repository and branch\n");
  const std::string junk = "[]";
  HttpResponse bad =
      post(junk, {{"x-hub-signature-256", "sha256=" + hmac_sha256_hex(k_secret, junk)}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body, "the payload is not a JSON object\n");
}

TEST_F(AgentEndpoints, RoutesHealthAndMetrics) {
  EXPECT_EQ(agent->handle({.method = "GET", .path = "/healthz"}).body, "ok\n");
  EXPECT_EQ(agent->handle({.method = "GET", .path = "/readyz"}).status, 503);  // not started
  EXPECT_EQ(agent->handle({.method = "GET", .path = "/webhook"}).status, 405);
  EXPECT_EQ(agent->handle({.method = "POST", .path = "/metrics"}).status, 405);
  EXPECT_EQ(agent->handle({.method = "GET", .path = "/nothing"}).status, 404);
  HttpResponse metrics = agent->handle({.method = "GET", .path = "/metrics"});
  EXPECT_EQ(metrics.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(metrics.body.find(
                "gitops_agent_syncs_total{namespace=\"shop\",app=\"web\",result=\"failed\"} 0\n"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(
      metrics.body.find(
          "gitops_agent_app_info{namespace=\"shop\",app=\"api\",commit=\"\",observed_commit=\"\","
          "sync=\"Unknown\",health=\"Unknown\",last_result=\"\"} 1\n"),
      std::string::npos);
}

// A raw request over a socket to a real server.
std::string exchange(int port, const std::string& raw) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "connect failed";
  }
  (void)!::write(fd, raw.data(), raw.size());
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

TEST(HttpServer, ServesRequestsAndRefusesMalformedOnes) {
  auto server = HttpServer::start({"127.0.0.1", 0}, [](const HttpRequest& r) {
    return HttpResponse{.status = 200, .body = r.method + " " + r.path + " " + r.body};
  });
  ASSERT_TRUE(server) << server.error().message;
  int port = (*server)->port();
  ASSERT_GT(port, 0);
  EXPECT_EQ(exchange(port, "POST /x HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi"),
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 10\r\n"
            "Connection: close\r\n\r\nPOST /x hi");
  EXPECT_EQ(exchange(port, "POST /x HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n"),
            "HTTP/1.1 413 Content Too Large\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Length: 23\r\nConnection: close\r\n\r\nrequest body too large\n");
  (*server)->stop();
}

TEST(HttpServer, ListenAddresses) {
  auto a = parse_listen_address("--webhook-addr", "127.0.0.1:8080");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8080);
  auto any = parse_listen_address("--webhook-addr", ":9090");
  ASSERT_TRUE(any);
  EXPECT_EQ(any->host, "");
  auto v6 = parse_listen_address("--metrics-addr", "[::1]:80");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  for (const char* bad : {"8080", "host:", "host:70000", "::1:80", "h:x"}) {
    auto r = parse_listen_address("--webhook-addr", bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().message, std::string("invalid --webhook-addr \"") + bad +
                                     "\": use HOST:PORT, such as 127.0.0.1:8080 or :8080");
  }
  auto taken =
      HttpServer::start({"127.0.0.1", 0}, [](const HttpRequest&) { return HttpResponse{}; });
  ASSERT_TRUE(taken);
  auto again = HttpServer::start({"127.0.0.1", (*taken)->port()},
                                 [](const HttpRequest&) { return HttpResponse{}; });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message, "listening on 127.0.0.1:" + std::to_string((*taken)->port()) +
                                       ": Address already in use");
}

TEST(Logger, TextAndJsonLines) {
  Logger text(LogFormat::text, nullptr);
  EXPECT_EQ(text.format_line("2026-01-01T10:00:00Z", LogLevel::error, "shop/web",
                             "sync failed:\nline two"),
            "2026-01-01T10:00:00Z error shop/web: sync failed: line two");
  EXPECT_EQ(text.format_line("2026-01-01T10:00:00Z", LogLevel::info, "", "started"),
            "2026-01-01T10:00:00Z info started");
  Logger json(LogFormat::json, nullptr);
  EXPECT_EQ(
      json.format_line("2026-01-01T10:00:00Z", LogLevel::warning, "shop/web", "a \"b\""),
      R"({"app":"shop/web","level":"warning","msg":"a \"b\"","time":"2026-01-01T10:00:00Z"})");
}

TEST(Metrics, EscapesLabelValues) { EXPECT_EQ(escape_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd"); }

}  // namespace
}  // namespace gitops::agent
