// Discovery against the real control plane: the second client is served from the disk cache
// (no discovery request in its log), and a CRD created after the cache was written is still
// found (one refresh). Also: server-side apply, dry-run, get, list and delete of real objects.
#include <unistd.h>

#include <regex>
#include <thread>

#include "tests/integration/kube_test_cluster.h"

namespace gitops::kube::integration {
namespace {

using gitops::testing::TempDir;

// How many logged requests were discovery requests (/api, /apis, /api/V, /apis/G/V).
int discovery_requests(const std::string& log) {
  static const std::regex k_discovery(R"(GET https?://[^/ ]+(/api|/apis|/api/[^/ ?]+|/apis/[^/ ?]+/[^/ ?]+) )");
  int count = 0;
  for (auto it = std::sregex_iterator(log.begin(), log.end(), k_discovery); it != std::sregex_iterator(); ++it) {
    ++count;
  }
  return count;
}

Json crd(const std::string& group) {
  return Json::parse(R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
    "metadata":{"name":"widgets.)" + group + R"("},
    "spec":{"group":")" + group + R"(","scope":"Namespaced",
      "names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
      "versions":[{"name":"v1","served":true,"storage":true,
        "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}})");
}

TEST(KubeDiscovery, SecondClientUsesDiskCacheAndNewCrdIsFound) {
  TestCluster cluster;
  TempDir cache;
  ClientOptions options;
  options.cache_home = cache.path();
  LogCapture first_log;
  auto first = make_client(cluster.kubeconfig, "admin", &first_log, options);
  ASSERT_TRUE(first);
  ASSERT_TRUE(first->discovery().find("apps", "v1", "Deployment").ok());
  EXPECT_GT(discovery_requests(first_log.all()), 2) << first_log.all();

  LogCapture second_log;
  auto second = make_client(cluster.kubeconfig, "admin", &second_log, options);
  ASSERT_TRUE(second);
  auto deployments = second->discovery().find("apps", "v1", "Deployment");
  ASSERT_TRUE(deployments.ok());
  EXPECT_EQ(deployments->name, "deployments");
  EXPECT_TRUE(second->discovery().from_disk_cache());
  EXPECT_EQ(discovery_requests(second_log.all()), 0) << second_log.all();

  // A CRD made after the cache was written: the lookup refreshes once and finds it.
  const std::string group = "disco" + std::to_string(::getpid()) + ".gitops.test";
  auto created = first->create(crd(group));
  ASSERT_TRUE(created.ok()) << created.error().message;
  WatchOptions watch;
  watch.field_selector = "metadata.name=widgets." + group;
  watch.timeout = std::chrono::seconds(60);
  auto established = first->watch({"apiextensions.k8s.io", "v1", "CustomResourceDefinition", ""}, watch,
                                  [](const WatchEvent& e) {
                                    for (const auto& c : e.object["status"].value("conditions", Json::array())) {
                                      if (c.value("type", "") == "Established" && c.value("status", "") == "True") {
                                        return WatchAction::stop;
                                      }
                                    }
                                    return WatchAction::keep_watching;
                                  });
  ASSERT_TRUE(established.ok()) << established.error().message;
  // The API server publishes the new group in discovery shortly after Established: wait for it.
  bool served = false;
  for (int i = 0; i < 100 && !served; ++i) {
    Request request;
    request.path = "/apis/" + group + "/v1";
    auto response = first->execute(request);
    served = response.ok() && response->status == 200;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(served);
  auto widgets = second->discovery().find(group, "v1", "Widget");
  EXPECT_TRUE(widgets.ok()) << widgets.error().message;
  EXPECT_FALSE(second->discovery().from_disk_cache());
  auto deleted = first->delete_object({"apiextensions.k8s.io", "v1", "CustomResourceDefinition", "", "widgets." + group});
  EXPECT_TRUE(deleted.ok() && *deleted);
}

TEST(KubeOperations, ApplyGetListDelete) {
  TestCluster cluster;
  TempDir cache;
  ClientOptions options;
  options.cache_home = cache.path();
  auto client = make_client(cluster.kubeconfig, "admin", nullptr, options);
  ASSERT_TRUE(client);
  const std::string ns = "kube-ops-" + std::to_string(::getpid());
  ASSERT_TRUE(client->apply({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}}).ok());
  std::vector<Json> objects;
  for (int i = 0; i < 3; ++i) {
    objects.push_back({{"apiVersion", "v1"}, {"kind", "ConfigMap"},
                       {"metadata", {{"name", "cm-" + std::to_string(i)}, {"namespace", ns}, {"labels", {{"app", "ops"}}}}},
                       {"data", {{"i", std::to_string(i)}}}});
  }
  auto dry = client->apply_all(objects, {"kubectl-gitops", Force::no, DryRun::yes});
  for (const auto& r : dry) ASSERT_TRUE(r.ok()) << r.error().message;
  auto none = client->get({"", "v1", "ConfigMap", ns, "cm-0"});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());  // a dry-run wrote nothing
  for (const auto& r : client->apply_all(objects)) ASSERT_TRUE(r.ok()) << r.error().message;
  ListOptions list;
  list.label_selector = "app=ops";
  list.limit = 2;
  auto items = client->list_all({"", "v1", "ConfigMap", ns}, list);
  ASSERT_TRUE(items.ok()) << items.error().message;
  EXPECT_EQ(items->size(), 3u);
  // Another manager owning a field makes our apply a 409 conflict until forced.
  Json other = objects[0];
  other["data"]["i"] = "other";
  ASSERT_TRUE(client->apply(other, {"someone-else", Force::yes, DryRun::no}).ok());
  auto conflict = client->apply(objects[0]);
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().kind, core::ErrorKind::conflict);
  EXPECT_EQ(conflict.error().message,
            "applying v1 ConfigMap " + ns + "/cm-0: API server says: Apply failed with 1 conflict: "
            "conflict with \"someone-else\": .data.i (reason: Conflict)");
  // An invalid object is rejected.
  Json invalid = objects[1];
  invalid["data"] = {{"bad key!", "x"}};
  auto rejected = client->apply(invalid, {"kubectl-gitops", Force::no, DryRun::yes});
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().kind, core::ErrorKind::rejected);
  auto deleted = client->delete_object({"", "v1", "Namespace", "", ns});
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_TRUE(*deleted);
}

}  // namespace
}  // namespace gitops::kube::integration
