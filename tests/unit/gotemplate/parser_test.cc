// Parse errors with Go 1.19's exact texts, and literal parsing.
#include "render/gotemplate/parser.h"

#include <gtest/gtest.h>

#include "tests/unit/gotemplate/render_helper.h"

namespace gitops::render::gotemplate::testing {
namespace {

TEST(Parser, UnexpectedTokens) {
  EXPECT_EQ(render("{{ end }}"), "ERROR: template: t.yaml:1: unexpected {{end}}");
  EXPECT_EQ(render("{{ else }}"), "ERROR: template: t.yaml:1: unexpected {{else}}");
  EXPECT_EQ(render("{{ if true }}x"), "ERROR: template: t.yaml:1: unexpected EOF");
  EXPECT_EQ(render("{{ }}"), "ERROR: template: t.yaml:1: missing value for command");
  EXPECT_EQ(render("{{ if }}{{ end }}"), "ERROR: template: t.yaml:1: missing value for if");
  EXPECT_EQ(render("{{ .x | 3 }}"),
            "ERROR: template: t.yaml:1: non executable command in pipeline stage 2");
  EXPECT_EQ(render("{{ \"a\".b }}"), "ERROR: template: t.yaml:1: unexpected . after term \"\\\"a\\\"\"");
  EXPECT_EQ(render("{{ template . }}"), "ERROR: template: t.yaml:1: unexpected <.> in template clause");
  EXPECT_EQ(render("{{ range $a, $b, $c := . }}{{ end }}"),
            "ERROR: template: t.yaml:1: too many declarations in range");
  EXPECT_EQ(render("{{ with $a, $b := . }}{{ end }}"),
            "ERROR: template: t.yaml:1: too many declarations in with");
  EXPECT_EQ(render("{{ if true }}{{ else }}{{ else }}{{ end }}"),
            "ERROR: template: t.yaml:1: expected end; found {{else}}");
  EXPECT_EQ(render("{{ print 1 = }}"), "ERROR: template: t.yaml:1: unexpected \"=\" in operand");
}

TEST(Parser, VariablesAndFunctions) {
  EXPECT_EQ(render("\n{{ $x }}"), "ERROR: template: t.yaml:2: undefined variable \"$x\"");
  EXPECT_EQ(render("{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}"),
            "ERROR: template: t.yaml:1: undefined variable \"$x\"");
  EXPECT_EQ(render("{{ foo 1 }}"), "ERROR: template: t.yaml:1: function \"foo\" not defined");
  EXPECT_EQ(render("{{ break }}"), "ERROR: template: t.yaml:1: {{break}} outside {{range}}");
  EXPECT_EQ(render("{{ continue }}"), "ERROR: template: t.yaml:1: {{continue}} outside {{range}}");
  EXPECT_EQ(render("{{ range . }}{{ else }}{{ break }}{{ end }}"),
            "ERROR: template: t.yaml:1: {{break}} outside {{range}}");
}

TEST(Parser, Definitions) {
  EXPECT_EQ(render("{{ define \"a\" }}1{{ end }}{{ define \"a\" }}2{{ end }}"),
            "ERROR: template: t.yaml:1: template: multiple definition of template \"a\"");
  EXPECT_EQ(render("{{ define \"a\" }}{{ end }}{{ define \"a\" }}2{{ end }}{{ template \"a\" }}"), "2");
  EXPECT_EQ(render("{{ define \"a\" }}1{{ else }}{{ end }}"),
            "ERROR: template: t.yaml:1: unexpected {{else}} in define clause");
  EXPECT_EQ(render("{{ define a }}{{ end }}"),
            "ERROR: template: t.yaml:1: unexpected \"a\" in define clause");
}

TEST(Parser, Literals) {
  EXPECT_EQ(render("{{ \"a\\tb\\u00e9\\x41\\101\" }}"), "a\tbéAA");
  EXPECT_EQ(render("{{ `raw\\n` }}"), "raw\\n");
  EXPECT_EQ(render("{{ 'a' }} {{ '\\n' }}"), "97 10");
  EXPECT_EQ(render("{{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }}"), "31 15 15 5 1000");
  EXPECT_EQ(render("{{ 1.5 }} {{ 1e3 }} {{ -2 }} {{ +3 }} {{ 1.0 }}"), "1.5 1000 -2 3 1");
  EXPECT_EQ(render("{{ 0x1p4 }}"), "16");
  EXPECT_EQ(render("{{ true }} {{ false }}"), "true false");
  EXPECT_EQ(render("{{ 99999999999999999999 }}"),
            "ERROR: template: t.yaml:1: integer overflow: 99999999999999999999");
}

TEST(Parser, NestingDepthIsBounded) {
  std::string deep = "{{ " + std::string(2000, '(') + "1" + std::string(2000, ')') + " }}";
  EXPECT_EQ(render(deep), "ERROR: template: t.yaml:1: max expression depth exceeded");
  std::string ok = "{{ " + std::string(100, '(') + "1" + std::string(100, ')') + " }}";
  EXPECT_EQ(render(ok), "1");
}

TEST(Parser, TreesOfAFile) {
  auto trees = parse("f", "a{{ define \"x\" }}X{{ end }}{{ block \"y\" . }}Y{{ end }}", nullptr);
  ASSERT_TRUE(trees.ok());
  ASSERT_EQ(trees->size(), 3u);
  EXPECT_EQ((*trees)[0].name, "x");
  EXPECT_EQ((*trees)[1].name, "y");
  EXPECT_EQ((*trees)[2].name, "f");
  EXPECT_EQ(to_string(*(*trees)[2].root), "a{{template \"y\" .}}");
}

}  // namespace
}  // namespace gitops::render::gotemplate::testing
