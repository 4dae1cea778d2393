// toJson/toPrettyJson/toRawJson/must* and fromJson/fromJsonArray/mustFromJson.
#include "render/helm/encoding_json.h"
#include "tests/unit/helm/sprig_fixture.h"

namespace gitops::render::helm::testing {
namespace {

using JsonTest = SprigTest;

TEST_F(JsonTest, ToJsonPrintsGoJson) {
  EXPECT_EQ(run("toJson", {M({{"b", L({I(1), S("<x>&")})}, {"a", F(1e6)}, {"c", Value()}})}),
            R"({"a":1000000,"b":[1,"\u003cx\u003e\u0026"],"c":null})");
  EXPECT_EQ(run("toRawJson", {M({{"h", S("<&>")}})}), R"({"h":"<&>"})");
  EXPECT_EQ(run("toJson", {S("a\"b\\c\n\t\x01\xe2\x80\xa8")}), R"("a\"b\\c\n\t\u0001\u2028")");
  EXPECT_EQ(run("toJson", {S("bad\xff")}), R"("bad\ufffd")");
  EXPECT_EQ(run("toJson", {Value::bytes("hi")}), R"("aGk=")");
  EXPECT_EQ(run("toJson", {L({})}), "[]");
  EXPECT_EQ(run("toJson", {M({})}), "{}");
}

TEST_F(JsonTest, GoFloatFormat) {
  EXPECT_EQ(go_json_float(0.5), "0.5");
  EXPECT_EQ(go_json_float(1e20), "100000000000000000000");
  EXPECT_EQ(go_json_float(1e21), "1e+21");
  EXPECT_EQ(go_json_float(0.000001), "0.000001");
  EXPECT_EQ(go_json_float(0.0000001), "1e-7");
  EXPECT_EQ(go_json_float(-1.5e-10), "-1.5e-10");
  EXPECT_EQ(go_json_float(123456789.25), "123456789.25");
}

TEST_F(JsonTest, PrettyJson) {
  EXPECT_EQ(run("toPrettyJson", {M({{"a", L({I(1), M({})})}, {"b", S("x")}})}),
            "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": \"x\"\n}");
  EXPECT_EQ(run("mustToPrettyJson", {L({})}), "[]");
}

TEST_F(JsonTest, UnsupportedValues) {
  EXPECT_EQ(run("toJson", {F(std::nan(""))}), "");
  EXPECT_EQ(error("mustToJson", {F(HUGE_VAL)}), "json: unsupported value: +Inf");
  EXPECT_EQ(error("toRawJson", {F(std::nan(""))}), "json: unsupported value: NaN");
}

TEST_F(JsonTest, FromJson) {
  EXPECT_EQ(run("fromJson", {S(R"({"a": [1, 2.5, "x", true, null], "b": {"c": 1e3}})")}),
            "map[a:[1 2.5 x true <nil>] b:map[c:1000]]");
  EXPECT_EQ(run("fromJson", {S("{not json")}),
            "map[Error:invalid character 'n' looking for beginning of object key string]");
  EXPECT_EQ(run("fromJson", {S("[1,2]")}),
            "map[Error:json: cannot unmarshal array into Go value of type map[string]interface {}]");
  EXPECT_EQ(run("fromJson", {S("null")}), "map[]");
  EXPECT_EQ(run("fromJson", {S("")}), "map[Error:unexpected end of JSON input]");
  EXPECT_EQ(run("fromJson", {S("{} x")}), "map[Error:invalid character 'x' after top-level value]");
  EXPECT_EQ(run("fromJsonArray", {S("[1, \"a\"]")}), "[1 a]");
  EXPECT_EQ(run("fromJsonArray", {S("{}")}), "[json: cannot unmarshal object into Go value of type []interface {}]");
  EXPECT_EQ(type_of("fromJson", {S("{\"n\": 1}")}), "map[string]interface {}");
  EXPECT_EQ(run("mustFromJson", {S("\"s\\u00e9\"")}), "s\xc3\xa9");
  EXPECT_EQ(type_of("mustFromJson", {S("3")}), "float64");
  EXPECT_EQ(error("mustFromJson", {S("[1,]")}), "invalid character ']' looking for beginning of value");
  EXPECT_EQ(error("mustFromJson", {S("tru")}), "unexpected end of JSON input");
  EXPECT_EQ(error("mustFromJson", {S("\"a\nb\"")}), "invalid character '\\n' in string literal");
}

TEST_F(JsonTest, ToToml) {
  Value cfg = M({{"title", S("example")}, {"port", F(8080)}, {"ratio", F(0.5)}, {"enabled", B(true)},
                 {"tags", L({S("a"), S("b")})},
                 {"owner", M({{"name", S("Tom")}, {"nested", M({{"deep", F(1)}})}})}});
  EXPECT_EQ(run("toToml", {cfg}),
            "enabled = true\nport = 8080.0\nratio = 0.5\ntags = [\"a\", \"b\"]\ntitle = \"example\"\n\n"
            "[owner]\n  name = \"Tom\"\n  [owner.nested]\n    deep = 1.0\n");
  EXPECT_EQ(run("toToml", {M({{"a", I(1)}, {"b", S("two")}, {"n", Value()}})}), "a = 1\nb = \"two\"\n");
  EXPECT_EQ(run("toToml", {S("x")}), "toml: top-level values must be Go maps or structs");
  EXPECT_EQ(run("toToml", {M({{"m", L({I(1), S("a")})}})}), "toml: cannot encode array with mixed element types");
  EXPECT_EQ(run("toToml", {M({{"t", L({M({{"x", I(1)}}), M({{"x", I(2)}})})}})}), "[[t]]\n  x = 1\n\n[[t]]\n  x = 2\n");
}

}  // namespace
}  // namespace gitops::render::helm::testing
