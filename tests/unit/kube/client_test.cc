// Client over a recording fake transport: discovery and its disk cache, typed operations, retries,
// re-authentication after 401, and error decoration.
#include "kube/client.h"

#include <gtest/gtest.h>

#include "tests/support/process.h"
#include "tests/unit/kube/fake_transport.h"

namespace gitops::kube {
namespace {

using gitops::testing::TempDir;
using testing::FakeTransport;

const char* k_api = R"({"kind":"APIVersions","versions":["v1"]})";
const char* k_apis = R"({"kind":"APIGroupList","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]})";
const char* k_core_v1 = R"({"kind":"APIResourceList","groupVersion":"v1","resources":[
  {"name":"configmaps","namespaced":true,"kind":"ConfigMap","verbs":["create","delete","get","list","patch","update","watch"]},
  {"name":"namespaces","namespaced":false,"kind":"Namespace","verbs":["create","get","list"]},
  {"name":"namespaces/status","namespaced":false,"kind":"Namespace","verbs":["get"]}]})";
const char* k_apps_v1 = R"({"kind":"APIResourceList","groupVersion":"apps/v1","resources":[
  {"name":"deployments","namespaced":true,"kind":"Deployment","verbs":["get","list","patch"]},
  {"name":"deployments/scale","namespaced":true,"kind":"Scale","group":"autoscaling","version":"v1","verbs":["get"]}]})";

void serve_discovery(FakeTransport& t) {
  t.respond("GET /api", 200, k_api);
  t.respond("GET /apis", 200, k_apis);
  t.respond("GET /api/v1", 200, k_core_v1);
  t.respond("GET /apis/apps/v1", 200, k_apps_v1);
}

struct ClientFixture : ::testing::Test {
  TempDir cache;
  std::vector<std::chrono::milliseconds> sleeps;
  FakeTransport* transport = nullptr;
  std::unique_ptr<Client> client;

  std::unique_ptr<Client> make(AuthConfig auth = {}, ExecRunner runner = run_exec_plugin) {
    ClientConfig config;
    config.server = "https://127.0.0.1:6443";
    config.namespace_ = "shop";
    config.auth = auth;
    auto credentials = std::make_shared<CredentialProvider>(auth, std::move(runner));
    auto fake = std::make_unique<FakeTransport>(credentials);
    transport = fake.get();
    serve_discovery(*fake);
    ClientOptions options;
    options.cache_home = cache.path();
    options.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
    options.random01 = [] { return 1.0; };
    return std::make_unique<Client>(config, credentials, std::move(fake), options);
  }
  void SetUp() override { client = make(); }
};

Json config_map(const std::string& name, const std::string& ns = "") {
  Json j = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}}, {"data", {{"a", "1"}}}};
  if (!ns.empty()) j["metadata"]["namespace"] = ns;
  return j;
}

TEST_F(ClientFixture, DiscoveryMapsKindsAndFoldsSubresources) {
  auto deployments = client->discovery().find("apps", "v1", "Deployment");
  ASSERT_TRUE(deployments.ok()) << deployments.error().message;
  EXPECT_EQ(deployments->name, "deployments");
  EXPECT_TRUE(deployments->namespaced);
  EXPECT_EQ(deployments->subresources, std::vector<std::string>{"scale"});
  auto ns = client->discovery().find("", "", "Namespace");
  ASSERT_TRUE(ns.ok());
  EXPECT_FALSE(ns->namespaced);
  EXPECT_EQ(ns->subresources, std::vector<std::string>{"status"});
  EXPECT_EQ(transport->keys(), (std::vector<std::string>{"GET /api", "GET /apis", "GET /api/v1", "GET /apis/apps/v1"}));
}

TEST_F(ClientFixture, SecondClientUsesTheDiskCache) {
  ASSERT_TRUE(client->discovery().find("", "v1", "ConfigMap").ok());
  auto second = make();
  auto cm = second->discovery().find("", "v1", "ConfigMap");
  ASSERT_TRUE(cm.ok());
  EXPECT_TRUE(second->discovery().from_disk_cache());
  EXPECT_TRUE(transport->keys().empty());
}

TEST_F(ClientFixture, UnknownKindRefreshesOnceThenFails) {
  ASSERT_TRUE(client->discovery().find("", "v1", "ConfigMap").ok());
  auto missing = client->discovery().find("example.com", "v1", "Widget");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, core::ErrorKind::rejected);
  EXPECT_EQ(missing.error().message, "no matches for kind \"Widget\" in version \"example.com/v1\"");
  EXPECT_EQ(transport->keys().size(), 8u);  // one refresh
  ASSERT_FALSE(client->discovery().find("example.com", "v1", "Widget").ok());
  EXPECT_EQ(transport->keys().size(), 8u);  // not again
}

TEST_F(ClientFixture, ServerSideApply) {
  transport->respond("PATCH /api/v1/namespaces/shop/configmaps/web?fieldManager=kubectl-gitops&force=true&dryRun=All",
                     200, R"({"kind":"ConfigMap","metadata":{"name":"web","uid":"1"}})");
  auto result = client->apply(config_map("web"), {"kubectl-gitops", Force::yes, DryRun::yes});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ((*result)["metadata"]["uid"], "1");
  const Request& sent = transport->recorded().back().request;
  EXPECT_EQ(sent.content_type, "application/apply-patch+yaml");
  EXPECT_EQ(sent.idempotency, Idempotency::dry_run);
  EXPECT_EQ(Json::parse(sent.body)["metadata"]["namespace"], "shop");
}

TEST_F(ClientFixture, ApplyConflictIsDecorated) {
  transport->respond("PATCH /api/v1/namespaces/a/configmaps/web?fieldManager=kubectl-gitops", 409,
                     R"({"kind":"Status","code":409,"reason":"Conflict","message":"Apply failed with 1 conflict: conflict with \"kubectl\": .data.a"})");
  auto result = client->apply(config_map("web", "a"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, core::ErrorKind::conflict);
  EXPECT_EQ(result.error().message,
            "applying v1 ConfigMap a/web: API server says: Apply failed with 1 conflict: conflict "
            "with \"kubectl\": .data.a (reason: Conflict)");
}

TEST_F(ClientFixture, ApplyAllKeepsOrderAndReportsEach) {
  transport->respond("PATCH /api/v1/namespaces/a/configmaps/one?fieldManager=kubectl-gitops", 200, R"({"n":1})");
  transport->respond("PATCH /api/v1/namespaces/a/configmaps/two?fieldManager=kubectl-gitops", 422,
                     R"({"kind":"Status","code":422,"reason":"Invalid","message":"bad"})");
  Json widget = {{"apiVersion", "example.com/v1"}, {"kind", "Widget"}, {"metadata", {{"name", "w"}}}};
  auto results = client->apply_all({config_map("one", "a"), config_map("two", "a"), widget});
  ASSERT_EQ(results.size(), 3u);
  ASSERT_TRUE(results[0].ok());
  EXPECT_EQ((*results[0])["n"], 1);
  ASSERT_FALSE(results[1].ok());
  EXPECT_EQ(results[1].error().kind, core::ErrorKind::rejected);
  EXPECT_EQ(results[1].error().message, "applying v1 ConfigMap a/two: API server says: bad (reason: Invalid)");
  ASSERT_FALSE(results[2].ok());
  EXPECT_EQ(results[2].error().message,
            "applying example.com/v1 Widget w: no matches for kind \"Widget\" in version \"example.com/v1\"");
}

TEST_F(ClientFixture, GetMissingIsNullopt) {
  core::ObjectKey key{"", "v1", "ConfigMap", "a", "gone"};
  auto result = client->get(key);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_FALSE(result->has_value());
}

TEST_F(ClientFixture, GetForbiddenIsClusterError) {
  transport->respond("GET /api/v1/namespaces/a/configmaps/x", 403,
                     R"({"kind":"Status","code":403,"reason":"Forbidden","message":"configmaps \"x\" is forbidden: User \"u\" cannot get resource"})");
  auto result = client->get({"", "v1", "ConfigMap", "a", "x"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, core::ErrorKind::cluster);
  EXPECT_EQ(result.error().message,
            "getting v1 ConfigMap a/x: API server says: configmaps \"x\" is forbidden: User \"u\" "
            "cannot get resource (reason: Forbidden)");
}

TEST_F(ClientFixture, ListFollowsContinueTokens) {
  transport->respond("GET /api/v1/namespaces/a/configmaps?labelSelector=app%3Dweb&limit=1", 200,
                     R"({"metadata":{"continue":"tok 1"},"items":[{"metadata":{"name":"one"}}]})");
  transport->respond("GET /api/v1/namespaces/a/configmaps?labelSelector=app%3Dweb&limit=1&continue=tok%201", 200,
                     R"({"metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"two"}}]})");
  ListOptions options;
  options.label_selector = "app=web";
  options.limit = 1;
  auto items = client->list_all({"", "v1", "ConfigMap", "a"}, options);
  ASSERT_TRUE(items.ok()) << items.error().message;
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[1]["metadata"]["name"], "two");
  EXPECT_EQ((*items)[1]["kind"], "ConfigMap");
  EXPECT_EQ((*items)[1]["apiVersion"], "v1");
}

TEST_F(ClientFixture, ReadsRetryServerErrorsWithBackoff) {
  transport->respond("GET /api/v1/namespaces/a/configmaps/x", 503, "busy");
  transport->respond("GET /api/v1/namespaces/a/configmaps/x", 503, "busy");
  transport->respond("GET /api/v1/namespaces/a/configmaps/x", 200, R"({"ok":true})");
  auto result = client->get({"", "v1", "ConfigMap", "a", "x"});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(sleeps, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(100), std::chrono::milliseconds(200)}));
}

TEST_F(ClientFixture, WritesAreNotRetriedOnServerErrors) {
  transport->respond("PATCH /api/v1/namespaces/a/configmaps/x?fieldManager=kubectl-gitops", 503, "busy");
  auto result = client->apply(config_map("x", "a"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, core::ErrorKind::cluster);
  EXPECT_EQ(result.error().message, "applying v1 ConfigMap a/x: API server says: busy (reason: ServiceUnavailable)");
  EXPECT_TRUE(sleeps.empty());
}

TEST_F(ClientFixture, CreateIsNotResentAfterAReset) {
  transport->fail("POST /api/v1/namespaces/a/configmaps?fieldManager=kubectl-gitops", FailureKind::reset,
                  "connection to https://127.0.0.1:6443 broke: HTTP/2 stream 1 was not closed cleanly");
  auto result = client->create(config_map("x", "a"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "creating v1 ConfigMap a/x: connection to https://127.0.0.1:6443 broke: HTTP/2 stream 1 was not closed cleanly");
  EXPECT_TRUE(sleeps.empty());
}

TEST_F(ClientFixture, ConnectFailuresRetriedThenReported) {
  transport->fail("GET /version", FailureKind::connect, "cannot reach https://127.0.0.1:6443: connection refused");
  auto version = client->server_version();
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.error().kind, core::ErrorKind::cluster);
  EXPECT_EQ(version.error().message, "getting the server version: cannot reach https://127.0.0.1:6443: connection refused");
  EXPECT_EQ(sleeps.size(), 4u);
}

TEST_F(ClientFixture, TooManyRequestsHonoursRetryAfter) {
  transport->respond("GET /version", 429, "slow down", "2");
  transport->respond("GET /version", 200, R"({"gitVersion":"v1.20.2"})");
  auto version = client->server_version();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, "v1.20.2");
  EXPECT_EQ(sleeps, std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(2000)});
}

TEST_F(ClientFixture, UnauthorizedRerunsTheExecPluginOnce) {
  int runs = 0;
  AuthConfig auth;
  auth.exec = ExecConfig{};
  client = make(auth, [&](const ExecConfig&) -> core::Result<ExecCredential> {
    ExecCredential c;
    c.token = "t" + std::to_string(++runs);
    return c;
  });
  transport->respond("GET /version", 401, R"({"kind":"Status","code":401,"reason":"Unauthorized","message":"Unauthorized"})");
  transport->respond("GET /version", 200, R"({"gitVersion":"v1.20.2"})");
  ASSERT_TRUE(client->server_version().ok());
  EXPECT_EQ(runs, 2);
  ASSERT_EQ(transport->recorded().size(), 2u);
  EXPECT_EQ(transport->recorded()[0].authorization, "Bearer t1");
  EXPECT_EQ(transport->recorded()[1].authorization, "Bearer t2");
}

TEST_F(ClientFixture, UnauthorizedWithStaticTokenIsFinal) {
  AuthConfig auth;
  auth.token = "wrong-token";
  client = make(auth);
  transport->respond("GET /version", 401, R"({"kind":"Status","code":401,"reason":"Unauthorized","message":"Unauthorized"})");
  auto version = client->server_version();
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.error().kind, core::ErrorKind::cluster);
  EXPECT_EQ(version.error().message, "getting the server version: API server says: Unauthorized (reason: Unauthorized)");
  EXPECT_EQ(transport->recorded().size(), 1u);
}

TEST_F(ClientFixture, DeleteSendsOptionsAndToleratesNotFound) {
  transport->respond("DELETE /api/v1/namespaces/a/configmaps/x", 200, R"({"kind":"Status","status":"Success"})");
  core::ObjectKey key{"", "v1", "ConfigMap", "a", "x"};
  DeleteOptions options;
  options.propagation = Propagation::foreground;
  options.precondition_uid = "u-1";
  auto deleted = client->delete_object(key, options);
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_TRUE(*deleted);
  EXPECT_EQ(transport->recorded().back().request.body,
            R"({"apiVersion":"v1","kind":"DeleteOptions","preconditions":{"uid":"u-1"},"propagationPolicy":"Foreground"})");
  auto gone = client->delete_object({"", "v1", "ConfigMap", "a", "y"});
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(*gone);
}

TEST_F(ClientFixture, WatchDeliversEventsUntilStopped) {
  transport->respond("GET /api/v1/namespaces/a/configmaps?watch=true&allowWatchBookmarks=true&timeoutSeconds=60&resourceVersion=5",
                     200,
                     "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"one\",\"resourceVersion\":\"6\"}}}\n"
                     "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"name\":\"two\",\"resourceVersion\":\"7\"}}}\n");
  WatchOptions options;
  options.resource_version = "5";
  std::vector<std::string> seen;
  auto status = client->watch({"", "v1", "ConfigMap", "a"}, options, [&](const WatchEvent& e) {
    seen.push_back(e.type + " " + e.object["metadata"]["name"].get<std::string>());
    return e.type == "MODIFIED" ? WatchAction::stop : WatchAction::keep_watching;
  });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED one", "MODIFIED two"}));
}

TEST(Describe, Keys) {
  EXPECT_EQ(describe({"apps", "v1", "Deployment", "shop", "web"}), "apps/v1 Deployment shop/web");
  EXPECT_EQ(describe({"", "v1", "Namespace", "", "shop"}), "v1 Namespace shop");
  EXPECT_EQ(url_escape("a=b,c d"), "a%3Db%2Cc%20d");
}

}  // namespace
}  // namespace gitops::kube
