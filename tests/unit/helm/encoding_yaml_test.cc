// toYaml (go-yaml v2 after a JSON round trip) and fromYaml/fromYamlArray.
#include "render/helm/yaml_encode.h"
#include "render/helm/yaml_encode_scalar.h"
#include "tests/unit/helm/sprig_fixture.h"

namespace gitops::render::helm::testing {
namespace {

using YamlTest = SprigTest;

std::string scalar(std::string_view s) { return yaml_scalar(s, 2, Context::value); }

TEST_F(YamlTest, NestingKeyOrderAndIndentation) {
  Value v = M({{"spec", M({{"ports", L({M({{"port", F(80)}, {"name", S("http")}}), S("x"), L({I(1), I(2)})})},
                            {"empty", M({})}, {"none", L({})}})},
               {"api", S("v1")}});
  EXPECT_EQ(run("toYaml", {v}),
            "api: v1\n"
            "spec:\n"
            "  empty: {}\n"
            "  none: []\n"
            "  ports:\n"
            "  - name: http\n"
            "    port: 80\n"
            "  - x\n"
            "  - - 1\n"
            "    - 2");
}

TEST_F(YamlTest, TopLevelForms) {
  EXPECT_EQ(run("toYaml", {M({})}), "{}");
  EXPECT_EQ(run("toYaml", {L({})}), "[]");
  EXPECT_EQ(run("toYaml", {Value()}), "null");
  EXPECT_EQ(run("toYaml", {S("")}), "\"\"");
  EXPECT_EQ(run("toYaml", {S("plain")}), "plain");
  EXPECT_EQ(run("toYaml", {L({S("a"), M({})})}), "- a\n- {}");
  EXPECT_EQ(run("toYaml", {S("a\nb")}), "|-\n  a\n  b");
}

TEST_F(YamlTest, Numbers) {
  EXPECT_EQ(run("toYaml", {M({{"i", I(3)}, {"big", F(1e6)}, {"half", F(0.5)}, {"tiny", F(1e-7)},
                              {"huge", F(1e21)}, {"i64", I64(-9)}, {"t", B(true)}})}),
            "big: 1000000\nhalf: 0.5\nhuge: 1e+21\ni: 3\ni64: -9\nt: true\ntiny: 1e-07");
  EXPECT_EQ(run("toYaml", {F(std::nan(""))}), "");
}

TEST_F(YamlTest, StringsThatReadAsOtherTypesAreDoubleQuoted) {
  for (const char* s : {"true", "Off", "y", "NULL", "~", "", "42", "-7", "0644", "0x1F", "2e5", "3_000",
                        ".25", "2024-02-29", "2024-2-9 1:02:03", "10:20", "1.5", ".Inf", "<<", "0b101"}) {
    EXPECT_EQ(scalar(s), "\"" + std::string(s) + "\"") << s;
  }
}

TEST_F(YamlTest, IndicatorsForceSingleQuotes) {
  for (const char* s : {"k: v", "#x", "x #y", "- y", " pad", "pad ", "*ref", "&a", "!t", "%p", "@a", "`b",
                        "{x}", "[y]", "|", ">", "? q", "q:", "---", "..."}) {
    EXPECT_EQ(scalar(s), "'" + std::string(s) + "'") << s;
  }
  EXPECT_EQ(scalar("don't 'x"), "don't 'x");
  EXPECT_EQ(scalar("'q"), "'''q'");
}

TEST_F(YamlTest, PlainWhenNothingInterferes) {
  for (const char* s : {"k:v", "x# y", "-y", "a, b", "say \"q\"", ".", "=", "<a>", "?y", ":z", "text here",
                        "9lives", "0o", "1.2.3", "2024-13", "h\xc3\xa9llo \xe2\x9c\x93"}) {
    EXPECT_EQ(scalar(s), s) << s;
  }
}

TEST_F(YamlTest, MultilineAndSpecialCharacters) {
  EXPECT_EQ(scalar("a\nb"), "|-\n  a\n  b");
  EXPECT_EQ(scalar("a\nb\n"), "|\n  a\n  b");
  EXPECT_EQ(scalar("a\n\n"), "|+\n  a\n");
  EXPECT_EQ(scalar("  x\ny"), "|2-\n    x\n  y");
  EXPECT_EQ(scalar("\n"), "|2+\n");
  EXPECT_EQ(scalar("a\n\nb"), "|-\n  a\n\n  b");
  EXPECT_EQ(scalar("a \nb"), "\"a \\nb\"");
  EXPECT_EQ(scalar("a\r\nb"), "\"a\\r\\nb\"");
  EXPECT_EQ(scalar("tab\there"), "\"tab\\there\"");
  EXPECT_EQ(scalar("x \n"), "\"x \\n\"");
  EXPECT_EQ(scalar("smile \xf0\x9f\x98\x80"), "\"smile \\U0001F600\"");
  EXPECT_EQ(scalar("bell\x07" "esc\x1b" "nul"), "\"bell\\aesc\\enul\"");
  EXPECT_EQ(scalar("\xef\xbb\xbf" "bom"), "\"\\uFEFFbom\"");
  EXPECT_EQ(yaml_scalar("a\nb", 2, Context::simple_key), "\"a\\nb\"");
  EXPECT_EQ(yaml_scalar("", 2, Context::simple_key), "\"\"");
}

TEST_F(YamlTest, ControlCharactersJsonDoesNotEscapeGiveEmptyOutput) {
  EXPECT_EQ(run("toYaml", {M({{"a", S("del\x7f")}})}), "");
  EXPECT_EQ(run("toYaml", {M({{"c1\xc2\x80", S("x")}})}), "");
  EXPECT_EQ(run("toYaml", {M({{"a", S("nel\xc2\x85")}})}), "a: 'nel '");
  EXPECT_EQ(run("toYaml", {M({{"a", S("x \xc2\x85  y\xc2\x85\xc2\x85z")}})}), "a: |-\n  x y\n  z");
  EXPECT_EQ(run("toYaml", {M({{"ls", S("a\xe2\x80\xa8" "b")}})}), "ls: 'a\xe2\x80\xa8  b'");
  EXPECT_EQ(run("toYaml", {M({{"a", S("ctl\x01")}})}), "a: \"ctl\\x01\"");
  EXPECT_EQ(run("toYaml", {S("bad\xff")}), "bad\xef\xbf\xbd");
}

TEST_F(YamlTest, KeysUseNaturalOrderAndQuoting) {
  EXPECT_EQ(run("toYaml", {M({{"a10", I(1)}, {"a9", I(2)}, {"a", I(3)}, {"B", I(4)}, {"_x", I(5)}, {"1", I(6)},
                              {"10", I(7)}, {"2", I(8)}, {"true", I(9)}, {"k: v", I(10)}})}),
            "_x: 5\n\"1\": 6\n\"2\": 8\n\"10\": 7\nB: 4\na: 3\na9: 2\na10: 1\n'k: v': 10\n\"true\": 9");
  EXPECT_TRUE(yaml_key_less("a1", "a01"));
  EXPECT_TRUE(yaml_key_less("x", "xy"));
  EXPECT_FALSE(yaml_key_less("b", "a"));
}

TEST_F(YamlTest, LongStringsAreNotWrapped) {
  std::string longest(300, 'w');
  for (int i = 0; i < 30; ++i) longest += " word";
  EXPECT_EQ(run("toYaml", {M({{"k", S(longest)}})}), "k: " + longest);
}

TEST_F(YamlTest, MultilineValuesInsideStructures) {
  EXPECT_EQ(run("toYaml", {M({{"m", M({{"s", S("l1\nl2")}})}, {"l", L({S("x\ny")})}})}),
            "l:\n- |-\n  x\n  y\nm:\n  s: |-\n    l1\n    l2");
}

TEST_F(YamlTest, OtherGoTypesGoThroughJson) {
  EXPECT_EQ(run("toYaml", {Value::bytes("hi")}), "aGk=");
  EXPECT_EQ(run("toYaml", {Value::time(gotemplate::Time{0, 0, 0, "UTC"})}), "\"1970-01-01T00:00:00Z\"");
  auto v = call("semver", {S("1.2.3")});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(run("toYaml", {M({{"v", *v}})}), "v: 1.2.3");
}

TEST_F(YamlTest, GoYamlMarshalKeepsTheTrailingNewline) {
  auto out = go_yaml_marshal(M({{"a", I(1)}}));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "a: 1\n");
  auto bad = go_yaml_marshal(F(HUGE_VAL));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "json: unsupported value: +Inf");
}

TEST_F(YamlTest, FromYaml) {
  EXPECT_EQ(run("fromYaml", {S("a: 1\nb: [x, 2.5]\nc: {d: null}\n")}), "map[a:1 b:[x 2.5] c:map[d:<nil>]]");
  EXPECT_EQ(type_of("fromYaml", {S("a: 1")}), "map[string]interface {}");
  auto a = call("fromYaml", {S("a: 1")});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->as_map().at("a").type_name(), "float64");
  EXPECT_EQ(run("fromYaml", {S("")}), "map[]");
  EXPECT_EQ(run("fromYaml", {S("- a\n- b")}),
            "map[Error:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go "
            "value of type map[string]interface {}]");
  EXPECT_EQ(run("fromYaml", {S("just text")}),
            "map[Error:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go "
            "value of type map[string]interface {}]");
  EXPECT_EQ(run("fromYaml", {S("a: b: c")}),
            "map[Error:error converting YAML to JSON: yaml: mapping values are not allowed in this context]");
  EXPECT_EQ(run("fromYaml", {S("a: 1\nb: c: d")}),
            "map[Error:error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this "
            "context]");
}

TEST_F(YamlTest, FromYamlArray) {
  EXPECT_EQ(run("fromYamlArray", {S("- 1\n- two")}), "[1 two]");
  EXPECT_EQ(run("fromYamlArray", {S("")}), "[]");
  EXPECT_EQ(run("fromYamlArray", {S("a: 1")}),
            "[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of "
            "type []interface {}]");
}

TEST_F(YamlTest, RoundTripThroughToYaml) {
  auto v = call("fromYaml", {S("name: web\nports:\n- 80\n- 443\nlabels:\n  app: web\n")});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(run("toYaml", {*v}), "labels:\n  app: web\nname: web\nports:\n- 80\n- 443");
}

}  // namespace
}  // namespace gitops::render::helm::testing
