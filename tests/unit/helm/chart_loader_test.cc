// load_chart / load_chart_archive: folders, .helmignore, subcharts, archives and refusals.
#include "render/helm/chart_loader.h"

#include <gtest/gtest.h>

#include "render/helm/archive.h"
#include "tests/unit/helm/chart_test_tree.h"

namespace gitops::render::helm {
namespace {

using testing::make_tgz;
using testing::MemoryTree;
using testing::TarEntry;
using Files = std::map<std::string, std::string>;

const char* k_chart_yaml = "apiVersion: v2\nname: app\nversion: 0.1.0\n";

std::vector<std::string> names(const std::vector<ChartFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.name);
  return out;
}

TEST(ChartLoader, SortsFilesIntoTheChart) {
  MemoryTree tree({{"app/Chart.yaml", k_chart_yaml},
                   {"app/values.yaml", "a: 1\n"},
                   {"app/values.schema.json", "{}"},
                   {"app/templates/t.yaml", "x"},
                   {"app/templates/.hidden", "x"},
                   {"app/crds/c.yaml", "c"},
                   {"app/files/f.txt", "\xEF\xBB\xBF" "bom"},
                   {"app/.helmignore", "*.bak\n"},
                   {"app/old.bak", "x"}});
  auto chart = load_chart(tree, "app");
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  EXPECT_EQ((*chart)->name(), "app");
  EXPECT_EQ((*chart)->schema, "{}");
  EXPECT_EQ(names((*chart)->templates), std::vector<std::string>{"templates/t.yaml"});
  EXPECT_EQ(names((*chart)->files),
            (std::vector<std::string>{".helmignore", "crds/c.yaml", "files/f.txt"}));
  EXPECT_EQ((*chart)->files[2].data, "bom");
  EXPECT_EQ((*chart)->values.as_map().at("a").as_float(), 1);
}

TEST(ChartLoader, ChartAtTheRootOfTheTree) {
  MemoryTree tree({{"Chart.yaml", k_chart_yaml},
                   {"templates/t.yaml", "x"},
                   {"charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.2.0\n"},
                   {"charts/sub/templates/s.yaml", "s"},
                   {"files/f.txt", "f"}});
  for (const char* path : {".", "", "./"}) {
    auto chart = load_chart(tree, path);
    ASSERT_TRUE(chart.ok()) << chart.error().message;
    EXPECT_EQ(names((*chart)->templates), std::vector<std::string>{"templates/t.yaml"});
    EXPECT_EQ(names((*chart)->files), std::vector<std::string>{"files/f.txt"});
    ASSERT_EQ((*chart)->dependencies.size(), 1u);
    EXPECT_EQ(names((*chart)->dependencies[0]->templates),
              std::vector<std::string>{"templates/s.yaml"});
  }
}

TEST(ChartLoader, SubchartsFromFoldersAndArchives) {
  std::string tgz = make_tgz({{"whatever/Chart.yaml", "apiVersion: v2\nname: packed\nversion: 1.0.0\n"},
                              {"whatever/templates/p.yaml", "p"}});
  MemoryTree tree({{"app/Chart.yaml", k_chart_yaml},
                   {"app/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.2.0\n"},
                   {"app/charts/packed-1.0.0.tgz", tgz},
                   {"app/charts/_skipped/Chart.yaml", "not: loaded"}});
  auto chart = load_chart(tree, "app");
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  ASSERT_EQ((*chart)->dependencies.size(), 2u);
  EXPECT_EQ((*chart)->dependencies[0]->name(), "packed");
  EXPECT_EQ((*chart)->dependencies[0]->full_path(), "app/charts/packed");
  EXPECT_EQ((*chart)->dependencies[1]->name(), "sub");
}

TEST(ChartLoader, MetadataErrors) {
  auto missing = load_chart(MemoryTree(Files{{"app/values.yaml", ""}}), "app");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "Chart.yaml file is missing");
  auto no_version = load_chart(MemoryTree(Files{{"app/Chart.yaml", "apiVersion: v2\nname: a\n"}}), "app");
  EXPECT_EQ(no_version.error().message, "validation: chart.metadata.version is required");
  auto bad_version =
      load_chart(MemoryTree(Files{{"app/Chart.yaml", "apiVersion: v2\nname: a\nversion: x.y\n"}}), "app");
  EXPECT_EQ(bad_version.error().message, "validation: chart.metadata.version \"x.y\" is invalid");
  auto bad_type = load_chart(
      MemoryTree(Files{{"app/Chart.yaml", "apiVersion: v2\nname: a\nversion: 1.0.0\ntype: x\n"}}), "app");
  EXPECT_EQ(bad_type.error().message, "validation: chart.metadata.type must be application or library");
  auto bad_name = load_chart(
      MemoryTree(Files{{"app/Chart.yaml", "apiVersion: v2\nname: [a]\nversion: 1.0.0\n"}}), "app");
  EXPECT_EQ(bad_name.error().message,
            "cannot load Chart.yaml: error unmarshaling JSON: json: cannot unmarshal array into Go "
            "struct field Metadata.name of type string");
}

TEST(ChartLoader, MissingApiVersionDefaultsToV1AndReadsRequirements) {
  MemoryTree tree({{"app/Chart.yaml", "name: app\nversion: 1.0.0\nappVersion: 1.10\n"},
                   {"app/requirements.yaml", "dependencies:\n- name: sub\n  version: 1.x\n"}});
  auto chart = load_chart(tree, "app");
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  EXPECT_EQ((*chart)->metadata->api_version, "v1");
  EXPECT_EQ((*chart)->metadata->app_version, "1.1");
  ASSERT_EQ((*chart)->metadata->dependencies.size(), 1u);
  EXPECT_EQ((*chart)->metadata->dependencies[0]->version, "1.x");
  EXPECT_EQ(names((*chart)->files), std::vector<std::string>{"requirements.yaml"});
}

TEST(ChartLoader, SubchartErrorsNameTheSubchart) {
  MemoryTree tree({{"app/Chart.yaml", k_chart_yaml}, {"app/charts/sub/Chart.yaml", "name: sub\n"}});
  auto chart = load_chart(tree, "app");
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().message,
            "error unpacking sub in app: validation: chart.metadata.version is required");
}

TEST(ChartArchive, RefusesEscapesAndLinks) {
  auto parent = read_chart_archive(make_tgz({{"c/../../etc/passwd", "x"}}));
  ASSERT_FALSE(parent.ok());
  EXPECT_EQ(parent.error().message, "chart illegally references parent directory");
  auto absolute = read_chart_archive(make_tgz({{"/etc/passwd", "x"}}));
  EXPECT_EQ(absolute.error().message, "chart illegally contains absolute paths");
  auto hard = read_chart_archive(make_tgz({{"c/Chart.yaml", "x"}, {"c/link", "", AE_IFREG, "c/Chart.yaml"}}));
  EXPECT_EQ(hard.error().message, "chart archive entry c/link is a hard link, which is not allowed");
  auto symlink = read_chart_archive(make_tgz({{"c/link", "", AE_IFLNK}}));
  EXPECT_EQ(symlink.error().message, "chart archive entry c/link is not a regular file");
  auto top = read_chart_archive(make_tgz({{"Chart.yaml", "x"}}));
  EXPECT_EQ(top.error().message,
            "chart illegally contains content outside the base directory: \"Chart.yaml\"");
  auto empty = read_chart_archive(make_tgz({}));
  EXPECT_EQ(empty.error().message, "no files in chart archive");
  auto garbage = read_chart_archive("not a gzip stream");
  EXPECT_FALSE(garbage.ok());
}

TEST(ChartArchive, DecompressionBombIsRefused) {
  std::string big(k_max_archive_bytes / 2 + 1, 'a');
  auto files = read_chart_archive(make_tgz({{"c/a", big}, {"c/b", big}}));
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.error().message, "chart archive is larger than 104857600 bytes once decompressed");
}

}  // namespace
}  // namespace gitops::render::helm
