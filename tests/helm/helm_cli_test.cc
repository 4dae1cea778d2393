// `kubectl-gitops render` of Helm charts through the built binary, without a cluster: a chart in a
// Git repository (auto-detected, values files from the commit, --set), --local charts with values
// files from disk, the helm flags, and the errors a user sees (exact message and exit code).
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/git_repo.h"
#include "tests/support/process.h"

namespace gitops::testing {
namespace {

namespace fs = std::filesystem;

RunResult gitops(std::vector<std::string> args, RunOptions options = {}) {
  args.insert(args.begin(), required_env("GITOPS_BINARY"));
  options.unset_env.push_back("KUBECTL_GITOPS_HELM");
  options.env["XDG_CACHE_HOME"] =
      (fs::temp_directory_path() / "kubectl-gitops-test-cache").string();
  return run(args, options);
}

const char* k_chart_yaml = "apiVersion: v2\nname: web\nversion: 1.0.0\n";

const char* k_deployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  labels: {{- include "web.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
  template:
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
)";

const char* k_helpers = R"({{- define "web.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
)";

const char* k_test_hook = R"(apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-test
  annotations:
    helm.sh/hook: test
spec:
  containers:
    - name: check
      image: busybox
)";

std::map<std::string, std::string> chart(const std::string& dir) {
  return {{dir + "/Chart.yaml", k_chart_yaml},
          {dir + "/values.yaml", "replicas: 1\nimage:\n  repository: nginx\n  tag: \"1.25\"\n"},
          {dir + "/templates/_helpers.tpl", k_helpers},
          {dir + "/templates/deployment.yaml", k_deployment},
          {dir + "/templates/tests/check.yaml", k_test_hook}};
}

std::string deployment(const std::string& release, const std::string& replicas,
                       const std::string& image) {
  return "---\n# Source: web/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\n"
         "metadata:\n  name: " + release + "\n  labels:\n    app.kubernetes.io/name: web\n"
         "    app.kubernetes.io/instance: " + release + "\nspec:\n  replicas: " + replicas +
         "\n  template:\n    spec:\n      containers:\n        - name: web\n          image: \"" +
         image + "\"\n";
}

std::string test_hook(const std::string& release) {
  return "---\n# Source: web/templates/tests/check.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n"
         "  name: " + release + "-test\n  annotations:\n    helm.sh/hook: test\nspec:\n"
         "  containers:\n    - name: check\n      image: busybox\n";
}

TEST(HelmCli, RendersAChartFromAGitCommitExactlyAsHelmTemplate) {
  GitRepo repo;
  auto files = chart("charts/web");
  files["envs/prod.yaml"] = "replicas: 3\nimage:\n  tag: \"1.26\"\n";
  repo.commit(files, "web chart");
  repo.write_uncommitted("envs/prod.yaml", "replicas: 99\n");
  RunResult r = gitops({"render", "--repo", repo.path().string(), "--path", "charts/web",
                        "--values", "envs/prod.yaml", "--set", "image.repository=registry/web",
                        "-o", "raw"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, deployment("web", "3", "registry/web:1.26") + test_hook("web"));
  EXPECT_EQ(r.err, "");
}

// A packaged chart (`helm package` output: a .tgz whose top folder is the chart) committed to the
// repository is a source like a chart folder, detected by its name.
TEST(HelmCli, PackagedChartInTheRepositoryRendersLikeItsFolder) {
  GitRepo repo;
  repo.commit(chart("src/web"), "chart sources");
  ASSERT_EQ(run({"tar", "-czf", (repo.path() / "web-1.0.0.tgz").string(), "-C", (repo.path() / "src").string(),
                 "web"})
                .exit_code,
            0);
  repo.git({"add", "web-1.0.0.tgz"});
  repo.git({"commit", "-q", "-m", "packaged"});
  RunResult r = gitops({"render", "--repo", repo.path().string(), "--path", "web-1.0.0.tgz", "--set",
                        "replicas=2", "-o", "raw"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, deployment("web", "2", "nginx:1.25") + test_hook("web"));
  RunResult folder = gitops({"render", "--repo", repo.path().string(), "--path", "src/web", "--set",
                             "replicas=2", "-o", "raw"});
  ASSERT_EQ(folder.exit_code, 0) << folder.err;
  EXPECT_EQ(folder.out, r.out);
  RunResult missing = gitops({"render", "--repo", repo.path().string(), "--path", "other-1.0.0.tgz"});
  EXPECT_EQ(missing.exit_code, 3);
  std::string head = repo.git({"rev-parse", "--short=7", "HEAD"});
  head = head.substr(0, head.find('\n'));
  EXPECT_EQ(missing.err, "kubectl-gitops: error: using --path \"other-1.0.0.tgz\" in commit " + head + " of " +
                             repo.path().string() + ": no such chart archive\n");
}

TEST(HelmCli, ReleaseNameNamespaceAndHooksInYamlOutput) {
  GitRepo repo;
  repo.commit(chart("web"), "web chart");
  RunResult r = gitops({"render", "--repo", repo.path().string(), "--path", "web",
                        "--release-name", "shop", "-n", "prod", "--no-hooks", "-o", "raw"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, deployment("shop", "1", "nginx:1.25"));

  r = gitops({"render", "--repo", repo.path().string(), "--path", "web", "--app", "shop",
              "--show-only", "templates/tests/check.yaml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, R"(apiVersion: v1
kind: Pod
metadata:
  annotations:
    helm.sh/hook: test
  name: shop-test
spec:
  containers:
  - image: busybox
    name: check
)");
}

TEST(HelmCli, LocalChartReadsValuesFilesRelativeToTheCurrentFolder) {
  TempDir dir;
  for (const auto& [path, content] : chart("web")) dir.write(path, content);
  dir.write("web/values-dev.yaml", "replicas: 5\n");
  dir.write("mine.yaml", "replicas: 2\nimage:\n  tag: dev\n");
  RunResult r = gitops({"render", "--local", "web", "--values", "web/values-dev.yaml", "--values",
                        "mine.yaml", "--set-string", "image.tag=7", "-o", "raw"},
                       RunOptions{.cwd = dir.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, deployment("web", "2", "nginx:7") + test_hook("web"));

  r = gitops({"render", "--local", "web", "--values", "absent.yaml", "-o", "raw"},
             RunOptions{.cwd = dir.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "kubectl-gitops: error: open absent.yaml: no such file or directory\n");
}

TEST(HelmCli, GitSourcesNeverReadValuesOutsideTheRepository) {
  GitRepo repo;
  repo.commit(chart("web"), "web chart");
  TempDir outside;
  fs::path secret = outside.write("secret.yaml", "replicas: 42\n");
  for (const std::string& values : {secret.string(), std::string("../secret.yaml")}) {
    RunResult r = gitops({"render", "--repo", repo.path().string(), "--path", "web", "--values",
                          values, "-o", "raw"},
                         RunOptions{.cwd = outside.path()});
    EXPECT_EQ(r.exit_code, 2) << values;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "kubectl-gitops: error: rendering helm chart web: values file " + values +
                         " is outside the repository (values files of a Git source are read from "
                         "the commit, relative to the repository root)\n");
  }
}

TEST(HelmCli, SymlinkLeavingTheRepositoryIsRefused) {
  GitRepo repo;
  TempDir outside;
  fs::path secret = outside.write("passwords.txt", "hunter2\n");
  auto files = chart("web");
  files["web/templates/leak.yaml"] =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leak\ndata:\n"
      "  leak: {{ .Files.Get \"files/secret.txt\" | quote }}\n";
  for (const auto& [path, content] : files) repo.write_uncommitted(path, content);
  fs::create_directories(repo.path() / "web/files");
  fs::create_symlink(secret, repo.path() / "web/files/secret.txt");
  repo.git({"add", "-A"});
  repo.git({"commit", "-q", "-m", "chart with a symlink"});

  RunResult r = gitops({"render", "--repo", repo.path().string(), "--path", "web", "-o", "raw"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.find("hunter2"), std::string::npos);
  EXPECT_EQ(r.err.rfind("kubectl-gitops: error: rendering helm chart web: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("web/files/secret.txt"), std::string::npos) << r.err;

  r = gitops({"render", "--local", (repo.path() / "web").string(), "-o", "raw"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("kubectl-gitops: error: rendering helm chart .: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("files/secret.txt"), std::string::npos) << r.err;
}

TEST(HelmCli, BadChartsAreRenderErrors) {
  TempDir dir;
  dir.write("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: one\n");
  RunResult r = gitops({"render", "--local", dir.write("web/templates/t.yaml", "").parent_path()
                                                 .parent_path().string(),
                        "--source-type", "helm"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "kubectl-gitops: error: rendering helm chart .: validation: chart.metadata.version "
                   "\"one\" is invalid\n");

  dir.write("web/Chart.yaml", k_chart_yaml);
  dir.write("web/templates/t.yaml", "a: {{ .Values.x.y }}\n");
  r = gitops({"render", "--local", (dir.path() / "web").string()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "kubectl-gitops: error: rendering helm chart .: template: web/templates/t.yaml:1:13: "
                   "executing \"web/templates/t.yaml\" at <.Values.x.y>: nil pointer evaluating "
                   "interface {}.y\n");

  r = gitops({"render", "--local", (dir.path() / "web").string(), "--source-type", "helm", "--set",
              "a[x]=1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("kubectl-gitops: error: rendering helm chart .: failed parsing --set data: ",
                        0),
            0u)
      << r.err;

  TempDir empty;
  empty.write("readme.txt", "no chart here\n");
  r = gitops({"render", "--local", empty.path().string(), "--app", "empty", "--source-type",
              "helm"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "kubectl-gitops: error: rendering helm chart .: Chart.yaml file is missing\n");
}

TEST(HelmCli, HelmBinaryDelegatesThroughTheEnvironment) {
  TempDir dir;
  for (const auto& [path, content] : chart("web")) dir.write(path, content);
  fs::path fake = dir.write("bin/helm", "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$0.argv\"\n"
                                        "printf -- '---\\n# Source: web/templates/x.yaml\\n"
                                        "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n"
                                        "  name: from-helm\\n'\n");
  fs::permissions(fake, fs::perms::owner_all);
  RunOptions options{.cwd = dir.path()};
  std::vector<std::string> args{required_env("GITOPS_BINARY"), "render", "--local", "web",
                                "--release-name", "rel", "-o", "raw"};
  options.env["KUBECTL_GITOPS_HELM"] = fake.string();
  RunResult r = run(args, options);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "---\n# Source: web/templates/x.yaml\napiVersion: v1\nkind: ConfigMap\n"
                   "metadata:\n  name: from-helm\n");
  std::string chart_dir = fs::canonical(dir.path() / "web").string();
  EXPECT_EQ(run({"cat", fake.string() + ".argv"}).out,
            "template\n--namespace=default\n--\nrel\n" + chart_dir + "\n");
}

}  // namespace
}  // namespace gitops::testing
