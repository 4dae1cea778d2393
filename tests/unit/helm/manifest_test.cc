// Manifest splitting, sorting, hooks and `helm template` output assembly.
#include "render/helm/manifest.h"

#include <gtest/gtest.h>

namespace gitops::render::helm {
namespace {

TEST(SplitManifests, HelmsSeparatorRules) {
  EXPECT_EQ(split_manifests("a: 1\n---\nb: 2\n"), (std::vector<std::string>{"a: 1", "b: 2"}));
  EXPECT_EQ(split_manifests("---d: 4"), std::vector<std::string>{"d: 4"});
  EXPECT_EQ(split_manifests("a: x---y\n"), std::vector<std::string>{"a: x---y"});
  // The first separator eats the newline the second one needed, as with Go's regexp.
  EXPECT_EQ(split_manifests("\n\n---\n---\n  a: 1  \n"), std::vector<std::string>{"---\n  a: 1"});
  EXPECT_EQ(split_manifests("a: 1\n---\n\n---\nb: 2"),
            (std::vector<std::string>{"a: 1", "---\nb: 2"}));
  EXPECT_TRUE(split_manifests("  \n").empty());
}

TEST(SortManifests, InstallOrderHooksAndUnknownKinds) {
  std::map<std::string, std::string> files = {
      {"c/templates/a.yaml", "kind: Deployment\nmetadata: {name: d}\n---\nkind: Zebra\n---\nkind: Alpha\n"},
      {"c/templates/b.yaml",
       "kind: Service\n---\n# only a comment\n---\nkind: Job\nmetadata:\n  name: j\n  annotations:\n"
       "    helm.sh/hook: pre-install, post-install\n    helm.sh/hook-weight: \"5\"\n---\n"
       "kind: Pod\nmetadata:\n  annotations: {helm.sh/hook: bogus}\n"},
      {"c/templates/_p.tpl", "kind: Namespace\n"},
  };
  auto sorted = sort_manifests(files);
  ASSERT_TRUE(sorted.ok()) << sorted.error().message;
  std::vector<std::string> kinds;
  for (const auto& m : sorted->manifests) kinds.push_back(m.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"Service", "Deployment", "", "Alpha", "Zebra"}));
  ASSERT_EQ(sorted->hooks.size(), 1u);
  EXPECT_EQ(sorted->hooks[0].name, "j");
  EXPECT_EQ(sorted->hooks[0].hook_events, (std::vector<std::string>{"pre-install", "post-install"}));
  EXPECT_EQ(sorted->hooks[0].hook_weight, 5);
}

TEST(SortManifests, InvalidYamlNamesTheFile) {
  auto sorted = sort_manifests({{"c/templates/bad.yaml", "a: b: c\n"}});
  ASSERT_FALSE(sorted.ok());
  EXPECT_EQ(sorted.error().message.rfind("YAML parse error on c/templates/bad.yaml: ", 0), 0u);
  auto list = sort_manifests({{"c/templates/list.yaml", "- a\n"}});
  EXPECT_EQ(list.error().message,
            "YAML parse error on c/templates/list.yaml: error unmarshaling JSON: json: cannot "
            "unmarshal array into Go value of type releaseutil.SimpleHead");
}

TEST(TemplateOutput, CrdsManifestsHooksAndShowOnly) {
  SortedManifests sorted;
  sorted.manifests.push_back({.source = "c/templates/a.yaml", .content = "kind: A"});
  sorted.hooks.push_back({.source = "c/templates/h.yaml", .content = "kind: H", .is_hook = true});
  std::vector<ChartFile> crds = {{"crds/x.yaml", "kind: CustomResourceDefinition\n"}};
  auto all = template_output(crds, sorted, {.include_crds = true});
  EXPECT_EQ(*all,
            "---\n# Source: crds/x.yaml\nkind: CustomResourceDefinition\n\n"
            "---\n# Source: c/templates/a.yaml\nkind: A\n"
            "---\n# Source: c/templates/h.yaml\nkind: H\n");
  auto no_hooks = template_output(crds, sorted, {.no_hooks = true});
  EXPECT_EQ(*no_hooks, "---\n# Source: c/templates/a.yaml\nkind: A\n");
  auto only = template_output(crds, sorted, {.show_only = {"templates/h.yaml"}});
  EXPECT_EQ(*only, "---\n# Source: c/templates/h.yaml\nkind: H\n");
  auto missing = template_output(crds, sorted, {.show_only = {"templates/none.yaml"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "could not find template templates/none.yaml in chart");
}

TEST(TemplateOutput, OnlyHooksStartsWithAnEmptyLine) {
  SortedManifests sorted;
  sorted.hooks.push_back({.source = "c/templates/h.yaml", .content = "kind: H", .is_hook = true});
  EXPECT_EQ(*template_output({}, sorted, {}), "\n---\n# Source: c/templates/h.yaml\nkind: H\n");
}

}  // namespace
}  // namespace gitops::render::helm
