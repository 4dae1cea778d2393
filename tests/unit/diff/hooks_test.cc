#include "diff/hooks.h"

#include <gtest/gtest.h>

#include "core/yaml.h"

namespace gitops::diff {
namespace {

core::Objects objects(const std::string& yaml) {
  auto read = core::read_objects(yaml, "hooks.yaml");
  EXPECT_TRUE(read) << read.error().message;
  return read ? *read : core::Objects{};
}

std::string object(const std::string& kind, const std::string& name, const std::string& annotations) {
  return "---\napiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: " + name +
         (annotations.empty() ? "" : "\n  annotations: " + annotations) + "\n";
}

std::vector<std::string> names(const std::vector<Hook>& hooks) {
  std::vector<std::string> out;
  for (const auto& h : hooks) out.push_back(std::string(to_string(h.phase)) + " " + h.object.name());
  return out;
}

TEST(SplitHooks, ObjectsWithoutHookAnnotationsAreMembers) {
  SplitRender split = split_hooks(objects(object("ConfigMap", "a", "") + object("Secret", "b", "{x: y}")),
                                  Operation::install);
  ASSERT_EQ(split.members.size(), 2u);
  EXPECT_EQ(split.members[0].name(), "a");
  EXPECT_EQ(split.members[1].name(), "b");
  EXPECT_TRUE(split.hooks.empty());
  EXPECT_TRUE(split.skipped.empty());
}

TEST(SplitHooks, HelmEventsFollowTheOperation) {
  std::string yaml = object("Pod", "pi", "{helm.sh/hook: pre-install}") +
                     object("Pod", "pu", "{helm.sh/hook: pre-upgrade}") +
                     object("Pod", "both", "{helm.sh/hook: \"pre-install, pre-upgrade\"}") +
                     object("Pod", "post", "{helm.sh/hook: \"post-install,post-upgrade,post-rollback\"}") +
                     object("Pod", "rb", "{helm.sh/hook: pre-rollback}") +
                     object("Pod", "del", "{helm.sh/hook: pre-delete}");
  SplitRender install = split_hooks(objects(yaml), Operation::install);
  EXPECT_EQ(names(install.hooks), (std::vector<std::string>{"pre-sync both", "pre-sync pi", "post-sync post"}));
  ASSERT_EQ(install.skipped.size(), 3u);
  EXPECT_EQ(install.skipped[0].reason, "helm.sh/hook: pre-upgrade (does not run in an install)");
  EXPECT_EQ(install.skipped[1].reason, "helm.sh/hook: pre-rollback (does not run in an install)");
  EXPECT_EQ(install.skipped[2].reason, "helm.sh/hook: pre-delete (does not run in an install)");

  SplitRender upgrade = split_hooks(objects(yaml), Operation::upgrade);
  EXPECT_EQ(names(upgrade.hooks), (std::vector<std::string>{"pre-sync both", "pre-sync pu", "post-sync post"}));
  SplitRender rollback = split_hooks(objects(yaml), Operation::rollback);
  EXPECT_EQ(names(rollback.hooks), (std::vector<std::string>{"pre-sync rb", "post-sync post"}));
  EXPECT_EQ(rollback.skipped[0].reason, "helm.sh/hook: pre-install (does not run in a rollback)");
  EXPECT_TRUE(install.members.empty());
}

TEST(SplitHooks, TestHooksAndUnknownNamesAreNeverApplied) {
  SplitRender split = split_hooks(objects(object("Pod", "t", "{helm.sh/hook: test}") +
                                          object("Pod", "ts", "{helm.sh/hook: test-success}") +
                                          object("Pod", "odd", "{helm.sh/hook: crd-install}") +
                                          object("Pod", "skip", "{argocd.argoproj.io/hook: Skip}") +
                                          object("Pod", "argo-odd", "{argocd.argoproj.io/hook: Later}")),
                                  Operation::install);
  EXPECT_TRUE(split.hooks.empty());
  EXPECT_TRUE(split.members.empty());
  ASSERT_EQ(split.skipped.size(), 5u);
  EXPECT_EQ(split.skipped[0].reason, "helm.sh/hook: test (test hooks are never applied)");
  EXPECT_EQ(split.skipped[1].reason, "helm.sh/hook: test-success (test hooks are never applied)");
  EXPECT_EQ(split.skipped[2].reason, "helm.sh/hook: crd-install (no hook of that name; not applied)");
  EXPECT_EQ(split.skipped[3].reason, "argocd.argoproj.io/hook: Skip (not applied)");
  EXPECT_EQ(split.skipped[4].reason, "argocd.argoproj.io/hook: Later (no hook of that name; not applied)");
}

TEST(SplitHooks, ArgoPhasesRunOnEveryOperationAndWinOverHelm) {
  std::string yaml = object("Job", "pre", "{argocd.argoproj.io/hook: PreSync}") +
                     object("Job", "during", "{argocd.argoproj.io/hook: Sync}") +
                     object("Job", "after", "{argocd.argoproj.io/hook: PostSync}") +
                     object("Job", "failed", "{argocd.argoproj.io/hook: SyncFail}") +
                     object("Job", "mixed", "{argocd.argoproj.io/hook: PostSync, helm.sh/hook: pre-install}");
  for (Operation op : {Operation::install, Operation::upgrade, Operation::rollback}) {
    SplitRender split = split_hooks(objects(yaml), op);
    EXPECT_EQ(names(split.hooks), (std::vector<std::string>{"pre-sync pre", "sync during", "post-sync after",
                                                            "post-sync mixed", "sync-fail failed"}));
  }
}

TEST(SplitHooks, WeightsOrderHooksWithinAPhaseThenNames) {
  SplitRender split = split_hooks(
      objects(object("Job", "c", "{helm.sh/hook: pre-install, helm.sh/hook-weight: \"-5\"}") +
              object("Job", "b", "{helm.sh/hook: pre-install, helm.sh/hook-weight: \"10\"}") +
              object("Job", "a", "{helm.sh/hook: pre-install, helm.sh/hook-weight: \"10\"}") +
              object("Job", "z", "{helm.sh/hook: pre-install, helm.sh/hook-weight: heavy}") +
              object("Job", "w", "{argocd.argoproj.io/hook: PreSync, argocd.argoproj.io/sync-wave: \"3\"}")),
      Operation::install);
  EXPECT_EQ(names(split.hooks), (std::vector<std::string>{"pre-sync c", "pre-sync z", "pre-sync w",
                                                          "pre-sync a", "pre-sync b"}));
  EXPECT_EQ(split.hooks[0].weight, -5);
  EXPECT_EQ(split.hooks[1].weight, 0);  // not an integer: 0, as in Helm
  EXPECT_EQ(split.hooks[0].annotation, "helm.sh/hook: pre-install");
}

TEST(SplitHooks, DeletePolicies) {
  SplitRender split = split_hooks(
      objects(object("Job", "a", "{helm.sh/hook: pre-install}") +
              object("Job", "b", "{helm.sh/hook: pre-install, helm.sh/hook-delete-policy: \"hook-succeeded,hook-failed\"}") +
              object("Job", "c", "{helm.sh/hook: pre-install, helm.sh/hook-delete-policy: before-hook-creation}") +
              object("Job", "d", "{argocd.argoproj.io/hook: PreSync, argocd.argoproj.io/hook-delete-policy: HookSucceeded}") +
              object("Job", "e", "{argocd.argoproj.io/hook: PreSync, argocd.argoproj.io/hook-delete-policy: hook-succeeded}")),
      Operation::install);
  ASSERT_EQ(split.hooks.size(), 5u);
  auto policies = [](const Hook& h) {
    return std::string(h.delete_before_creation ? "B" : "-") + (h.delete_on_success ? "S" : "-") +
           (h.delete_on_failure ? "F" : "-");
  };
  EXPECT_EQ(policies(split.hooks[0]), "B--");  // the default of both tools
  EXPECT_EQ(policies(split.hooks[1]), "-SF");
  EXPECT_EQ(policies(split.hooks[2]), "B--");
  EXPECT_EQ(policies(split.hooks[3]), "-S-");
  EXPECT_EQ(policies(split.hooks[4]), "---");  // Helm's spelling means nothing to Argo CD
}

}  // namespace
}  // namespace gitops::diff
