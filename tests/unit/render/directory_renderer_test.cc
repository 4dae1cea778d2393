// The directory renderer: which files, in which order, with which origins, and the raw text.
#include "render/directory_renderer.h"

#include <gtest/gtest.h>

#include "render/renderer.h"
#include "tests/unit/render/memory_tree.h"

namespace gitops::render {
namespace {

std::string config_map(const std::string& name) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
}

std::vector<std::string> summary(const core::Objects& objects) {
  std::vector<std::string> out;
  for (const core::Object& object : objects) {
    out.push_back(object.origin.file + " " + object.name());
  }
  return out;
}

TEST(DirectoryRendererTest, ReadsManifestFilesInPathOrder) {
  MemoryTree tree({
      {"app/b.yaml", config_map("b")},
      {"app/a.yml", config_map("a1") + "---\n" + config_map("a2")},
      {"app/c.json", R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"c"}})"},
      {"app/README.md", "# not a manifest\n"},
      {"app/values.txt", "x: 1\n"},
      {"app/.hidden.yaml", config_map("hidden")},
      {"app/sub/d.yaml", config_map("d")},
      {"other.yaml", config_map("other")},
  });
  auto rendered = render_directory(tree, SourceOptions{.path = "app"});
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(rendered->type, SourceType::directory);
  EXPECT_EQ(summary(rendered->objects),
            (std::vector<std::string>{"app/a.yml a1", "app/a.yml a2", "app/b.yaml b",
                                      "app/c.json c"}));
  EXPECT_EQ(rendered->objects[3].kind(), "Secret");
  EXPECT_EQ(rendered->raw, config_map("a1") + "---\n" + config_map("a2") + "---\n" +
                               config_map("b") + "---\n" +
                               R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"c"}})" +
                               "\n");
  EXPECT_EQ(tree.reads().count("app/README.md"), 0u);
}

TEST(DirectoryRendererTest, RecursiveSortsByWholePath) {
  MemoryTree tree({
      {"a/b.yaml", config_map("a-b")},
      {"a.yaml", config_map("a")},
      {"a-c.yaml", config_map("a-c")},
      {"z/y/x.yaml", config_map("zyx")},
      {".github/workflows/ci.yaml", "on: push\n"},
  });
  auto rendered = render_directory(tree, SourceOptions{.path = ".", .recursive = true});
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(summary(rendered->objects),
            (std::vector<std::string>{"a-c.yaml a-c", "a.yaml a", "a/b.yaml a-b",
                                      "z/y/x.yaml zyx"}));
  auto flat = render_directory(tree, SourceOptions{.path = "."});
  ASSERT_TRUE(flat.ok());
  EXPECT_EQ(summary(flat->objects), (std::vector<std::string>{"a-c.yaml a-c", "a.yaml a"}));
}

TEST(DirectoryRendererTest, EmptyDocumentsAndListsAreHandledByTheReader) {
  MemoryTree tree({
      {"list.yaml", "apiVersion: v1\nkind: List\nitems:\n- " +
                        std::string("apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n")},
      {"empty.yaml", "---\n# nothing\n"},
  });
  auto rendered = render_directory(tree, SourceOptions{});
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(summary(rendered->objects), (std::vector<std::string>{"list.yaml x"}));
}

TEST(DirectoryRendererTest, ManyFilesKeepTheirOrderWhenParsedInParallel) {
  std::map<std::string, std::string> files;
  std::vector<std::string> expected;
  for (int i = 0; i < 700; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "m%04d", i);
    files[std::string(name) + ".yaml"] = config_map(name);
    expected.push_back(std::string(name) + ".yaml " + name);
  }
  MemoryTree tree(files);
  auto rendered = render_directory(tree, SourceOptions{});
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(summary(rendered->objects), expected);
}

TEST(DirectoryRendererTest, EveryInvalidFileIsReported) {
  MemoryTree tree({
      {"a.yaml", "a: [1\n"},
      {"b.yaml", config_map("b")},
      {"c.yaml", "key: value\n  bad: indent\n"},
  });
  auto rendered = render_directory(tree, SourceOptions{});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  const std::string& message = rendered.error().message;
  auto newline = message.find('\n');
  ASSERT_NE(newline, std::string::npos) << message;
  EXPECT_TRUE(message.starts_with("a.yaml:")) << message;
  EXPECT_TRUE(message.substr(newline + 1).starts_with("c.yaml:")) << message;
  EXPECT_EQ(message.find('\n', newline + 1), std::string::npos) << message;
}

TEST(DirectoryRendererTest, MissingPathIsASourceError) {
  MemoryTree tree({{"a.yaml", config_map("a")}});
  auto rendered = render_directory(tree, SourceOptions{.path = "apps/web"});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_EQ(rendered.error().message, "source path apps/web not found in memory tree");
}

TEST(DirectoryRendererTest, EmptyFolderRendersNothing) {
  MemoryTree tree(std::map<std::string, std::string>{{"app/README.md", "x"}});
  auto rendered = render_directory(tree, SourceOptions{.path = "app"});
  ASSERT_TRUE(rendered.ok());
  EXPECT_TRUE(rendered->objects.empty());
  EXPECT_EQ(rendered->raw, "");
}

TEST(RendererTest, AutoDispatchesToTheDetectedRenderer) {
  MemoryTree tree({{"app/a.yaml", config_map("a")}});
  auto rendered = render(tree, SourceOptions{.path = "app"});
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(rendered->type, SourceType::directory);
  EXPECT_EQ(summary(rendered->objects), (std::vector<std::string>{"app/a.yaml a"}));
}

TEST(RendererTest, ChartFoldersGoToTheHelmRenderer) {
  MemoryTree tree(std::map<std::string, std::string>{{"charts/web/Chart.yaml", "name: web\n"}});
  auto rendered = render(tree, SourceOptions{.path = "./charts/web"});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_EQ(rendered.error().message,
            "rendering helm chart charts/web: validation: chart.metadata.version is required");
}

}  // namespace
}  // namespace gitops::render
