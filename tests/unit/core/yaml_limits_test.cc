// The reader's defences against hostile input: alias bombs, deep nesting, huge documents and
// invalid UTF-8 each end in a source error naming the position, with bounded work.
#include <gtest/gtest.h>

#include "core/yaml.h"

namespace gitops::core {
namespace {

std::string error_of(std::string_view yaml, const YamlLimits& limits = {}) {
  auto result = parse_yaml_stream(yaml, "in.yaml", limits);
  if (result.ok()) return "ok";
  EXPECT_EQ(result.error().kind, ErrorKind::source);
  return result.error().message;
}

// The classic "billion laughs": nine levels, each a list of nine aliases to the level below.
std::string billion_laughs() {
  std::string yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  char previous = 'a';
  for (char level = 'b'; level <= 'i'; ++level) {
    yaml += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 9; ++i) yaml += std::string(i ? "," : "") + "*" + previous;
    yaml += "]\n";
    previous = level;
  }
  return yaml;
}

TEST(YamlLimits, AliasBombIsRefusedAsExcessiveAliasing) {
  EXPECT_EQ(error_of(billion_laughs()), "in.yaml:4:11: document contains excessive aliasing");
}

TEST(YamlLimits, AliasBombStopsAtTheNodeLimitBeforeCopying) {
  YamlLimits limits;
  limits.max_nodes = 500;
  EXPECT_EQ(error_of(billion_laughs(), limits),
            "in.yaml:3:20: document has more than 500 nodes after expanding aliases");
}

TEST(YamlLimits, NodeLimitCountsKeysAndExpandedAliases) {
  YamlLimits limits;
  limits.max_nodes = 12;  // root, a, [1, 2, 3], b, *a (4 nodes) = 11
  EXPECT_EQ(error_of("a: &a [1, 2, 3]\nb: *a\n", limits), "ok");
  EXPECT_EQ(error_of("a: &a [1, 2, 3]\nb: *a\nc: *a\n", limits),
            "in.yaml:3:4: document has more than 12 nodes after expanding aliases");
}

TEST(YamlLimits, NodeLimitCountsEachDocumentAlone) {
  YamlLimits limits;
  limits.max_nodes = 5;
  EXPECT_EQ(error_of("a: [1, 2]\n---\nb: [1, 2]\n", limits), "ok");
  EXPECT_EQ(error_of("a: [1, 2, 3]\n", limits),
            "in.yaml:1:11: document has more than 5 nodes after expanding aliases");
}

TEST(YamlLimits, ModerateAliasUseIsAccepted) {
  std::string yaml = "base: &b {cpu: 100m, memory: 128Mi}\nitems:\n";
  for (int i = 0; i < 200; ++i) yaml += "- {name: c" + std::to_string(i) + ", <<: *b}\n";
  auto result = parse_yaml_stream(yaml, "in.yaml");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ((*result)[0].value["items"].size(), 200u);
  EXPECT_EQ((*result)[0].value["items"][7].dump(), R"({"cpu":"100m","memory":"128Mi","name":"c7"})");
}

TEST(YamlLimits, DeepFlowNestingIsRefusedBeforeItRecurses) {
  std::string deep(100000, '[');
  EXPECT_EQ(error_of(deep), "in.yaml:1:257: nesting deeper than 256 levels");
  std::string closed = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(error_of(closed), "in.yaml:1:257: nesting deeper than 256 levels");
  std::string maps;
  for (int i = 0; i < 100000; ++i) maps += "{a: ";
  EXPECT_EQ(error_of(maps), "in.yaml:1:1025: nesting deeper than 256 levels");
}

TEST(YamlLimits, FlowPrescanIgnoresBracketsThatAreText) {
  std::string brackets(300, '[');
  EXPECT_EQ(error_of("a: \"" + brackets + "\"\n"), "ok");
  EXPECT_EQ(error_of("a: '" + brackets + "'\n"), "ok");
  EXPECT_EQ(error_of("a: 'it''s " + brackets + "'\n"), "ok");
  EXPECT_EQ(error_of("a: \"\\\" " + brackets + "\"\n"), "ok");
  EXPECT_EQ(error_of("# " + brackets + "\na: 1\n"), "ok");
  EXPECT_EQ(error_of("a: 1 # " + brackets + "\n"), "ok");
  EXPECT_EQ(error_of("a: b" + brackets + "\n"), "ok");
  EXPECT_EQ(error_of("a: |\n  x" + brackets + "\n"), "ok");
  EXPECT_EQ(error_of("a: [\"" + brackets + "\", '" + brackets + "']\n"), "ok");
}

TEST(YamlLimits, FlowPrescanCountsPerDocument) {
  // 100 + 200 open brackets would pass the limit if the count went on across documents.
  EXPECT_EQ(error_of("a: " + std::string(100, '[') + "\n---\nb: " + std::string(200, '[') +
                     std::string(200, ']') + "\n"),
            "in.yaml:2:1: end of sequence flow not found");
}

TEST(YamlLimits, DeepBlockNestingIsRefused) {
  std::string dashes;
  for (int i = 0; i < 50000; ++i) dashes += "- ";
  dashes += "x\n";
  EXPECT_EQ(error_of(dashes), "in.yaml:1:513: nesting deeper than 256 levels");
  std::string indented;
  for (int i = 0; i < 600; ++i) indented += std::string(i, ' ') + "k:\n";
  EXPECT_EQ(error_of(indented), "in.yaml:257:257: nesting deeper than 256 levels");
}

TEST(YamlLimits, NestingAtTheLimitIsAccepted) {
  std::string yaml = std::string(256, '[') + std::string(256, ']');
  auto result = parse_yaml_stream(yaml, "in.yaml");
  ASSERT_TRUE(result.ok()) << result.error().message;
  YamlLimits limits;
  limits.max_depth = 255;
  EXPECT_EQ(error_of(yaml, limits), "in.yaml:1:256: nesting deeper than 255 levels");
}

TEST(YamlLimits, DepthBeyondTheParsersOwnLimitActsAsItsLimit) {
  YamlLimits limits;
  limits.max_depth = 1000;
  std::string ok = std::string(498, '[') + "x" + std::string(498, ']');
  EXPECT_EQ(error_of(ok, limits), "ok");
  std::string deep(600, '[');
  EXPECT_EQ(error_of(deep, limits), "in.yaml:1:499: nesting deeper than 498 levels");
}

TEST(YamlLimits, OversizedDocumentIsRefusedBeforeParsing) {
  std::string big = "a: \"" + std::string(17u << 20, 'x') + "\"\n";
  EXPECT_EQ(error_of(big), "in.yaml:1:1: document is larger than the limit of 16 MiB");
  std::string second = "a: 1\n---\nb: \"" + std::string(17u << 20, 'x') + "\"\n";
  EXPECT_EQ(error_of(second), "in.yaml:2:1: document is larger than the limit of 16 MiB");
}

TEST(YamlLimits, DocumentSizeLimitIsPerDocument) {
  YamlLimits limits;
  limits.max_document_bytes = 100;
  std::string doc = "a: \"" + std::string(80, 'x') + "\"\n";
  EXPECT_EQ(error_of(doc + "---\n" + doc + "---\n" + doc, limits), "ok");
  EXPECT_EQ(error_of(doc + doc, limits), "in.yaml:1:1: document is larger than the limit of 100 bytes");
}

TEST(YamlLimits, InvalidUtf8IsReportedAtItsPosition) {
  EXPECT_EQ(error_of("a: 1\nb: x\xff\n"), "in.yaml:2:5: invalid UTF-8 (byte 0xff at offset 9)");
  EXPECT_EQ(error_of("\xc3\x28"), "in.yaml:1:1: invalid UTF-8 (byte 0xc3 at offset 0)");
  EXPECT_EQ(error_of("a: \xed\xa0\x80\n"), "in.yaml:1:4: invalid UTF-8 (byte 0xed at offset 3)");
  EXPECT_EQ(error_of("a: \xc0\xaf\n"), "in.yaml:1:4: invalid UTF-8 (byte 0xc0 at offset 3)");
  EXPECT_EQ(error_of("a: \xf4\x90\x80\x80\n"), "in.yaml:1:4: invalid UTF-8 (byte 0xf4 at offset 3)");
  EXPECT_EQ(error_of("a: \xe2\x82\n"), "in.yaml:1:4: invalid UTF-8 (byte 0xe2 at offset 3)");
  EXPECT_EQ(error_of("a: \"\xe2\x82\xac \xf0\x9f\x98\x80\"\n"), "ok");
}

TEST(YamlLimits, ControlCharactersAreRefused) {
  // Leading NUL bytes would also make yaml-cpp guess UTF-16 or UTF-32.
  EXPECT_EQ(error_of(std::string("\0\0\0\x07a: 1", 8)),
            "in.yaml:1:1: control characters are not allowed (byte 0x00 at offset 0)");
  EXPECT_EQ(error_of("a: 1\nb: x\x01\n"),
            "in.yaml:2:5: control characters are not allowed (byte 0x01 at offset 9)");
  EXPECT_EQ(error_of("a: \x7f\n"),
            "in.yaml:1:4: control characters are not allowed (byte 0x7f at offset 3)");
  EXPECT_EQ(error_of("a: \xc2\x80\n"),
            "in.yaml:1:4: control characters are not allowed (byte 0xc2 at offset 3)");
  EXPECT_EQ(error_of("a: \xef\xbf\xbf\n"),
            "in.yaml:1:4: control characters are not allowed (byte 0xef at offset 3)");
  EXPECT_EQ(error_of("a:\tb\r\nc: \xc2\x85 \xc2\xa0 \xef\xbb\xbf\n"), "ok");
}

}  // namespace
}  // namespace gitops::core
