// render_chart end to end on in-memory charts: output text, ordering, hooks, errors.
#include "render/helm/engine.h"

#include <gtest/gtest.h>

#include "tests/unit/helm/chart_test_tree.h"

namespace gitops::render::helm {
namespace {

using testing::MemoryTree;
using Files = std::map<std::string, std::string>;

Files chart_with(Files extra) {
  Files files = {{"c/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n"},
                 {"c/values.yaml", "replicas: 2\nname: web\n"}};
  for (auto& [k, v] : extra) files[k] = v;
  return files;
}

ChartOptions options() {
  ChartOptions o;
  o.release_name = "rel";
  o.kube_version = "1.25.0";
  return o;
}

core::Result<ChartRender> render(const Files& files, const ChartOptions& o = options()) {
  MemoryTree tree(files);
  return render_chart(tree, "c", o);
}

TEST(Engine, RendersValuesReleaseAndSortsByKind) {
  auto r = render(chart_with(
      {{"c/templates/deploy.yaml",
        "kind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-{{ .Values.name }}\nspec:\n"
        "  replicas: {{ .Values.replicas }}\n"},
       {"c/templates/svc.yaml", "kind: Service\nmetadata:\n  name: {{ .Chart.Name }}\n"},
       {"c/templates/NOTES.txt", "Installed {{ .Release.Name }}"}}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->text,
            "---\n# Source: demo/templates/svc.yaml\nkind: Service\nmetadata:\n  name: demo\n"
            "---\n# Source: demo/templates/deploy.yaml\nkind: Deployment\nmetadata:\n  name: rel-web\n"
            "spec:\n  replicas: 2\n");
  EXPECT_EQ(r->notes, "Installed rel");
  ASSERT_EQ(r->documents.size(), 2u);
  EXPECT_EQ(r->documents[1].source, "demo/templates/deploy.yaml");
}

TEST(Engine, SetOverridesValuesAndHooksComeLast) {
  ChartOptions o = options();
  o.set = {"replicas=5"};
  o.values_files = {{"override.yaml", std::string("name: api\n")}};
  auto r = render(chart_with({{"c/templates/job.yaml",
                               "kind: Job\nmetadata:\n  name: {{ .Values.name }}\n  annotations:\n"
                               "    helm.sh/hook: pre-install\n"},
                              {"c/templates/cm.yaml",
                               "kind: ConfigMap\ndata:\n  n: {{ .Values.replicas | quote }}\n"}}),
                  o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->text,
            "---\n# Source: demo/templates/cm.yaml\nkind: ConfigMap\ndata:\n  n: \"5\"\n"
            "---\n# Source: demo/templates/job.yaml\nkind: Job\nmetadata:\n  name: api\n"
            "  annotations:\n    helm.sh/hook: pre-install\n");
  ASSERT_EQ(r->documents.size(), 2u);
  EXPECT_TRUE(r->documents[1].is_hook);
  EXPECT_EQ(r->documents[1].hook_events, std::vector<std::string>{"pre-install"});
}

TEST(Engine, RequiredIsReportedAtTheOutermostPosition) {
  auto r = render(chart_with({{"c/templates/_h.tpl", "{{ define \"h\" }}{{ required \"x is needed\" .Values.x }}{{ end }}"},
                              {"c/templates/t.yaml", "a: {{ include \"h\" . }}\n"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, core::ErrorKind::source);
  EXPECT_EQ(r.error().message, "execution error at (demo/templates/t.yaml:1:6): x is needed");
}

TEST(Engine, ParseErrorsUseHelmsWording) {
  auto r = render(chart_with({{"c/templates/t.yaml", "a: {{ .Values.x \n"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "parse error at (demo/templates/t.yaml:2): unclosed action started at "
            "demo/templates/t.yaml:1");
}

TEST(Engine, OptionErrors) {
  ChartOptions o = options();
  o.kube_version = "nope";
  EXPECT_EQ(render(chart_with({}), o).error().message,
            "invalid kube version 'nope': Invalid Semantic Version");
  o = options();
  o.set = {"broken"};
  EXPECT_EQ(render(chart_with({}), o).error().message,
            "failed parsing --set data: key \"broken\" has no value");
  o = options();
  o.values_files = {{"absent.yaml", std::nullopt}};
  EXPECT_EQ(render(chart_with({}), o).error().message, "open absent.yaml: no such file or directory");
  o = options();
  o.release_name = std::string(54, 'a');
  EXPECT_EQ(render(chart_with({}), o).error().message,
            "release name \"" + std::string(54, 'a') + "\" exceeds max length of 53");
}

TEST(Engine, KubeVersionConstraintAndSchema) {
  auto r = render(chart_with({{"c/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\nkubeVersion: '>=1.26.0'\n"}}));
  EXPECT_EQ(r.error().message,
            "chart requires kubeVersion: >=1.26.0 which is incompatible with Kubernetes v1.25.0");
  auto s = render(chart_with({{"c/values.schema.json", R"({"properties": {"replicas": {"type": "string"}}})"}}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "values don't meet the specifications of the schema(s) in the following chart(s):\n"
            "demo:\n- replicas: Invalid type. Expected: string, given: integer\n");
}

TEST(Engine, LibraryChartsAreNotInstallable) {
  auto r = render(chart_with({{"c/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\ntype: library\n"}}));
  EXPECT_EQ(r.error().message, "library charts are not installable");
}

}  // namespace
}  // namespace gitops::render::helm
