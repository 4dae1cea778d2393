// parse_values_yaml: YAML 1.1 scalars, float64 numbers, string keys, merge keys, errors.
#include "render/helm/values_yaml.h"

#include <gtest/gtest.h>

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Value;

Value parse(std::string_view text) {
  auto v = parse_values_yaml(text);
  EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
  return v.ok() ? *v : Value();
}

const Value& at(const Value& map, const std::string& key) { return map.as_map().at(key); }

TEST(ValuesYaml, NumbersAreFloat64) {
  Value v = parse("a: 1000000\nb: 0x1F\nc: 0755\nd: 1_000\ne: 1.5e3\nf: 08\n");
  for (const char* k : {"a", "b", "c", "d", "e", "f"}) EXPECT_EQ(at(v, k).kind(), Kind::float64) << k;
  EXPECT_EQ(at(v, "a").as_float(), 1e6);
  EXPECT_EQ(at(v, "b").as_float(), 31);
  EXPECT_EQ(at(v, "c").as_float(), 493);
  EXPECT_EQ(at(v, "d").as_float(), 1000);
  EXPECT_EQ(at(v, "e").as_float(), 1500);
  EXPECT_EQ(at(v, "f").as_float(), 8);
}

TEST(ValuesYaml, Yaml11BooleansAndNulls) {
  Value v = parse("a: yes\nb: off\nc: Y\nd: ~\ne: \"yes\"\nf: null\ng:\n");
  EXPECT_TRUE(at(v, "a").as_bool());
  EXPECT_FALSE(at(v, "b").as_bool());
  EXPECT_TRUE(at(v, "c").as_bool());
  EXPECT_TRUE(at(v, "d").is_nil());
  EXPECT_EQ(at(v, "e").as_string(), "yes");
  EXPECT_TRUE(at(v, "f").is_nil());
  EXPECT_TRUE(at(v, "g").is_nil());
}

TEST(ValuesYaml, KeysBecomeStrings) {
  Value v = parse("y: 1\nno: 2\n3: c\n");
  EXPECT_EQ(at(v, "true").as_float(), 1);
  EXPECT_EQ(at(v, "false").as_float(), 2);
  EXPECT_EQ(at(v, "3").as_string(), "c");
}

TEST(ValuesYaml, TimestampsAndVersionsStayStrings) {
  Value v = parse("t: 2001-12-14\nv: 1.2.3\n");
  EXPECT_EQ(at(v, "t").as_string(), "2001-12-14");
  EXPECT_EQ(at(v, "v").as_string(), "1.2.3");
}

TEST(ValuesYaml, MergeKeysLaterExplicitKeysWin) {
  Value v = parse("base: &b {p: 1, q: 2}\nout:\n  p: 0\n  <<: *b\n  q: 9\n");
  const Value& out = at(v, "out");
  EXPECT_EQ(at(out, "p").as_float(), 1);
  EXPECT_EQ(at(out, "q").as_float(), 9);
}

TEST(ValuesYaml, EmptyDocumentIsNil) {
  EXPECT_TRUE(parse("").is_nil());
  EXPECT_TRUE(parse("# only a comment\n").is_nil());
}

TEST(ValuesYaml, InvalidYamlNamesLine) {
  auto v = parse_values_yaml("a: b\nc: [d\n");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().kind, core::ErrorKind::source);
  EXPECT_EQ(v.error().message.rfind("error converting YAML to JSON: yaml: line ", 0), 0u);
}

TEST(ValuesYaml, BadMergeValueFails) {
  auto v = parse_values_yaml("a:\n  <<: 5\n");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().message,
            "error converting YAML to JSON: yaml: line 2: map merge requires map or sequence of "
            "maps as the value");
}

TEST(ValuesYaml, DeepCopyIsIndependent) {
  Value v = parse("a: {b: 1}\n");
  Value copy = deep_copy(v);
  at(copy, "a").map_mut()["b"] = Value::string("changed");
  EXPECT_EQ(at(at(v, "a"), "b").as_float(), 1);
}

}  // namespace
}  // namespace gitops::render::helm
