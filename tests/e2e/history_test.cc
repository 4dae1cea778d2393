// End-to-end: history, rollback, status, list and delete against the test control plane.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <thread>

#include "tests/support/e2e.h"
#include "tests/support/git_repo.h"

namespace gitops::testing {
namespace {

std::string config_map(const std::string& name, const std::string& value) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  key: \"" + value + "\"\n";
}

std::string deployment(const std::string& image) {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
         "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
         "      labels: {app: web}\n    spec:\n      containers:\n      - name: main\n"
         "        image: " + image + "\n";
}

class History : public ::testing::Test {
 protected:
  History() : ns("hist") {}

  RunResult gitops(std::vector<std::string> args) {
    args.insert(args.end(), {"-n", ns.name()});
    return kubectl_gitops(args);
  }
  RunResult sync() {
    return gitops({"sync", "--repo", repo.path().string(), "--path", "app", "--app", "shop",
                   "--timeout", "90s"});
  }
  std::string get(const std::vector<std::string>& what, const std::string& jsonpath) {
    std::vector<std::string> args = {"get"};
    args.insert(args.end(), what.begin(), what.end());
    args.insert(args.end(), {"-n", ns.name(), "-o", "jsonpath=" + jsonpath});
    return kubectl(args).out;
  }
  bool exists(const std::string& kind, const std::string& name) {
    return kubectl({"get", kind, name, "-n", ns.name()}, true).exit_code == 0;
  }

  // Three commits: 1 {a, web:1}, 2 {a=2, web:2}, 3 {a=2, b, web:3}.
  std::vector<std::string> three_syncs() {
    std::vector<std::string> shas;
    shas.push_back(repo.commit({{"app/a.yaml", config_map("a", "1")}, {"app/web.yaml", deployment("example.com/web:1")}}, "one"));
    EXPECT_EQ(sync().exit_code, 0);
    shas.push_back(repo.commit({{"app/a.yaml", config_map("a", "2")}, {"app/web.yaml", deployment("example.com/web:2")}}, "two"));
    EXPECT_EQ(sync().exit_code, 0);
    shas.push_back(repo.commit({{"app/b.yaml", config_map("b", "1")}, {"app/web.yaml", deployment("example.com/web:3")}}, "three"));
    EXPECT_EQ(sync().exit_code, 0);
    return shas;
  }

  TestNamespace ns;
  GitRepo repo;
};

TEST_F(History, ListsRevisionsNewestFirst) {
  auto shas = three_syncs();
  RunResult r = gitops({"history", "shop"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::regex row("([0-9]+) +\\S+ +Succeeded +([0-9a-f]{7}) +HEAD +\\S+ +\\+[0-9]+ ~[0-9]+ -[0-9]+ +(\\w+)\n");
  std::vector<std::string> numbers, commits, subjects;
  for (std::sregex_iterator it(r.out.begin(), r.out.end(), row), end; it != end; ++it) {
    numbers.push_back((*it)[1]);
    commits.push_back((*it)[2]);
    subjects.push_back((*it)[3]);
  }
  EXPECT_EQ(numbers, (std::vector<std::string>{"3", "2", "1"})) << r.out;
  EXPECT_EQ(commits, (std::vector<std::string>{shas[2].substr(0, 7), shas[1].substr(0, 7), shas[0].substr(0, 7)}));
  EXPECT_EQ(subjects, (std::vector<std::string>{"three", "two", "one"}));
  EXPECT_TRUE(std::regex_match(r.out.substr(0, r.out.find('\n')),
                               std::regex("REVISION +TIME +STATUS +COMMIT +REF +ACTOR +CHANGES +DESCRIPTION")))
      << r.out;
}

TEST_F(History, RollbackRestoresAnEarlierRevisionAndBack) {
  auto shas = three_syncs();
  // Refused by a guard before anything is written: no pin is left behind.
  RunResult refused = gitops({"rollback", "shop", "--max-prune", "0"});
  EXPECT_EQ(refused.exit_code, 9) << refused.err;
  EXPECT_TRUE(exists("configmap", "b"));
  EXPECT_EQ(get({"secret", "gitops-shop"}, "{.metadata.annotations.kubectl-gitops\\.dev/rollback-pin}"), "");
  RunResult back = gitops({"rollback", "shop"});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(back.out.find("(revision 4, rollback of 2)"), std::string::npos) << back.out;
  EXPECT_FALSE(exists("configmap", "b"));
  EXPECT_EQ(get({"configmap", "a"}, "{.data.key}"), "2");
  EXPECT_EQ(get({"deployment", "web"}, "{.spec.template.spec.containers[0].image}"), "example.com/web:2");
  RunResult history = gitops({"history", "shop", "-o", "json"});
  nlohmann::json revisions = nlohmann::json::parse(history.out);
  EXPECT_EQ(revisions[0]["revision"], 4);
  EXPECT_EQ(revisions[0]["rollbackOf"], 2);
  EXPECT_EQ(revisions[0]["source"]["commit"], shas[1]);
  EXPECT_EQ(get({"secret", "gitops-shop"}, "{.metadata.annotations.kubectl-gitops\\.dev/rollback-pin}"), shas[1]);

  RunResult forward = gitops({"rollback", "shop", "3"});
  ASSERT_EQ(forward.exit_code, 0) << forward.err;
  EXPECT_TRUE(exists("configmap", "b"));
  EXPECT_EQ(get({"deployment", "web"}, "{.spec.template.spec.containers[0].image}"), "example.com/web:3");
}

TEST_F(History, RollbackWithoutGitUsesStoredObjects) {
  three_syncs();
  std::filesystem::remove_all(repo.path() / ".git");
  RunResult r = gitops({"rollback", "shop", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("kubectl-gitops: warning: cannot render revision 1 from Git"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("restoring the objects stored in the revision"), std::string::npos) << r.err;
  EXPECT_EQ(get({"configmap", "a"}, "{.data.key}"), "1");
  EXPECT_FALSE(exists("configmap", "b"));
}

// Revisions whose compressed objects would not fit in a Secret keep only their source; restoring
// one needs Git, and without it rollback says so (exit 3) and changes nothing.
TEST_F(History, RollbackOfARevisionWithoutStoredObjectsNeedsGit) {
  std::mt19937 random(42);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  auto noise = [&](size_t n) {
    std::string out(n, ' ');
    for (auto& c : out) c = alphabet[random() % alphabet.size()];
    return out;
  };
  // Two ConfigMaps of 700 kB of incompressible text: about 1 MB compressed, above the 900 kB limit.
  repo.commit({{"app/big-1.yaml", config_map("big-1", noise(700 * 1024))},
               {"app/big-2.yaml", config_map("big-2", noise(700 * 1024))}},
              "big");
  RunResult first = sync();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  repo.remove({"app/big-1.yaml", "app/big-2.yaml"}, "small again");
  repo.commit({{"app/a.yaml", config_map("a", "1")}}, "small");
  ASSERT_EQ(sync().exit_code, 0);

  RunResult history = gitops({"history", "shop", "-o", "json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  auto revisions = nlohmann::json::parse(history.out);
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(revisions[1]["revision"], 1);
  EXPECT_EQ(revisions[1]["objectsOmitted"], true);

  std::filesystem::remove_all(repo.path() / ".git");
  RunResult r = gitops({"rollback", "shop", "1"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("kubectl-gitops: error: rolling back shop: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("revision 1 does not store its objects (they were too large), so it cannot be "
                       "restored without Git"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(exists("configmap", "a"));
  EXPECT_FALSE(exists("configmap", "big-1"));
  EXPECT_EQ(gitops({"history", "shop", "-o", "json"}).out, history.out);  // nothing recorded
}

// `history` reads the app's revision Secrets in one request and `list` the parents and the
// revisions in two, whatever the size of the apps.
TEST_F(History, HistoryAndListAnswerInOneOrTwoRequests) {
  repo.commit({{"app/a.yaml", config_map("a", "1")}}, "one");
  ASSERT_EQ(sync().exit_code, 0);
  auto requests = [](const std::string& log) {
    std::vector<std::string> lines;
    std::regex request("(GET|POST|PATCH|PUT|DELETE) https://[^ ]+");
    size_t start = 0;
    while (start < log.size()) {
      size_t nl = log.find('\n', start);
      std::string line = log.substr(start, nl - start);
      std::smatch m;
      if (std::regex_search(line, m, request)) lines.push_back(m.str());
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    return lines;
  };
  RunResult history = gitops({"history", "shop", "-v=6"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  auto h = requests(history.err);
  ASSERT_EQ(h.size(), 1u) << history.err;
  EXPECT_NE(h[0].find("GET https://"), std::string::npos);
  EXPECT_NE(h[0].find("/api/v1/namespaces/" + ns.name() + "/secrets?"), std::string::npos) << h[0];

  RunResult list = gitops({"list", "-v=6"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto l = requests(list.err);
  ASSERT_EQ(l.size(), 2u) << list.err;
  EXPECT_NE(l[0].find("/api/v1/namespaces/" + ns.name() + "/secrets?labelSelector=applyset.kubernetes.io%2Fid&"),
            std::string::npos) << l[0];
  EXPECT_NE(l[1].find("/api/v1/namespaces/" + ns.name() + "/secrets?labelSelector=kubectl-gitops.dev%2Fapp&"),
            std::string::npos) << l[1];
}

TEST_F(History, StatusFollowsCommitsEditsAndHealth) {
  repo.commit({{"app/a.yaml", config_map("a", "1")}, {"app/web.yaml", deployment("example.com/web:1")}}, "one");
  ASSERT_EQ(sync().exit_code, 0);
  RunResult synced = gitops({"status", "shop", "--exit-code"});
  EXPECT_EQ(synced.exit_code, 0) << synced.out << synced.err;
  EXPECT_NE(synced.out.find("Sync:       Synced against "), std::string::npos) << synced.out;
  EXPECT_NE(synced.out.find("Health:     Healthy\n"), std::string::npos) << synced.out;

  kubectl({"patch", "configmap", "a", "-n", ns.name(), "--type", "merge", "-p", R"({"data":{"key":"edited"}})"});
  RunResult edited = gitops({"status", "shop", "--exit-code"});
  EXPECT_EQ(edited.exit_code, 1);
  EXPECT_NE(edited.out.find("Sync:       OutOfSync (1 objects differ)"), std::string::npos) << edited.out;

  std::string pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\nspec:\n  containers:\n"
                    "  - name: main\n    image: example.com/worker:crashloop\n";
  repo.commit({{"app/a.yaml", config_map("a", "edited")}, {"app/worker.yaml", pod}}, "bad");
  RunResult degraded_sync = gitops({"sync", "--repo", repo.path().string(), "--path", "app", "--app", "shop", "--no-wait"});
  ASSERT_EQ(degraded_sync.exit_code, 0) << degraded_sync.err;
  std::string out;
  for (int i = 0; i < 60; ++i) {  // the controllers and the node simulator take a moment
    out = gitops({"status", "shop", "-o", "json"}).out;
    if (out.find("\"health\": \"Degraded\"") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  nlohmann::json status = nlohmann::json::parse(out);
  EXPECT_EQ(status["sync"], "Synced") << out;
  EXPECT_EQ(status["health"], "Degraded") << out;
  EXPECT_EQ(gitops({"status", "shop", "--exit-code"}).exit_code, 1);
}

TEST_F(History, ListAndDelete) {
  repo.commit({{"app/a.yaml", config_map("a", "1")}}, "one");
  ASSERT_EQ(sync().exit_code, 0);
  RunResult list = gitops({"list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(std::regex_search(
      list.out,
      std::regex("\nshop +" + ns.name() + " +1 +[0-9a-f]{7} +Succeeded +\\S+ +- +- +-\n")))
      << list.out;
  std::string id = get({"secret", "gitops-shop"}, "{.metadata.labels.applyset\\.kubernetes\\.io/id}");

  RunResult refused = gitops({"delete", "shop"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_EQ(refused.err, "kubectl-gitops: error: delete of app shop needs confirmation: pass --yes in scripts\n");
  EXPECT_TRUE(exists("configmap", "a"));

  RunResult deleted = gitops({"delete", "shop", "--yes"});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(deleted.out, "deleted app shop: 1 objects\n");
  RunResult left = kubectl({"get", "all,cm,secret,lease", "-n", ns.name(), "-l",
                            "applyset.kubernetes.io/part-of=" + id, "-o", "name"});
  EXPECT_EQ(left.out, "");
  EXPECT_FALSE(exists("secret", "gitops-shop"));
  EXPECT_FALSE(exists("secret", "gitops-shop.v1"));
  RunResult empty = gitops({"list"});
  EXPECT_EQ(empty.out, "");
}

}  // namespace
}  // namespace gitops::testing
