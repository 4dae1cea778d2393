// Sprig and encoding functions run through the Go template engine end to end: argument checks,
// literal types, variadic calls, pipelines and "error calling NAME:" wrapping.
#include <gtest/gtest.h>

#include <memory>

#include "render/gotemplate/template_set.h"
#include "render/helm/encoding.h"
#include "render/helm/sprig.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Value;

class TemplateTest : public ::testing::Test {
 protected:
  // The output of `text` executed with `values` as .Values, or "ERROR: message".
  std::string render(const std::string& text, Value values = Value::map({})) {
    auto funcs = std::make_shared<gotemplate::FuncMap>();
    add_sprig_functions(*funcs);
    add_encoding_functions(*funcs);
    gotemplate::TemplateSet set(funcs, gotemplate::ExecOptions{.missing_key = gotemplate::MissingKey::zero});
    if (auto st = set.parse("t.yaml", text); !st.ok()) return "ERROR: " + st.error().message;
    Value dot = Value::map({{"Values", values.with_map_type(gotemplate::MapType::helm_values)}},
                           gotemplate::MapType::any);
    auto out = set.execute("t.yaml", dot);
    return out.ok() ? *out : "ERROR: " + out.error().message;
  }
};

TEST_F(TemplateTest, PipelinesAndLiterals) {
  EXPECT_EQ(render("{{ list 1 \"a\" 2.5 nil | toJson }}"), "[1,\"a\",2.5,null]");
  EXPECT_EQ(render("{{ \"hello\" | upper | repeat 2 }}"), "HELLOHELLO");
  EXPECT_EQ(render("{{ dict \"b\" 1 \"a\" (list 1 2) | toYaml }}"), "a:\n- 1\n- 2\nb: 1");
  EXPECT_EQ(render("{{ add 1 2 3 | typeOf }} {{ 1 | typeOf }} {{ 1.5 | typeOf }}"), "int64 int float64");
  EXPECT_EQ(render("{{ .Values.n | toString }} {{ .Values.n | int64 }}", Value::map({{"n", Value::float64(1e6)}})),
            "1e+06 1000000");
  EXPECT_EQ(render("{{ default \"d\" .Values.missing }}"), "d");
  EXPECT_EQ(render("{{ semverCompare \">=1.20.0\" \"v1.25.0\" }}"), "true");
  EXPECT_EQ(render("{{ (semver \"1.2.3\").Major }} {{ semver \"v2\" }}"), "1 2.0.0");
}

TEST_F(TemplateTest, ValuesMutationThroughSet) {
  Value values = Value::map({{"a", Value::integer(1)}});
  EXPECT_EQ(render("{{ $_ := set .Values \"b\" 2 }}{{ .Values | toJson }}", values), "{\"a\":1,\"b\":2}");
}

TEST_F(TemplateTest, ErrorsAreWrapped) {
  EXPECT_EQ(render("{{ first \"abc\" }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <first \"abc\">: error calling first: "
            "Cannot find first on type string");
  EXPECT_EQ(render("{{ div 1 0 }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <div 1 0>: error calling div: "
            "runtime error: integer divide by zero");
  EXPECT_EQ(render("{{ upper 3 }}"),
            "ERROR: template: t.yaml:1:9: executing \"t.yaml\" at <3>: expected string; found 3");
  EXPECT_EQ(render("{{ ternary 1 2 \"true\" }}"),
            "ERROR: template: t.yaml:1:15: executing \"t.yaml\" at <\"true\">: expected bool; found \"true\"");
  EXPECT_EQ(render("{{ fail \"stop\" }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <fail \"stop\">: error calling fail: stop");
  EXPECT_EQ(render("{{ env \"HOME\" }}"), "ERROR: template: t.yaml:1: function \"env\" not defined");
}

TEST_F(TemplateTest, SprigSliceReplacesGoSlice) {
  EXPECT_EQ(render("{{ slice (list 1 2 3) 1 }}"), "[2 3]");
  EXPECT_EQ(render("{{ slice \"abc\" 1 }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <slice \"abc\" 1>: error calling slice: "
            "list should be type of slice or array but string");
}

}  // namespace
}  // namespace gitops::render::helm
