// process_dependencies and check_dependencies: conditions, tags, aliases, versions, import-values.
#include "render/helm/dependencies.h"

#include <gtest/gtest.h>

#include "render/helm/chart_loader.h"
#include "render/helm/values_coalesce.h"
#include "render/helm/values_yaml.h"
#include "tests/unit/helm/chart_test_tree.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Value;
using testing::MemoryTree;

std::shared_ptr<Chart> load(std::map<std::string, std::string> files) {
  auto c = load_chart(MemoryTree(std::move(files)), "p");
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c.ok() ? *c : nullptr;
}

Value yaml(std::string_view text) {
  auto v = parse_values_yaml(text);
  return v.ok() && !v->is_nil() ? *v : empty_map();
}

std::vector<std::string> subchart_names(const Chart& c) {
  std::vector<std::string> out;
  for (const auto& d : c.dependencies) out.push_back(d->name());
  return out;
}

std::map<std::string, std::string> parent_with(const std::string& deps, const std::string& values) {
  return {{"p/Chart.yaml", "apiVersion: v2\nname: p\nversion: 1.0.0\ndependencies:\n" + deps},
          {"p/values.yaml", values},
          {"p/charts/a/Chart.yaml", "apiVersion: v2\nname: a\nversion: 1.2.0\n"},
          {"p/charts/a/values.yaml", "on: true\nexports:\n  data: {shared: 1}\nchildval: 7\n"},
          {"p/charts/b/Chart.yaml", "apiVersion: v2\nname: b\nversion: 2.0.0\n"}};
}

TEST(Dependencies, ConditionsBeatTags) {
  auto c = load(parent_with("- {name: a, version: 1.x, condition: a.enabled, tags: [t]}\n"
                            "- {name: b, version: 2.x, tags: [t]}\n",
                            "tags: {t: false}\na: {enabled: true}\n"));
  ASSERT_TRUE(process_dependencies(*c, empty_map()).ok());
  EXPECT_EQ(subchart_names(*c), std::vector<std::string>{"a"});
}

TEST(Dependencies, ConditionFromUserValuesAndFirstBoolWins) {
  auto c = load(parent_with("- {name: a, version: 1.x, condition: 'x.missing,a.enabled'}\n"
                            "- {name: b, version: 2.x, condition: b.enabled}\n",
                            "b: {enabled: true}\n"));
  ASSERT_TRUE(process_dependencies(*c, yaml("a: {enabled: false}\nb: {enabled: false}\n")).ok());
  EXPECT_TRUE(subchart_names(*c).empty());
}

TEST(Dependencies, AliasCopiesTheChartAndVersionMismatchKeepsTheOriginal) {
  auto c = load(parent_with("- {name: a, version: 1.x, alias: first}\n"
                            "- {name: a, version: 1.x, alias: second}\n"
                            "- {name: b, version: 9.x, alias: never}\n",
                            ""));
  ASSERT_TRUE(process_dependencies(*c, empty_map()).ok());
  EXPECT_EQ(subchart_names(*c), (std::vector<std::string>{"b", "first", "second"}));
  EXPECT_EQ(c->dependencies[1]->full_path(), "p/charts/first");
}

TEST(Dependencies, ImportValuesBothForms) {
  auto c = load(parent_with("- name: a\n  version: 1.x\n  import-values:\n  - data\n"
                            "  - {child: childval, parent: fromchild}\n",
                            "shared: 0\n"));
  ASSERT_TRUE(process_dependencies(*c, empty_map()).ok());
  // The exports form overrides the parent's own value; the child/parent form of a non-map child
  // value imports nothing.
  EXPECT_EQ(c->values.as_map().at("shared").as_float(), 1);
  EXPECT_EQ(c->values.as_map().count("fromchild"), 0u);
}

TEST(Dependencies, MissingSubchartIsReported) {
  auto c = load({{"p/Chart.yaml",
                  "apiVersion: v2\nname: p\nversion: 1.0.0\ndependencies:\n- {name: u}\n- {name: w}\n"}});
  auto st = check_dependencies(*c);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "found in Chart.yaml, but missing in charts/ directory: u, w");
}

}  // namespace
}  // namespace gitops::render::helm
