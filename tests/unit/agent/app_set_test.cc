#include "agent/app_set.h"

#include <gtest/gtest.h>

namespace gitops::agent {
namespace {

TEST(AppSet, AddedRemovedChangedAndUnchanged) {
  std::map<AppKey, std::string> running = {
      {{"shop", "web"}, "web-1"}, {{"shop", "api"}, "api-1"}, {{"ops", "cron"}, "cron-1"}};
  std::map<AppKey, std::string> wanted = {{{"shop", "web"}, "web-1"},
                                          {{"shop", "api"}, "api-2"},
                                          {{"shop", "batch"}, "batch-1"},
                                          {{"ops", "audit"}, "audit-1"}};
  AppSetChange change = diff_app_sets(running, wanted);
  EXPECT_EQ(change.added, (std::vector<AppKey>{{"ops", "audit"}, {"shop", "batch"}}));
  EXPECT_EQ(change.removed, (std::vector<AppKey>{{"ops", "cron"}}));
  EXPECT_EQ(change.changed, (std::vector<AppKey>{{"shop", "api"}}));
  EXPECT_FALSE(change.empty());
  EXPECT_EQ(describe(change),
            "2 added (ops/audit, shop/batch), 1 removed (ops/cron), 1 changed (shop/api)");
}

TEST(AppSet, SameNameInAnotherNamespaceIsAnotherApp) {
  AppSetChange change = diff_app_sets({{{"shop", "web"}, "x"}}, {{{"prod", "web"}, "x"}});
  EXPECT_EQ(describe(change), "1 added (prod/web), 1 removed (shop/web)");
}

TEST(AppSet, NothingChanged) {
  std::map<AppKey, std::string> apps = {{{"shop", "web"}, "web-1"}};
  AppSetChange change = diff_app_sets(apps, apps);
  EXPECT_TRUE(change.empty());
  EXPECT_EQ(describe(change), "no app changed");
  EXPECT_EQ(describe(diff_app_sets({}, apps)), "1 added (shop/web)");
  EXPECT_EQ(describe(diff_app_sets(apps, {})), "1 removed (shop/web)");
}

}  // namespace
}  // namespace gitops::agent
