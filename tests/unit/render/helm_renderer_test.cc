// render_helm: the Helm renderer's wiring (chart folder, values precedence, release name and
// namespace, objects and hook marks, errors with their kind and exact text), and delegation to a
// helm binary through a fake `helm` script that records its argv.
#include "render/helm_renderer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "render/helm_binary.h"
#include "render/local_tree.h"
#include "render/renderer.h"
#include "tests/support/process.h"
#include "tests/unit/render/memory_tree.h"

namespace gitops::render {
namespace {

namespace fs = std::filesystem;

const char* k_chart_yaml = "apiVersion: v2\nname: web\nversion: 1.0.0\n";

const char* k_config_template = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
  namespace: {{ .Release.Namespace }}
data:
  color: {{ .Values.color | quote }}
  size: {{ .Values.size | quote }}
  replicas: {{ .Values.replicas | quote }}
)";

const char* k_hook_template = R"(apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-migrate
  annotations:
    "helm.sh/hook": pre-install, pre-upgrade
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: busybox
)";

std::map<std::string, std::string> chart_files() {
  return {{"apps/web/Chart.yaml", k_chart_yaml},
          {"apps/web/values.yaml", "color: red\nsize: small\nreplicas: 1\n"},
          {"apps/web/templates/config.yaml", k_config_template},
          {"apps/web/templates/migrate.yaml", k_hook_template},
          {"apps/web/templates/NOTES.txt", "installed {{ .Release.Name }}\n"},
          {"env/prod.yaml", "color: blue\nsize: large\n"},
          {"env/big.yaml", "size: huge\n"}};
}

SourceOptions web_options() {
  SourceOptions o;
  o.type = SourceType::helm;
  o.path = "apps/web";
  o.app_name = "shop";
  o.namespace_ = "prod";
  return o;
}

const char* k_default_output = R"(---
# Source: web/templates/config.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
  namespace: prod
data:
  color: "red"
  size: "small"
  replicas: "1"
---
# Source: web/templates/migrate.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: shop-migrate
  annotations:
    "helm.sh/hook": pre-install, pre-upgrade
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: busybox
)";

TEST(HelmRenderer, RendersTheChartAsHelmTemplatePrintsIt) {
  MemoryTree tree(chart_files());
  auto rendered = render(tree, web_options());
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(rendered->type, SourceType::helm);
  EXPECT_EQ(rendered->raw, k_default_output);
  ASSERT_EQ(rendered->objects.size(), 2u);
  EXPECT_EQ(rendered->objects[0].key().to_string(), "v1 ConfigMap prod/shop-config");
  EXPECT_EQ(rendered->objects[0].origin.file, "web/templates/config.yaml");
  EXPECT_EQ(rendered->objects[1].key().to_string(), "batch/v1 Job shop-migrate");
  EXPECT_EQ(rendered->objects[1].origin.file, "web/templates/migrate.yaml");
  EXPECT_EQ(rendered->objects[1].annotation("helm.sh/hook"), "pre-install, pre-upgrade");
}

TEST(HelmRenderer, DetectsAChartFolderAutomatically) {
  MemoryTree tree(chart_files());
  SourceOptions o = web_options();
  o.type = SourceType::auto_;
  auto rendered = render(tree, o);
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(rendered->type, SourceType::helm);
  EXPECT_EQ(rendered->raw, k_default_output);
}

TEST(HelmRenderer, ValuesFilesApplyInOrderThenSetThenSetString) {
  MemoryTree tree(chart_files());
  SourceOptions o = web_options();
  o.helm.values_files = {"env/prod.yaml", "./env/big.yaml"};
  o.helm.set = {"replicas=3", "color=green"};
  o.helm.set_string = {"replicas=007"};
  o.helm.release_name = "web-prod";
  o.helm.no_hooks = true;
  auto rendered = render_helm(tree, o);
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(rendered->raw, R"(---
# Source: web/templates/config.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-prod-config
  namespace: prod
data:
  color: "green"
  size: "huge"
  replicas: "007"
)");
  ASSERT_EQ(rendered->objects.size(), 1u);
}

TEST(HelmRenderer, ValuesReadByTheCallerComeBeforeInlineValues) {
  MemoryTree tree(chart_files());
  SourceOptions o = web_options();
  o.helm.values_files = {"/somewhere/on/disk.yaml", "env/prod.yaml"};
  o.helm.values_contents = {std::string("size: medium\nreplicas: 2\n")};
  o.helm.values_inline = "color: black\n";
  o.helm.show_only = {"templates/config.yaml"};
  auto rendered = render_helm(tree, o);
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_NE(rendered->raw.find("  color: \"black\"\n  size: \"large\"\n  replicas: \"2\"\n"),
            std::string::npos)
      << rendered->raw;
}

TEST(HelmRenderer, ValuesFileLeavingTheRepositoryIsAUsageError) {
  MemoryTree tree(chart_files());
  SourceOptions o = web_options();
  o.helm.values_files = {"../secrets.yaml"};
  auto rendered = render_helm(tree, o);
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(rendered.error().message,
            "rendering helm chart apps/web: values file ../secrets.yaml is outside the repository "
            "(values files of a Git source are read from the commit, relative to the repository "
            "root)");
  o.helm.values_files = {"/etc/passwd"};
  rendered = render_helm(tree, o);
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::usage);
}

TEST(HelmRenderer, MissingValuesFileIsAUsageError) {
  MemoryTree tree(chart_files());
  SourceOptions o = web_options();
  o.helm.values_files = {"env/staging.yaml"};
  auto rendered = render_helm(tree, o);
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(rendered.error().message,
            "rendering helm chart apps/web: open env/staging.yaml: no such file or directory");
}

TEST(HelmRenderer, ChartErrorsAreSourceErrorsWithHelmsText) {
  auto files = chart_files();
  files["apps/web/Chart.yaml"] = "apiVersion: v2\nversion: 1.0.0\n";
  MemoryTree no_name(files);
  auto rendered = render_helm(no_name, web_options());
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_EQ(rendered.error().message,
            "rendering helm chart apps/web: validation: chart.metadata.name is required");

  files = chart_files();
  files["apps/web/templates/broken.yaml"] = "a: {{ .Values.missing.deeper }}\n";
  MemoryTree broken(files);
  rendered = render_helm(broken, web_options());
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_EQ(rendered.error().message,
            "rendering helm chart apps/web: template: web/templates/broken.yaml:1:13: executing "
            "\"web/templates/broken.yaml\" at <.Values.missing.deeper>: nil pointer evaluating "
            "interface {}.deeper");
}

TEST(HelmRenderer, ReleaseNameDefaultsToTheAppName) {
  MemoryTree tree(chart_files());
  SourceOptions o = web_options();
  o.app_name = "";
  auto rendered = render_helm(tree, o);
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().message, "rendering helm chart apps/web: name is required");
}

TEST(HelmRenderer, ChartOutputThatIsNotObjectsIsASourceError) {
  auto files = chart_files();
  files["apps/web/templates/list.yaml"] = "kind: Thing\nlist: [a, b\n";
  MemoryTree tree(files);
  auto rendered = render_helm(tree, web_options());
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_EQ(rendered.error().message.rfind("rendering helm chart apps/web: YAML parse error on "
                                           "web/templates/list.yaml",
                                           0),
            0u)
      << rendered.error().message;
}

TEST(HelmRenderer, SymlinkLeavingTheChartIsRefused) {
  testing::TempDir outside;
  outside.write("secret.txt", "hunter2\n");
  testing::TempDir dir;
  dir.write("web/Chart.yaml", k_chart_yaml);
  dir.write("web/templates/t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
  fs::create_symlink(outside.path() / "secret.txt", dir.path() / "web/secret.txt");
  auto tree = LocalTree::open(dir.path());
  ASSERT_TRUE(tree.ok());
  SourceOptions o = web_options();
  o.path = "web";
  auto rendered = render_helm(*tree, o);
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_EQ(rendered.error().message.rfind("rendering helm chart web: ", 0), 0u)
      << rendered.error().message;
  EXPECT_NE(rendered.error().message.find("web/secret.txt"), std::string::npos)
      << rendered.error().message;
}

TEST(HelmReleaseName, FollowsHelmsRules) {
  EXPECT_TRUE(is_valid_release_name("web"));
  EXPECT_TRUE(is_valid_release_name("web-1.prod"));
  EXPECT_TRUE(is_valid_release_name(std::string(53, 'a')));
  EXPECT_FALSE(is_valid_release_name(std::string(54, 'a')));
  EXPECT_FALSE(is_valid_release_name(""));
  EXPECT_FALSE(is_valid_release_name("--set=x"));
  EXPECT_FALSE(is_valid_release_name("-web"));
  EXPECT_FALSE(is_valid_release_name("web-"));
  EXPECT_FALSE(is_valid_release_name("Web"));
  EXPECT_FALSE(is_valid_release_name("a..b"));
  EXPECT_FALSE(is_valid_release_name("a-.b"));
  EXPECT_FALSE(is_valid_release_name("a.-b"));
  EXPECT_FALSE(is_valid_release_name("a b"));
}

class HelmBinaryTest : public ::testing::Test {
 protected:
  // A fake `helm` that writes each argument on its own line to argv.txt, copies the values files
  // it is given next to it, and prints one ConfigMap and one hook.
  std::string fake_helm(const std::string& exit_line = "") {
    fs::path script = m_bin.write("helm", "#!/bin/sh\n: > " + argv_file() +
                                              "\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> " +
                                              argv_file() +
                                              "; case \"$a\" in --values=*) cat \"${a#--values=}\" >> " +
                                              values_file() + ";; esac; done\n" + exit_line +
                                              "cat <<'EOF'\n" + k_default_output + "EOF\n");
    fs::permissions(script, fs::perms::owner_all);
    return script.string();
  }
  std::string argv_file() const { return (m_bin.path() / "argv.txt").string(); }
  std::string values_file() const { return (m_bin.path() / "values.txt").string(); }
  static std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  testing::TempDir m_bin;
  testing::TempDir m_repo;
};

TEST_F(HelmBinaryTest, DelegatesWithTheSameInputsAndNoWayToInjectFlags) {
  for (const auto& [path, content] : chart_files()) m_repo.write(path, content);
  auto tree = LocalTree::open(m_repo.path());
  ASSERT_TRUE(tree.ok());
  SourceOptions o = web_options();
  o.helm.binary = fake_helm();
  o.helm.values_files = {"env/prod.yaml", "--from-disk.yaml"};
  o.helm.values_contents = {std::nullopt, std::string("size: tiny\n")};
  o.helm.set = {"a=-b", "--debug"};
  o.helm.set_string = {"s=1"};
  o.helm.kube_version = "1.27";
  o.helm.api_versions = {"x.io/v1"};
  o.helm.include_crds = true;
  o.helm.no_hooks = true;
  o.helm.show_only = {"templates/config.yaml"};
  auto rendered = render_helm(*tree, o);
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(rendered->raw, k_default_output);
  ASSERT_EQ(rendered->objects.size(), 2u);
  EXPECT_EQ(rendered->objects[1].annotation("helm.sh/hook"), "pre-install, pre-upgrade");

  std::string argv = slurp(argv_file());
  std::string chart_dir = (fs::canonical(m_repo.path()) / "apps/web").string();
  auto tmp_start = argv.find("--values=");
  ASSERT_NE(tmp_start, std::string::npos) << argv;
  std::string first_values = argv.substr(tmp_start + 9, argv.find('\n', tmp_start) - tmp_start - 9);
  std::string tmp = fs::path(first_values).parent_path().string();
  EXPECT_EQ(argv, "template\n--namespace=prod\n--kube-version=1.27\n--api-versions=x.io/v1\n"
                  "--values=" + tmp + "/values-1.yaml\n--values=" + tmp + "/values-2.yaml\n"
                  "--set=a=-b\n--set=--debug\n--set-string=s=1\n--include-crds\n--no-hooks\n"
                  "--show-only=templates/config.yaml\n--\nshop\n" + chart_dir + "\n");
  EXPECT_EQ(slurp(values_file()), "color: blue\nsize: large\nsize: tiny\n");
  EXPECT_FALSE(fs::exists(tmp)) << "the values folder is removed after the run";
}

TEST_F(HelmBinaryTest, InvalidReleaseNameNeverRunsHelm) {
  for (const auto& [path, content] : chart_files()) m_repo.write(path, content);
  auto tree = LocalTree::open(m_repo.path());
  ASSERT_TRUE(tree.ok());
  SourceOptions o = web_options();
  o.helm.binary = fake_helm();
  o.helm.release_name = "--post-renderer=/bin/evil";
  auto rendered = render_helm(*tree, o);
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(rendered.error().message,
            "rendering helm chart apps/web: invalid release name \"--post-renderer=/bin/evil\": use "
            "lowercase letters, digits, '-' and '.' (at most 53), starting and ending with a "
            "letter or digit");
  EXPECT_FALSE(fs::exists(argv_file()));
}

TEST_F(HelmBinaryTest, HelmFailureCarriesItsStderr) {
  for (const auto& [path, content] : chart_files()) m_repo.write(path, content);
  auto tree = LocalTree::open(m_repo.path());
  ASSERT_TRUE(tree.ok());
  SourceOptions o = web_options();
  o.helm.binary = fake_helm("echo 'Error: parse error at (web/templates/x.yaml:3)' >&2\nexit 1\n");
  auto rendered = render_helm(*tree, o);
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_EQ(rendered.error().message,
            "rendering helm chart apps/web: running " + o.helm.binary +
                " template: Error: parse error at (web/templates/x.yaml:3)");
}

TEST_F(HelmBinaryTest, MissingValuesFileIsReportedBeforeRunning) {
  for (const auto& [path, content] : chart_files()) m_repo.write(path, content);
  auto tree = LocalTree::open(m_repo.path());
  ASSERT_TRUE(tree.ok());
  SourceOptions o = web_options();
  o.helm.binary = fake_helm();
  o.helm.values_files = {"env/none.yaml"};
  auto rendered = render_helm(*tree, o);
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(rendered.error().message,
            "rendering helm chart apps/web: open env/none.yaml: no such file or directory");
  EXPECT_FALSE(fs::exists(argv_file()));
}

}  // namespace
}  // namespace gitops::render
