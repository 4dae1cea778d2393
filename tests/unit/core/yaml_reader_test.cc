// parse_yaml_stream: scalars resolve as sigs.k8s.io/yaml (go-yaml v2) resolves them, documents and
// origins, anchors, merge keys, tags, and error positions.
#include <gtest/gtest.h>

#include "core/yaml.h"

namespace gitops::core {
namespace {

// The JSON text of the single document of `yaml`; the error message when parsing fails.
std::string json_of(std::string_view yaml) {
  auto documents = parse_yaml_stream(yaml, "in.yaml");
  if (!documents) return "error: " + documents.error().message;
  if (documents->size() != 1) return "documents: " + std::to_string(documents->size());
  return (*documents)[0].value.dump();
}

// The JSON of the value of key "v" in `v: <scalar>`.
std::string scalar(std::string_view text) {
  std::string yaml = "v: " + std::string(text) + "\n";
  auto documents = parse_yaml_stream(yaml, "in.yaml");
  if (!documents) return "error: " + documents.error().message;
  return (*documents)[0].value["v"].dump();
}

TEST(YamlReader, BooleansAreYaml11Words) {
  for (const char* word : {"yes", "Yes", "YES", "y", "Y", "true", "True", "TRUE", "on", "On", "ON"}) {
    EXPECT_EQ(scalar(word), "true") << word;
  }
  for (const char* word : {"no", "No", "NO", "n", "N", "false", "False", "FALSE", "off", "Off", "OFF"}) {
    EXPECT_EQ(scalar(word), "false") << word;
  }
  for (const char* word : {"yEs", "tRUE", "oN", "nO", "fAlse", "Off!", "yess"}) {
    EXPECT_EQ(scalar(word), "\"" + std::string(word) + "\"") << word;
  }
}

TEST(YamlReader, NullForms) {
  EXPECT_EQ(scalar("~"), "null");
  EXPECT_EQ(scalar("null"), "null");
  EXPECT_EQ(scalar("Null"), "null");
  EXPECT_EQ(scalar("NULL"), "null");
  EXPECT_EQ(scalar(""), "null");
  EXPECT_EQ(scalar("nULL"), "\"nULL\"");
  EXPECT_EQ(json_of("a:\nb: ~\n"), R"({"a":null,"b":null})");
}

TEST(YamlReader, IntegersKeepExactValues) {
  EXPECT_EQ(scalar("0"), "0");
  EXPECT_EQ(scalar("42"), "42");
  EXPECT_EQ(scalar("-42"), "-42");
  EXPECT_EQ(scalar("+42"), "42");
  EXPECT_EQ(scalar("0x1F"), "31");
  EXPECT_EQ(scalar("0X1f"), "31");
  EXPECT_EQ(scalar("0o17"), "15");
  EXPECT_EQ(scalar("017"), "15");
  EXPECT_EQ(scalar("0b101"), "5");
  EXPECT_EQ(scalar("-0x10"), "-16");
  EXPECT_EQ(scalar("1_000_000"), "1000000");
  EXPECT_EQ(scalar("0x_ff"), "255");
  EXPECT_EQ(scalar("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(scalar("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(scalar("18446744073709551615"), "18446744073709551615");
  EXPECT_EQ(scalar("9223372036854775808"), "9223372036854775808");
}

TEST(YamlReader, IntegerTypesMatchNlohmannParsing) {
  auto documents = parse_yaml_stream("a: 5\nb: -5\nc: 18446744073709551615\n", "in.yaml");
  ASSERT_TRUE(documents.ok());
  const Json& value = (*documents)[0].value;
  EXPECT_TRUE(value["a"].is_number_unsigned());
  EXPECT_TRUE(value["b"].is_number_integer());
  EXPECT_FALSE(value["b"].is_number_unsigned());
  EXPECT_EQ(value["c"].get<std::uint64_t>(), 18446744073709551615ull);
  EXPECT_EQ(value, Json::parse(R"({"a":5,"b":-5,"c":18446744073709551615})"));
}

TEST(YamlReader, NumbersBeyondUint64BecomeFloatsAsInGoYaml) {
  EXPECT_EQ(scalar("18446744073709551616"), "1.8446744073709552e+19");
  EXPECT_EQ(scalar("-9223372036854775809"), "-9223372036854775808");
  EXPECT_EQ(scalar("123456789012345678901234567890"), "1.2345678901234568e+29");
  // Go's ParseFloat fails on overflow, so the text stays a string.
  EXPECT_EQ(scalar("1e400"), "\"1e400\"");
}

TEST(YamlReader, Floats) {
  EXPECT_EQ(scalar("1.5"), "1.5");
  EXPECT_EQ(scalar("-0.25"), "-0.25");
  EXPECT_EQ(scalar(".5"), "0.5");
  EXPECT_EQ(scalar("+.5"), "0.5");
  EXPECT_EQ(scalar("1e3"), "1000");
  EXPECT_EQ(scalar("1.0"), "1");
  EXPECT_EQ(scalar("2.5e-3"), "0.0025");
  EXPECT_EQ(scalar("1_000.5"), "1000.5");
  EXPECT_EQ(scalar("1e21"), "1e+21");
  EXPECT_EQ(scalar("08"), "8");  // not octal, so go-yaml reads a float
  EXPECT_EQ(scalar("1."), "1");
  EXPECT_EQ(scalar("1.2.3"), "\"1.2.3\"");
  EXPECT_EQ(scalar("1e"), "\"1e\"");
  EXPECT_EQ(scalar("._5"), "\"._5\"");
  EXPECT_EQ(scalar(".e5"), "\".e5\"");
}

TEST(YamlReader, InfinityAndNanCannotBecomeJson) {
  EXPECT_EQ(scalar(".inf"),
            "error: in.yaml:1:4: .inf cannot be converted to JSON: infinity and NaN are not JSON "
            "numbers");
  EXPECT_EQ(scalar("-.Inf"),
            "error: in.yaml:1:4: -.Inf cannot be converted to JSON: infinity and NaN are not JSON "
            "numbers");
  EXPECT_EQ(scalar(".NaN"),
            "error: in.yaml:1:4: .NaN cannot be converted to JSON: infinity and NaN are not JSON "
            "numbers");
  EXPECT_EQ(scalar(".iNf"), "\".iNf\"");
}

TEST(YamlReader, TimestampsAndOtherTextStayStrings) {
  EXPECT_EQ(scalar("2001-12-14"), "\"2001-12-14\"");
  EXPECT_EQ(scalar("2001-12-14T21:59:43.10-05:00"), "\"2001-12-14T21:59:43.10-05:00\"");
  EXPECT_EQ(scalar("1:20"), "\"1:20\"");
  EXPECT_EQ(scalar("12:30:45"), "\"12:30:45\"");
  EXPECT_EQ(scalar("v1.2.3"), "\"v1.2.3\"");
  EXPECT_EQ(scalar("0x"), "\"0x\"");
  EXPECT_EQ(scalar("-a"), "\"-a\"");
  EXPECT_EQ(scalar("<<"), "\"<<\"");
}

TEST(YamlReader, QuotedAndBlockScalarsAreAlwaysStrings) {
  EXPECT_EQ(scalar("\"true\""), "\"true\"");
  EXPECT_EQ(scalar("'1'"), "\"1\"");
  EXPECT_EQ(scalar("''"), "\"\"");
  EXPECT_EQ(scalar("\"~\""), "\"~\"");
  EXPECT_EQ(json_of("v: |\n  10\n"), R"({"v":"10\n"})");
  EXPECT_EQ(json_of("v: >-\n  yes\n"), R"({"v":"yes"})");
}

TEST(YamlReader, DoubleQuotedEscapes) {
  EXPECT_EQ(scalar("\"\\u00e9\\x41\\t\\0\""), "\"\xc3\xa9" "A\\t\\u0000\"");
  EXPECT_EQ(scalar("\"\\uD800x\""), "error: in.yaml:1:11: invalid unicode: 55296");
  // yaml-cpp decodes \N and \_ to bare bytes; the reader repairs them to U+0085 and U+00A0.
  EXPECT_EQ(scalar("\"a\\Nb\\_c\\Ld\""), "\"a\xc2\x85" "b\xc2\xa0" "c\xe2\x80\xa8" "d\"");
}

TEST(YamlReader, TagsAreHonoured) {
  EXPECT_EQ(scalar("!!str 10"), "\"10\"");
  EXPECT_EQ(scalar("!!str true"), "\"true\"");
  EXPECT_EQ(scalar("!!int \"10\""), "10");
  EXPECT_EQ(scalar("!!float 1"), "1");
  EXPECT_EQ(scalar("!!float 1.5"), "1.5");
  EXPECT_EQ(scalar("!!bool \"yes\""), "true");
  EXPECT_EQ(scalar("!!null ''"), "null");
  EXPECT_EQ(scalar("!!timestamp 2001-12-14"), "\"2001-12-14\"");
  EXPECT_EQ(scalar("!custom 10"), "\"10\"");
  EXPECT_EQ(scalar("! 10"), "\"10\"");
  EXPECT_EQ(scalar("!!binary aGVsbG8="), "\"hello\"");
  EXPECT_EQ(scalar("!!int abc"), "error: in.yaml:1:4: cannot decode !!str `abc` as a !!int");
  EXPECT_EQ(scalar("!!bool 1"), "error: in.yaml:1:4: cannot decode !!int `1` as a !!bool");
  EXPECT_EQ(scalar("!!binary a*b"), "error: in.yaml:1:4: !!binary value contains invalid base64 data");
}

TEST(YamlReader, NonStringKeysBecomeStrings) {
  EXPECT_EQ(json_of("1: a\n0x10: b\ntrue: c\nno: d\n1.5: e\n1e6: f\n"),
            R"({"1":"a","1.5":"e","16":"b","1e+06":"f","false":"d","true":"c"})");
  EXPECT_EQ(json_of("x: 1\ny: 2\n"), R"({"true":2,"x":1})");
  EXPECT_EQ(json_of("on: push\n"), R"({"true":"push"})");
  EXPECT_EQ(json_of("\"on\": push\n"), R"({"on":"push"})");
  EXPECT_EQ(json_of("3.14159265358979: pi\n"), R"({"3.1415927":"pi"})");
  // Go formats float keys at 32-bit precision, so a key beyond float32's range reads as .inf.
  EXPECT_EQ(json_of("1e39: big\n"), R"({".inf":"big"})");
}

TEST(YamlReader, BadKeysAreErrors) {
  EXPECT_EQ(json_of("~: a\n"), "error: in.yaml:1:1: map key null is not supported");
  EXPECT_EQ(json_of("? [a]\n: b\n"), "error: in.yaml:1:3: a map or a list cannot be a map key");
  EXPECT_EQ(json_of("? {a: 1}\n: b\n"), "error: in.yaml:1:3: a map or a list cannot be a map key");
}

TEST(YamlReader, DuplicateKeysKeepTheLastValue) {
  EXPECT_EQ(json_of("a: 1\nb: 2\na: 3\n"), R"({"a":3,"b":2})");
}

TEST(YamlReader, AnchorsAndAliases) {
  EXPECT_EQ(json_of("a: &x {k: v}\nb: *x\nc: &s text\nd: *s\n"),
            R"({"a":{"k":"v"},"b":{"k":"v"},"c":"text","d":"text"})");
  EXPECT_EQ(json_of("- &n 1\n- *n\n- &k key\n- {*k : 2}\n"), R"([1,1,"key",{"key":2}])");
}

TEST(YamlReader, UnknownAliasIsAnError) {
  EXPECT_EQ(json_of("a: *missing\n"), "error: in.yaml:1:4: the referenced anchor is not defined");
}

TEST(YamlReader, AliasToItsOwnAncestorIsAnError) {
  EXPECT_EQ(json_of("a: &x\n  b: *x\n"), "error: in.yaml:2:6: alias refers to a node that contains it");
}

TEST(YamlReader, MergeKeysFollowGoYamlV2) {
  EXPECT_EQ(json_of("base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\n"),
            R"({"base":{"a":1,"b":2},"m":{"a":1,"b":3}})");
  // go-yaml v2 decodes the merged map into the current one, so it overwrites earlier keys.
  EXPECT_EQ(json_of("base: &b {x: 1}\nm:\n  x: 0\n  <<: *b\n"), R"({"base":{"x":1},"m":{"x":1}})");
  EXPECT_EQ(json_of("a: &a {x: 1, z: 1}\nb: &b {x: 2, w: 2}\nm:\n  <<: [*a, *b]\n"),
            R"({"a":{"x":1,"z":1},"b":{"w":2,"x":2},"m":{"w":2,"x":1,"z":1}})");
  EXPECT_EQ(json_of("m:\n  \"<<\": {x: 1}\n"), R"({"m":{"<<":{"x":1}}})");
  EXPECT_EQ(json_of("m:\n  <<: 5\n"),
            "error: in.yaml:2:7: map merge requires map or sequence of maps as the value");
  EXPECT_EQ(json_of("m:\n  <<: [1]\n"),
            "error: in.yaml:2:7: map merge requires map or sequence of maps as the value");
}

TEST(YamlReader, JsonInput) {
  EXPECT_EQ(json_of(R"({"apiVersion":"v1","kind":"ConfigMap","data":{"a":"1","b":true},"n":[1,2.5,null]})"),
            R"({"apiVersion":"v1","data":{"a":"1","b":true},"kind":"ConfigMap","n":[1,2.5,null]})");
}

TEST(YamlReader, MultiDocumentStreamsWithOrigins) {
  auto documents = parse_yaml_stream("a: 1\n---\n---\n# c\nb: 2\n...\n---\n  - x\n", "d.yaml");
  ASSERT_TRUE(documents.ok()) << documents.error().message;
  ASSERT_EQ(documents->size(), 4u);
  EXPECT_EQ((*documents)[0].value.dump(), R"({"a":1})");
  EXPECT_EQ((*documents)[0].origin.to_string(), "d.yaml:1:1");
  EXPECT_TRUE((*documents)[1].value.is_null());
  EXPECT_EQ((*documents)[2].value.dump(), R"({"b":2})");
  EXPECT_EQ((*documents)[2].origin.to_string(), "d.yaml:5:1");
  EXPECT_EQ((*documents)[3].value.dump(), R"(["x"])");
  EXPECT_EQ((*documents)[3].origin.to_string(), "d.yaml:8:3");
}

TEST(YamlReader, EmptyStreamHasNoDocuments) {
  auto documents = parse_yaml_stream("", "e.yaml");
  ASSERT_TRUE(documents.ok());
  EXPECT_TRUE(documents->empty());
  auto comments = parse_yaml_stream("# only a comment\n", "e.yaml");
  ASSERT_TRUE(comments.ok());
  EXPECT_TRUE(comments->empty());
}

TEST(YamlReader, SyntaxErrorsNameFileLineAndColumn) {
  auto result = parse_yaml_stream("a: 1\nb: [1, 2\n", "deploy.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::source);
  EXPECT_EQ(result.error().message, "deploy.yaml:3:1: end of sequence flow not found");
  auto bad_map = parse_yaml_stream("a: 1\n  b: 2: 3\n", "deploy.yaml");
  ASSERT_FALSE(bad_map.ok());
  EXPECT_EQ(bad_map.error().message, "deploy.yaml:2:4: illegal map value");
}

TEST(YamlReader, StrayFlowTokenIsAnErrorNotAnEndlessStream) {
  EXPECT_EQ(json_of(", : \"xk\\t:"), "error: in.yaml:1:1: did not find expected node content");
}

}  // namespace
}  // namespace gitops::core
