// App spec files: both kinds read with exact values, and every bad field reported exactly.
#include "render/app_spec.h"

#include <gtest/gtest.h>

#include "tests/support/process.h"

namespace gitops::render {
namespace {

using Strings = std::vector<std::string>;

TEST(AppSpecTest, ReadsEveryFieldOfTheAppKind) {
  auto app = parse_app_spec(R"(apiVersion: gitops.kubectl.dev/v1alpha1
kind: App
metadata:
  name: web
  labels: {team: shop}
spec:
  repo: https://git.example.com/shop.git
  ref: release-1
  path: ./apps/web/
  sourceType: helm
  recursive: true
  namespace: shop
  helm:
    valueFiles: [values-prod.yaml, ../common/values.yaml]
    values: |
      replicas: 2
    parameters:
    - name: image.tag
      value: "1.2"
      forceString: true
    - name: debug
      value: "false"
    releaseName: web-prod
  jsonnet:
    tlas: [{name: env, value: prod}, {name: count, value: "3", code: true}]
    extVars: [{name: region, value: eu}, {name: flags, value: "{}", code: true}]
    libs: [vendor, ./lib/]
  prune: false
  selfHeal: true
  interval: 1h30m
)", "app.yaml");
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(app->kind, AppSpecKind::app);
  EXPECT_EQ(app->name, "web");
  EXPECT_EQ(app->repo, "https://git.example.com/shop.git");
  EXPECT_EQ(app->ref, "release-1");
  EXPECT_EQ(app->source.path, "apps/web");
  EXPECT_EQ(app->source.type, SourceType::helm);
  EXPECT_TRUE(app->source.recursive);
  EXPECT_EQ(app->namespace_, "shop");
  EXPECT_EQ(app->source.namespace_, "shop");
  EXPECT_EQ(app->source.app_name, "web");
  EXPECT_EQ(app->source.helm.values_files,
            (Strings{"apps/web/values-prod.yaml", "apps/common/values.yaml"}));
  EXPECT_EQ(app->source.helm.values_inline, "replicas: 2\n");
  EXPECT_EQ(app->source.helm.set_string, (Strings{"image.tag=1.2"}));
  EXPECT_EQ(app->source.helm.set, (Strings{"debug=false"}));
  EXPECT_EQ(app->source.helm.release_name, "web-prod");
  EXPECT_FALSE(app->source.helm.include_crds);
  EXPECT_EQ(app->source.jsonnet.tla_str, (Strings{"env=prod"}));
  EXPECT_EQ(app->source.jsonnet.tla_code, (Strings{"count=3"}));
  EXPECT_EQ(app->source.jsonnet.ext_str, (Strings{"region=eu"}));
  EXPECT_EQ(app->source.jsonnet.ext_code, (Strings{"flags={}"}));
  EXPECT_EQ(app->source.jsonnet.jpath, (Strings{"vendor", "lib"}));
  EXPECT_FALSE(app->prune);
  EXPECT_TRUE(app->self_heal);
  EXPECT_EQ(app->interval, std::chrono::seconds(5400));
}

TEST(AppSpecTest, AppKindDefaults) {
  auto app = parse_app_spec(
      "apiVersion: gitops.kubectl.dev/v1alpha1\nkind: App\nmetadata:\n  name: web\n", "app.yaml");
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(app->repo, "");
  EXPECT_EQ(app->ref, "HEAD");
  EXPECT_EQ(app->source.path, ".");
  EXPECT_EQ(app->source.type, SourceType::auto_);
  EXPECT_FALSE(app->source.recursive);
  EXPECT_EQ(app->namespace_, "");
  EXPECT_TRUE(app->prune);
  EXPECT_FALSE(app->self_heal);
  EXPECT_EQ(app->interval, std::chrono::seconds(0));
  EXPECT_EQ(app->source.kustomize.binary, "kubectl");
}

TEST(AppSpecTest, InlineValuesMayBeAMap) {
  auto app = parse_app_spec(R"(apiVersion: gitops.kubectl.dev/v1alpha1
kind: App
metadata: {name: web}
spec:
  helm:
    values: {replicas: 2, image: {tag: "1.0"}}
)", "app.yaml");
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(app->source.helm.values_inline, "image:\n  tag: \"1.0\"\nreplicas: 2\n");
}

TEST(AppSpecTest, EveryAppKindProblemIsReported) {
  auto app = parse_app_spec(R"(apiVersion: gitops.kubectl.dev/v1alpha1
kind: App
metadata:
  name: Web_App
spec:
  pth: apps
  path: ../outside
  sourceType: ksonnet
  recursive: "yes"
  helm:
    valueFiles: [https://example.com/v.yaml, ../../../x.yaml]
    parameters:
    - value: x
    - just-a-string
    extra: 1
  jsonnet:
    tlas: [{name: a, value: 1}]
    libs: [../vendor]
  prune: maybe
  interval: 5 minutes
)", "apps/web.yaml");
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(app.error().message,
            "apps/web.yaml: metadata.name: \"Web_App\" is not a DNS-1123 label (lowercase letters, "
            "digits and '-', at most 63 characters, starting and ending with a letter or digit)\n"
            "apps/web.yaml: spec.pth: unknown field\n"
            "apps/web.yaml: spec.path: \"../outside\" leaves the repository\n"
            "apps/web.yaml: spec.sourceType: unknown source type \"ksonnet\": expected auto, "
            "directory, kustomize, helm or jsonnet\n"
            "apps/web.yaml: spec.recursive: expected true or false\n"
            "apps/web.yaml: spec.helm.extra: unknown field\n"
            "apps/web.yaml: spec.helm.valueFiles[0]: remote value files "
            "(\"https://example.com/v.yaml\") are not supported\n"
            "apps/web.yaml: spec.helm.valueFiles[1]: \"../../../x.yaml\" leaves the repository\n"
            "apps/web.yaml: spec.helm.parameters[0].name: required\n"
            "apps/web.yaml: spec.helm.parameters[1]: expected a map with name and value\n"
            "apps/web.yaml: spec.jsonnet.tlas[0].value: expected a string\n"
            "apps/web.yaml: spec.jsonnet.libs[0]: \"../vendor\" leaves the repository\n"
            "apps/web.yaml: spec.prune: expected true or false\n"
            "apps/web.yaml: spec.interval: \"5 minutes\" is not a duration in whole seconds such "
            "as 90s, 3m or 1h30m");
}

TEST(AppSpecTest, MissingNameIsReported) {
  auto app = parse_app_spec("apiVersion: gitops.kubectl.dev/v1alpha1\nkind: App\nspec: {}\n",
                            "app.yaml");
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.error().message, "app.yaml: metadata.name: required");
}

constexpr const char* k_argo_helm = R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: guestbook
  namespace: argocd
  finalizers: [resources-finalizer.argocd.argoproj.io]
spec:
  project: default
  source:
    repoURL: https://github.com/argoproj/argocd-example-apps.git
    targetRevision: v1.2.0
    path: helm-guestbook
    helm:
      releaseName: gb
      valueFiles: [values-production.yaml]
      parameters:
      - name: service.type
        value: NodePort
      - name: image.tag
        value: "0.1"
        forceString: true
      values: |
        ingress:
          enabled: true
      skipCrds: true
  destination:
    server: https://kubernetes.default.svc
    namespace: guestbook
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions: [CreateNamespace=true]
)";

TEST(ArgoApplicationTest, ReadsAHelmApplication) {
  auto app = parse_app_spec(k_argo_helm, "guestbook.yaml");
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(app->kind, AppSpecKind::argo_application);
  EXPECT_EQ(to_string(app->kind), "Application");
  EXPECT_EQ(app->name, "guestbook");
  EXPECT_EQ(app->repo, "https://github.com/argoproj/argocd-example-apps.git");
  EXPECT_EQ(app->ref, "v1.2.0");
  EXPECT_EQ(app->source.path, "helm-guestbook");
  EXPECT_EQ(app->source.type, SourceType::helm);
  EXPECT_EQ(app->source.helm.release_name, "gb");
  EXPECT_EQ(app->source.helm.values_files, (Strings{"helm-guestbook/values-production.yaml"}));
  EXPECT_EQ(app->source.helm.set, (Strings{"service.type=NodePort"}));
  EXPECT_EQ(app->source.helm.set_string, (Strings{"image.tag=0.1"}));
  EXPECT_EQ(app->source.helm.values_inline, "ingress:\n  enabled: true\n");
  EXPECT_FALSE(app->source.helm.include_crds);
  EXPECT_EQ(app->namespace_, "guestbook");
  EXPECT_EQ(app->source.namespace_, "guestbook");
  EXPECT_TRUE(app->prune);
  EXPECT_TRUE(app->self_heal);
  EXPECT_EQ(app->interval, std::chrono::seconds(0));
}

TEST(ArgoApplicationTest, ReadsADirectoryApplicationWithJsonnet) {
  auto app = parse_app_spec(R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: jsonnet-app}
spec:
  source:
    repoURL: git@github.com:example/apps.git
    path: jsonnet
    directory:
      recurse: true
      jsonnet:
        tlas: [{name: env, value: prod}, {name: replicas, value: "2", code: true}]
        extVars: [{name: region, value: eu}]
        libs: [vendor]
  destination: {namespace: apps}
)", "app.yaml");
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(app->ref, "HEAD");
  EXPECT_EQ(app->source.type, SourceType::jsonnet);
  EXPECT_TRUE(app->source.recursive);
  EXPECT_EQ(app->source.jsonnet.tla_str, (Strings{"env=prod"}));
  EXPECT_EQ(app->source.jsonnet.tla_code, (Strings{"replicas=2"}));
  EXPECT_EQ(app->source.jsonnet.ext_str, (Strings{"region=eu"}));
  EXPECT_EQ(app->source.jsonnet.jpath, (Strings{"vendor"}));
  EXPECT_FALSE(app->prune);
  EXPECT_FALSE(app->self_heal);
}

TEST(ArgoApplicationTest, PlainApplicationDefaultsToAutoDetectionAndManualSync) {
  auto app = parse_app_spec(R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: plain}
spec:
  source: {repoURL: https://example.com/r.git, path: .}
  destination: {server: https://kubernetes.default.svc}
  syncPolicy: {automated: {}}
)", "app.yaml");
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(app->source.type, SourceType::auto_);
  EXPECT_EQ(app->source.path, ".");
  EXPECT_EQ(app->namespace_, "");
  EXPECT_FALSE(app->prune);
  EXPECT_FALSE(app->self_heal);
  EXPECT_TRUE(app->source.helm.include_crds) << "Argo CD renders CRDs unless skipCrds";
}

TEST(ArgoApplicationTest, MultipleSourcesAreAClearError) {
  auto app = parse_app_spec(R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: multi}
spec:
  sources:
  - repoURL: https://example.com/a.git
  - repoURL: https://example.com/b.git
)", "multi.yaml");
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(app.error().message,
            "multi.yaml: spec.sources: Applications with several sources are not supported; use "
            "one spec.source");
}

TEST(ArgoApplicationTest, UnsupportedSettingsAreErrors) {
  auto app = parse_app_spec(R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: x}
spec:
  source:
    chart: nginx
    kustomize: {namePrefix: a-}
    helm:
      fileParameters: [{name: a, path: b}]
  syncPolicy:
    automated: {prune: "true"}
)", "x.yaml");
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.error().message,
            "x.yaml: spec.source.chart: Helm repository charts are not supported; point repoURL "
            "at a Git repository\n"
            "x.yaml: spec.source.kustomize: not supported by kubectl-gitops\n"
            "x.yaml: spec.source.repoURL: required\n"
            "x.yaml: spec.source.helm.fileParameters: not supported by kubectl-gitops\n"
            "x.yaml: spec.syncPolicy.automated.prune: expected true or false");
}

TEST(ArgoApplicationTest, HelmAndDirectoryAreExclusive) {
  auto app = parse_app_spec(R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: x}
spec:
  source: {repoURL: r, helm: {}, directory: {}}
)", "x.yaml");
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.error().message, "x.yaml: spec.source: helm and directory cannot both be set");
}

TEST(AppSpecFileTest, WrongKindsAndDocumentCounts) {
  auto other = parse_app_spec("apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\n", "a.yaml");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(other.error().message,
            "a.yaml: apiVersion \"argoproj.io/v1alpha1\" kind \"ApplicationSet\" is neither an App "
            "(gitops.kubectl.dev/v1alpha1) nor an Argo CD Application (argoproj.io/v1alpha1)");
  auto two = parse_app_spec("a: 1\n---\nb: 2\n", "a.yaml");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().message, "a.yaml: expected one App or Application document, found 2");
  auto none = parse_app_spec("# nothing\n", "a.yaml");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message, "a.yaml: expected one App or Application document, found 0");
  auto list = parse_app_spec("- a\n", "a.yaml");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().message, "a.yaml: expected a map with apiVersion and kind");
  auto invalid = parse_app_spec("a: [1\n", "a.yaml");
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().kind, core::ErrorKind::usage);
  EXPECT_TRUE(invalid.error().message.starts_with("a.yaml:")) << invalid.error().message;
}

TEST(AppSpecFileTest, ReadsFromDisk) {
  testing::TempDir dir;
  auto path = dir.write("app.yaml", k_argo_helm);
  auto app = read_app_spec(path);
  ASSERT_TRUE(app.ok()) << app.error().message;
  EXPECT_EQ(app->name, "guestbook");
  auto missing = read_app_spec(dir.path() / "nope.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(missing.error().message,
            "reading app spec " + (dir.path() / "nope.yaml").string() + ": cannot open the file");
}

TEST(DurationTest, ParsesGoDurations) {
  EXPECT_EQ(*parse_duration("90s"), std::chrono::seconds(90));
  EXPECT_EQ(*parse_duration("3m"), std::chrono::seconds(180));
  EXPECT_EQ(*parse_duration("1h0m5s"), std::chrono::seconds(3605));
  for (const char* bad : {"", "3", "m", "0s", "1.5m", "100ms", "-1m", "3d"}) {
    auto parsed = parse_duration(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().message, "\"" + std::string(bad) +
                                          "\" is not a duration in whole seconds such as 90s, 3m "
                                          "or 1h30m");
  }
}

}  // namespace
}  // namespace gitops::render
