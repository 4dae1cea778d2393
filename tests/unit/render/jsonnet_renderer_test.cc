// The jsonnet renderer against the `jsonnet` CLI, imports confined to the tree, and flattening.
#include "render/jsonnet_renderer.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "render/jsonnet_imports.h"
#include "render/jsonnet_output.h"
#include "render/local_tree.h"
#include "tests/support/process.h"
#include "tests/unit/render/memory_tree.h"

namespace gitops::render {
namespace {

namespace fs = std::filesystem;

class JsonnetTest : public ::testing::Test {
 protected:
  core::Result<Rendered> render_at(const std::string& path, JsonnetOptions jsonnet = {}) {
    auto tree = LocalTree::open(m_dir.path());
    EXPECT_TRUE(tree.ok());
    return render_jsonnet(*tree, SourceOptions{.type = SourceType::jsonnet,
                                               .path = path,
                                               .jsonnet = std::move(jsonnet)});
  }
  testing::TempDir m_dir;
};

std::vector<std::string> names(const core::Objects& objects) {
  std::vector<std::string> out;
  for (const auto& o : objects) out.push_back(o.origin.file + " " + o.kind() + "/" + o.name());
  return out;
}

TEST_F(JsonnetTest, OutputEqualsTheJsonnetCli) {
  m_dir.write("app/main.jsonnet", R"(
local lib = import 'lib/util.libsonnet';
local k = import 'k.libsonnet';
function(env, replicas) {
  config: lib.configMap('settings-' + env, { region: std.extVar('region') }),
  workloads: [
    k.deployment('web', replicas, std.extVar('debug')),
    [k.deployment('worker', 1, false)],
  ],
  nothing: null,
}
)");
  m_dir.write("app/lib/util.libsonnet", R"(
{ configMap(name, data):: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: name },
                            data: data } }
)");
  m_dir.write("vendor/old/k.libsonnet", "{ deployment(n, r, d):: error 'wrong library' }");
  m_dir.write("vendor/new/k.libsonnet", R"(
local meta = import 'meta.libsonnet';
{ deployment(name, replicas, debug):: {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta.named(name),
    spec: { replicas: replicas, paused: debug, ratio: 0.25, big: 12345678901 },
} }
)");
  m_dir.write("vendor/new/meta.libsonnet", "{ named(n):: { name: n, labels: { app: n } } }");
  JsonnetOptions options{.tla_str = {"env=prod"},
                         .tla_code = {"replicas=1 + 2"},
                         .ext_str = {"region=eu=west"},
                         .ext_code = {"debug=true"},
                         .jpath = {"vendor/old", "vendor/new"}};
  auto cli = testing::run({"jsonnet", "-J", "vendor/old", "-J", "vendor/new", "--tla-str",
                           "env=prod", "--tla-code", "replicas=1 + 2", "--ext-str",
                           "region=eu=west", "--ext-code", "debug=true", "app/main.jsonnet"},
                          {.cwd = m_dir.path()});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  auto rendered = render_at("app", options);
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(rendered->type, SourceType::jsonnet);
  EXPECT_EQ(core::Json::parse(rendered->raw), core::Json::parse(cli.out));
  EXPECT_EQ(names(rendered->objects),
            (std::vector<std::string>{"app/main.jsonnet ConfigMap/settings-prod",
                                      "app/main.jsonnet Deployment/web",
                                      "app/main.jsonnet Deployment/worker"}));
  core::Json expected = core::Json::parse(cli.out);
  EXPECT_EQ(rendered->objects[0].body, expected["config"]);
  EXPECT_EQ(rendered->objects[1].body, expected["workloads"][0]);
  EXPECT_EQ(rendered->objects[1].body["spec"]["replicas"], 3);
  EXPECT_EQ(rendered->objects[0].body["data"]["region"], "eu=west");
}

TEST_F(JsonnetTest, WithoutMainEveryTopLevelFileRendersInOrder) {
  m_dir.write("app/b.jsonnet", "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } }");
  m_dir.write("app/a.jsonnet",
              "[{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }]");
  m_dir.write("app/sub/c.jsonnet", "error 'not an entry'");
  auto rendered = render_at("app");
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(names(rendered->objects),
            (std::vector<std::string>{"app/a.jsonnet ConfigMap/a", "app/b.jsonnet ConfigMap/b"}));
  auto a = testing::run({"jsonnet", "app/a.jsonnet"}, {.cwd = m_dir.path()});
  auto b = testing::run({"jsonnet", "app/b.jsonnet"}, {.cwd = m_dir.path()});
  EXPECT_EQ(rendered->raw, a.out + "---\n" + b.out);
}

TEST_F(JsonnetTest, MainWinsOverOtherFiles) {
  m_dir.write("app/main.jsonnet", "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm' } }");
  m_dir.write("app/a.jsonnet", "error 'not an entry'");
  auto rendered = render_at("app");
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(names(rendered->objects), (std::vector<std::string>{"app/main.jsonnet ConfigMap/m"}));
}

TEST_F(JsonnetTest, ImportLeavingTheTreeIsRefused) {
  m_dir.write("outside.libsonnet", "{ secret: 'x' }");
  m_dir.write("repo/app/main.jsonnet", "(import '../../outside.libsonnet')");
  auto tree = LocalTree::open(m_dir.path() / "repo");
  ASSERT_TRUE(tree.ok());
  auto rendered = render_jsonnet(*tree, SourceOptions{.path = "app"});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_EQ(rendered.error().message,
            "evaluating jsonnet app/main.jsonnet: RUNTIME ERROR: couldn't open import "
            "\"../../outside.libsonnet\": import \"../../outside.libsonnet\": the path leaves the "
            "repository; app/main.jsonnet:1:2-34");
}

TEST_F(JsonnetTest, AbsoluteImportIsRefused) {
  m_dir.write("app/main.jsonnet", "importstr '/etc/hostname'");
  auto rendered = render_at("app");
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().message,
            "evaluating jsonnet app/main.jsonnet: RUNTIME ERROR: couldn't open import "
            "\"/etc/hostname\": import \"/etc/hostname\": absolute paths are refused; imports are "
            "read from the repository; app/main.jsonnet:1:1-26");
}

TEST_F(JsonnetTest, ImportThroughASymlinkLeavingTheTreeIsRefused) {
  m_dir.write("outside/secret.libsonnet", "{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }");
  m_dir.write("repo/app/main.jsonnet", "import '../lib/link.libsonnet'");
  m_dir.write("repo/lib/ok.libsonnet", "{}");
  fs::create_symlink(m_dir.path() / "outside" / "secret.libsonnet",
                     m_dir.path() / "repo" / "lib" / "link.libsonnet");
  auto tree = LocalTree::open(m_dir.path() / "repo");
  ASSERT_TRUE(tree.ok());
  auto rendered = render_jsonnet(*tree, SourceOptions{.path = "app"});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().message,
            "evaluating jsonnet app/main.jsonnet: RUNTIME ERROR: couldn't open import "
            "\"../lib/link.libsonnet\": import \"../lib/link.libsonnet\": not found in app; "
            "app/main.jsonnet:1:1-31");
}

TEST_F(JsonnetTest, MissingImportNamesTheFoldersSearched) {
  m_dir.write("app/main.jsonnet", "import 'nope.libsonnet'");
  m_dir.write("lib1/x", "");
  m_dir.write("lib2/x", "");
  auto rendered = render_at("app", JsonnetOptions{.jpath = {"lib1", "./lib2/"}});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().message,
            "evaluating jsonnet app/main.jsonnet: RUNTIME ERROR: couldn't open import "
            "\"nope.libsonnet\": import \"nope.libsonnet\": not found in app, lib2, lib1; "
            "app/main.jsonnet:1:1-24");
}

TEST_F(JsonnetTest, RuntimeErrorsCarryTheJsonnetMessage) {
  m_dir.write("app/main.jsonnet", "local f(x) = error 'boom ' + x;\nf('now')\n");
  auto rendered = render_at("app");
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_EQ(rendered.error().message,
            "evaluating jsonnet app/main.jsonnet: RUNTIME ERROR: boom now; "
            "app/main.jsonnet:1:14-31 function <f>; app/main.jsonnet:2:1-9");
}

TEST_F(JsonnetTest, SyntaxErrorsCarryTheJsonnetMessage) {
  m_dir.write("app/main.jsonnet", "{ a: }");
  auto rendered = render_at("app");
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().message,
            "evaluating jsonnet app/main.jsonnet: STATIC ERROR: app/main.jsonnet:1:6: unexpected: "
            "\"}\" while parsing terminal");
}

TEST_F(JsonnetTest, BadVariablesAreUsageErrors) {
  m_dir.write("app/main.jsonnet", "{}");
  auto rendered = render_at("app", JsonnetOptions{.ext_code = {"=1"}});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(rendered.error().message, "--ext-code \"=1\": expected KEY=VALUE");
  rendered = render_at("app", JsonnetOptions{.tla_str = {"env"}});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().message, "--tla-str \"env\": expected KEY=VALUE");
  rendered = render_at("app", JsonnetOptions{.jpath = {"../lib"}});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(rendered.error().message, "--jpath ../lib: the folder leaves the repository");
}

TEST_F(JsonnetTest, FolderWithoutJsonnetIsAnError) {
  m_dir.write("app/a.yaml", "a: 1\n");
  auto rendered = render_at("app");
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().message,
            "source path app in folder " + m_dir.path().string() + " holds no *.jsonnet file");
}

TEST(JsonnetOutputTest, FlattensListsAndMapsInOrder) {
  auto cm = [](const std::string& name) {
    return core::Json{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}}};
  };
  core::Json value = {{"b", {cm("b1"), {cm("b2"), nullptr}}}, {"a", {{"x", cm("ax")}}}};
  auto objects = flatten_jsonnet_output(value, "m.jsonnet");
  ASSERT_TRUE(objects.ok()) << objects.error().message;
  EXPECT_EQ(names(*objects), (std::vector<std::string>{"m.jsonnet ConfigMap/ax",
                                                       "m.jsonnet ConfigMap/b1",
                                                       "m.jsonnet ConfigMap/b2"}));
  EXPECT_TRUE(flatten_jsonnet_output(core::Json::object(), "m.jsonnet")->empty());
}

TEST(JsonnetOutputTest, NonObjectsAreErrors) {
  auto bad = flatten_jsonnet_output(core::Json{{"a", {{"b", 3}}}}, "m.jsonnet");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, core::ErrorKind::source);
  EXPECT_EQ(bad.error().message,
            "m.jsonnet: output $.a.b is not a Kubernetes object (no apiVersion and kind), a list "
            "or a map of them");
  auto scalar = flatten_jsonnet_output(core::Json::array({"x"}), "m.jsonnet");
  ASSERT_FALSE(scalar.ok());
  EXPECT_EQ(scalar.error().message,
            "m.jsonnet: output $[0] is not a Kubernetes object (no apiVersion and kind), a list or "
            "a map of them");
}

TEST(JsonnetImportTest, ResolvesRelativeThenLibrariesRightMostFirst) {
  MemoryTree tree({{"app/x.libsonnet", "app"}, {"l1/x.libsonnet", "l1"}, {"l2/x.libsonnet", "l2"},
                   {"l1/only.libsonnet", "only"}});
  EXPECT_EQ(resolve_jsonnet_import(tree, "app/", "x.libsonnet", {"l1", "l2"})->content, "app");
  EXPECT_EQ(resolve_jsonnet_import(tree, "", "x.libsonnet", {"l1", "l2"})->content, "l2");
  auto only = resolve_jsonnet_import(tree, "app/", "only.libsonnet", {"l1", "l2"});
  ASSERT_TRUE(only.ok());
  EXPECT_EQ(only->path, "l1/only.libsonnet");
  auto escape = resolve_jsonnet_import(tree, "app/", "../../x", {});
  ASSERT_FALSE(escape.ok());
  EXPECT_EQ(escape.error().message, "import \"../../x\": the path leaves the repository");
}

}  // namespace
}  // namespace gitops::render
