// Source types by name, and auto detection from the names at the top of the source folder.
#include "render/detect.h"

#include <gtest/gtest.h>

#include "render/local_tree.h"
#include "tests/support/process.h"

namespace gitops::render {
namespace {

TEST(SourceTypeTest, NamesRoundTrip) {
  for (SourceType type : {SourceType::auto_, SourceType::directory, SourceType::kustomize,
                          SourceType::helm, SourceType::jsonnet}) {
    auto parsed = parse_source_type(to_string(type));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, type);
  }
  EXPECT_EQ(to_string(SourceType::auto_), "auto");
  EXPECT_EQ(to_string(SourceType::kustomize), "kustomize");
}

TEST(SourceTypeTest, UnknownNameIsAUsageError) {
  auto parsed = parse_source_type("Helm");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(parsed.error().message,
            "unknown source type \"Helm\": expected auto, directory, kustomize, helm or jsonnet");
}

class DetectTest : public ::testing::Test {
 protected:
  SourceType detect(const std::string& path = "app") {
    auto tree = LocalTree::open(m_dir.path());
    EXPECT_TRUE(tree.ok());
    auto type = detect_source_type(*tree, path);
    EXPECT_TRUE(type.ok()) << type.error().message;
    return type.ok() ? *type : SourceType::auto_;
  }
  testing::TempDir m_dir;
};

TEST_F(DetectTest, ChartYamlWinsOverEverything) {
  m_dir.write("app/Chart.yaml", "name: x\n");
  m_dir.write("app/kustomization.yaml", "resources: []\n");
  m_dir.write("app/main.jsonnet", "{}");
  EXPECT_EQ(detect(), SourceType::helm);
}

TEST_F(DetectTest, EachKustomizationNameMeansKustomize) {
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    testing::TempDir dir;
    dir.write(std::string("app/") + name, "resources: []\n");
    dir.write("app/main.jsonnet", "{}");
    auto tree = LocalTree::open(dir.path());
    ASSERT_TRUE(tree.ok());
    EXPECT_EQ(*detect_source_type(*tree, "app"), SourceType::kustomize) << name;
  }
}

TEST_F(DetectTest, JsonnetAtTheTopMeansJsonnet) {
  m_dir.write("app/x.jsonnet", "{}");
  m_dir.write("app/a.yaml", "a: 1\n");
  EXPECT_EQ(detect(), SourceType::jsonnet);
}

TEST_F(DetectTest, JsonnetOnlyInASubFolderIsADirectory) {
  m_dir.write("app/lib/x.jsonnet", "{}");
  m_dir.write("app/a.yaml", "a: 1\n");
  m_dir.write("app/sub/Chart.yaml", "name: x\n");
  EXPECT_EQ(detect(), SourceType::directory);
}

TEST_F(DetectTest, AFolderNamedLikeAMarkerDoesNotCount) {
  m_dir.write("app/Chart.yaml/x", "");
  m_dir.write("app/.jsonnet", "{}");
  EXPECT_EQ(detect(), SourceType::directory);
}

TEST_F(DetectTest, RootPathDetects) {
  m_dir.write("kustomization.yml", "resources: []\n");
  EXPECT_EQ(detect("."), SourceType::kustomize);
  EXPECT_EQ(detect(""), SourceType::kustomize);
}

TEST_F(DetectTest, MissingFolderIsASourceError) {
  m_dir.write("app/a.yaml", "a: 1\n");
  auto tree = LocalTree::open(m_dir.path());
  ASSERT_TRUE(tree.ok());
  auto type = detect_source_type(*tree, "apps/web");
  ASSERT_FALSE(type.ok());
  EXPECT_EQ(type.error().kind, core::ErrorKind::source);
  EXPECT_EQ(type.error().message,
            "source path apps/web not found in folder " + m_dir.path().string());
  auto file = detect_source_type(*tree, "app/a.yaml");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().message, "source path app/a.yaml in folder " + m_dir.path().string() +
                                      " is a file, not a folder");
  auto escape = detect_source_type(*tree, "../x");
  ASSERT_FALSE(escape.ok());
  EXPECT_EQ(escape.error().message, "source path ../x leaves the repository");
}

TEST_F(DetectTest, ResolveKeepsAnExplicitType) {
  m_dir.write("app/Chart.yaml", "name: x\n");
  auto tree = LocalTree::open(m_dir.path());
  ASSERT_TRUE(tree.ok());
  SourceOptions options{.type = SourceType::directory, .path = "app"};
  EXPECT_EQ(*resolve_source_type(*tree, options), SourceType::directory);
  options.type = SourceType::auto_;
  EXPECT_EQ(*resolve_source_type(*tree, options), SourceType::helm);
}

}  // namespace
}  // namespace gitops::render
