// parse_yaml_stream on large streams, which it parses in pieces cut at "---" lines: the result,
// origins and error positions are those of one pass over the whole stream.
#include <gtest/gtest.h>

#include "core/yaml.h"
#include "core/yaml_parse_steps.h"

namespace gitops::core {
namespace {

// `count` ConfigMaps of 10 lines each, every one preceded by "---".
std::string config_maps(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-" + std::to_string(i) +
            "\ndata:\n  a: \"1\"\n  b: |\n    " + std::string(100, 'x') + "\n  c: yes\n";
  }
  return text;
}

TEST(YamlStream, LargeStreamKeepsOrderAndOrigins) {
  std::string text = config_maps(12000);
  ASSERT_GT(text.size(), 1u << 20);
  auto documents = parse_yaml_stream(text, "big.yaml");
  ASSERT_TRUE(documents.ok()) << documents.error().message;
  ASSERT_EQ(documents->size(), 12000u);
  for (int i : {0, 1, 5999, 6000, 11999}) {
    const YamlDocument& document = (*documents)[i];
    EXPECT_EQ(document.value["metadata"]["name"], "cm-" + std::to_string(i));
    EXPECT_EQ(document.value["data"]["c"], true);
    EXPECT_EQ(document.origin.to_string(), "big.yaml:" + std::to_string(i * 10 + 2) + ":1");
  }
}

TEST(YamlStream, ErrorsInLaterPiecesNameTheirLine) {
  std::string text = config_maps(12000) + "---\na: [1\n";
  auto documents = parse_yaml_stream(text, "big.yaml");
  ASSERT_FALSE(documents.ok());
  EXPECT_EQ(documents.error().message, "big.yaml:120003:1: end of sequence flow not found");
  std::string early = "---\na: b: c\n" + config_maps(12000) + "---\na: [1\n";
  auto first = parse_yaml_stream(early, "big.yaml");
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().message, "big.yaml:2:5: illegal map value");
}

TEST(YamlStream, CutPointsStartDocumentMarkers) {
  std::string text = "a: 1\n---\nb: 2\n--- # c\nc: 3\n---x: 4\n---\nd: 5\n";
  EXPECT_EQ(yaml_cut_points(text, 2), (std::vector<std::size_t>{35}));
  EXPECT_EQ(yaml_cut_points(text, 4), (std::vector<std::size_t>{14, 35}));
  EXPECT_EQ(yaml_cut_points("a: 1\n", 4), (std::vector<std::size_t>{}));
  EXPECT_EQ(yaml_cut_points("%YAML 1.1\n---\na: 1\n---\nb: 2\n", 2), (std::vector<std::size_t>{}));
  EXPECT_EQ(yaml_cut_points("a: 1\n%TAG ! x\n---\nb: 2\n", 2), (std::vector<std::size_t>{}));
}

}  // namespace
}  // namespace gitops::core
