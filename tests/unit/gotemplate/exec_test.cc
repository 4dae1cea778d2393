// Execution: control flow, variables, templates, and/or, comparisons, builtins, and execution
// errors with Go's positions and texts.
#include <gtest/gtest.h>

#include "tests/unit/gotemplate/render_helper.h"

namespace gitops::render::gotemplate::testing {
namespace {

Value values() {
  return dict({
      {"s", str("c")},
      {"n", num(3)},
      {"list", Value::list({str("a"), str("b")})},
      {"obj", dict({{"a", num(1)}, {"b", str("x")}})},
      {"empty", dict({})},
      {"null", Value()},
      {"flag", Value::boolean(true)},
  });
}

TEST(Exec, IfElseChains) {
  const char* t = "{{ if eq .s \"a\" }}A{{ else if eq .s \"c\" }}C{{ else }}Z{{ end }}";
  EXPECT_EQ(render(t, values()), "C");
  EXPECT_EQ(render("{{ if .empty }}y{{ else }}n{{ end }}{{ if .obj }}y{{ end }}", values()), "ny");
  EXPECT_EQ(render("{{ if 0 }}y{{ else }}n{{ end }}{{ if \"\" }}y{{ else }}n{{ end }}"), "nn");
  EXPECT_EQ(render("{{ if .null }}y{{ else }}n{{ end }}", values()), "n");
}

TEST(Exec, WithSetsDot) {
  EXPECT_EQ(render("{{ with .obj }}{{ .b }}{{ end }}", values()), "x");
  EXPECT_EQ(render("{{ with .missing }}y{{ else }}{{ .s }}{{ end }}", values()), "c");
  EXPECT_EQ(render("{{ with $v := .obj.a }}{{ $v }}{{ . }}{{ end }}", values()), "11");
}

TEST(Exec, Variables) {
  EXPECT_EQ(render("{{ $x := 1 }}{{ $x = 2 }}{{ $x }}"), "2");
  EXPECT_EQ(render("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}"), "2");
  EXPECT_EQ(render("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}"), "21");
  EXPECT_EQ(render("{{ range .list }}{{ $.s }}{{ end }}", values()), "cc");
  EXPECT_EQ(render("{{ $o := .obj }}{{ $o.b }}", values()), "x");
}

TEST(Exec, Range) {
  EXPECT_EQ(render("{{ range $i, $v := .list }}{{ $i }}={{ $v }};{{ end }}", values()), "0=a;1=b;");
  EXPECT_EQ(render("{{ range $k, $v := .obj }}{{ $k }}={{ $v }};{{ end }}", values()), "a=1;b=x;");
  EXPECT_EQ(render("{{ range $v := .obj }}{{ $v }};{{ end }}", values()), "1;x;");
  EXPECT_EQ(render("{{ range .empty }}x{{ else }}none{{ end }}", values()), "none");
  EXPECT_EQ(render("{{ range .missing }}x{{ else }}none{{ end }}", values()), "none");
  EXPECT_EQ(render("{{ range .list }}{{ if eq . \"a\" }}{{ continue }}{{ end }}{{ . }}{{ end }}",
                   values()),
            "b");
  EXPECT_EQ(render("{{ range .list }}{{ . }}{{ break }}{{ end }}", values()), "a");
  EXPECT_EQ(render("{{ range .n }}{{ end }}", values()),
            "ERROR: template: t.yaml:1:9: executing \"t.yaml\" at <.n>: range can't iterate over 3");
  EXPECT_EQ(render("{{ range 3 }}{{ end }}"),
            "ERROR: template: t.yaml:1:9: executing \"t.yaml\" at <3>: range can't iterate over 3");
}

TEST(Exec, DefineTemplateBlock) {
  EXPECT_EQ(render("{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" .s }}", values()), "[c]");
  EXPECT_EQ(render("{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" }}"), "[<no value>]");
  EXPECT_EQ(render("{{ block \"b\" .s }}<{{ . }}>{{ end }}", values()), "<c>");
  EXPECT_EQ(render("{{ template \"nope\" }}"),
            "ERROR: template: t.yaml:1:12: executing \"t.yaml\" at <{{template \"nope\"}}>: "
            "template \"nope\" not defined");
  EXPECT_EQ(render("{{ define \"x\" }}{{ $.s }}{{ end }}{{ $y := 1 }}{{ template \"x\" . }}",
                   values()),
            "c");
}

TEST(Exec, RecursionLimit) {
  TemplateSet set(nullptr, ExecOptions{.max_depth = 50});
  ASSERT_TRUE(set.parse("t", "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" }}").ok());
  auto out = set.execute("t", Value());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().message,
            "template: t:1:28: executing \"r\" at <{{template \"r\" .}}>: exceeded maximum template "
            "depth (50)");
}

TEST(Exec, AndOrNot) {
  EXPECT_EQ(render("{{ and 1 \"x\" }} {{ and \"\" 1 }} {{ and 1 0 \"z\" }}"), "x  0");
  EXPECT_EQ(render("{{ or \"\" 0 \"z\" }} {{ or \"\" 0 }} {{ or .list \"no\" }}", values()),
            "z 0 [a b]");
  EXPECT_EQ(render("{{ and .missing .missing.deeper }}", values()), "<no value>");
  EXPECT_EQ(render("{{ or true .missing.deeper }}", values()), "true");
  EXPECT_EQ(render("{{ not 0 }} {{ not .list }}", values()), "true false");
  EXPECT_EQ(render("{{ 0 | or 1 }}"), "1");
  EXPECT_EQ(render("{{ and }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <and>: wrong number of args for "
            "and: want at least 1 got 0");
}

TEST(Exec, Comparisons) {
  EXPECT_EQ(render("{{ eq \"x\" \"x\" }} {{ eq 1 2 }} {{ eq .s \"b\" \"c\" }} {{ ne 1 2 }}", values()),
            "true false true true");
  EXPECT_EQ(render("{{ eq .missing \"x\" }} {{ eq .missing nil }}", values()), "false true");
  EXPECT_EQ(render("{{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1.5 2.5 }}"),
            "true true true false");
  EXPECT_EQ(render("{{ eq .n 3 }}", values()),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <eq .n 3>: error calling eq: "
            "incompatible types for comparison");
  EXPECT_EQ(render("{{ lt true false }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <lt true false>: error calling lt: "
            "invalid type for comparison");
  EXPECT_EQ(render("{{ eq .list .list }}", values()),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <eq .list .list>: error calling "
            "eq: non-comparable type [a b]: []interface {}");
  EXPECT_EQ(render("{{ eq 1 }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <eq 1>: error calling eq: "
            "missing argument for comparison");
}

TEST(Exec, LenIndexSlice) {
  EXPECT_EQ(render("{{ len .list }} {{ len .obj }} {{ len \"héllo\" }}", values()), "2 2 6");
  EXPECT_EQ(render("{{ index .list 1 }} {{ index .obj \"b\" }} {{ index .obj \"zz\" }}", values()),
            "b x <no value>");
  EXPECT_EQ(render("{{ slice .list 1 }} {{ slice \"abcdef\" 1 3 }}", values()), "[b] bc");
  EXPECT_EQ(render("{{ index .list 5 }}", values()),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <index .list 5>: error calling "
            "index: index out of range: 5");
  EXPECT_EQ(render("{{ len .missing }}", values()),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <len .missing>: error calling len: "
            "len of nil pointer");
  EXPECT_EQ(render("{{ len 3 }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <len 3>: error calling len: len of "
            "type int");
  EXPECT_EQ(render("{{ index .obj 1 }}", values()),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <index .obj 1>: error calling "
            "index: value has type int; should be string");
}

TEST(Exec, FieldErrors) {
  EXPECT_EQ(render("a: [{{ .obj.missing.deeper }}]", values()),
            "ERROR: template: t.yaml:1:11: executing \"t.yaml\" at <.obj.missing.deeper>: nil "
            "pointer evaluating interface {}.deeper");
  EXPECT_EQ(render("{{ .s.x }}", values()),
            "ERROR: template: t.yaml:1:5: executing \"t.yaml\" at <.s.x>: can't evaluate field x in "
            "type interface {}");
  EXPECT_EQ(render("{{ $s := \"a\" }}{{ $s.x }}"),
            "ERROR: template: t.yaml:1:20: executing \"t.yaml\" at <$s.x>: can't evaluate field x in "
            "type string");
  EXPECT_EQ(render("{{ .obj.a 1 }}", values()),
            "ERROR: template: t.yaml:1:7: executing \"t.yaml\" at <.obj.a>: a is not a method but has "
            "arguments");
  EXPECT_EQ(render("{{ nil }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <nil>: nil is not a command");
  EXPECT_EQ(render("{{ 1 2 }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <1>: can't give argument to "
            "non-function 1");
}

TEST(Exec, ElementsOfInterfaceContainersKeepTheirStaticType) {
  Value d = dict({{"l", Value::list({Value()})}, {"s", Value::string_list({"a"})}});
  EXPECT_EQ(render("{{ range .l }}{{ .name }}{{ end }}", d),
            "ERROR: template: t.yaml:1:17: executing \"t.yaml\" at <.name>: nil pointer evaluating "
            "interface {}.name");
  EXPECT_EQ(render("{{ range $k, $v := .l }}{{ $v.x }}{{ end }}", d),
            "ERROR: template: t.yaml:1:29: executing \"t.yaml\" at <$v.x>: nil pointer evaluating "
            "interface {}.x");
  EXPECT_EQ(render("{{ range .s }}{{ .x }}{{ end }}", d),
            "ERROR: template: t.yaml:1:17: executing \"t.yaml\" at <.x>: can't evaluate field x in "
            "type string");
  EXPECT_EQ(render("{{ with index .l 0 }}{{ else }}none{{ end }}", d), "none");
}

TEST(Exec, MissingKeyModes) {
  Value data = dict({{"a", dict({})}});
  EXPECT_EQ(render("{{ .a.b.c }}", data, nullptr, MissingKey::invalid), "<no value>");
  EXPECT_EQ(render("{{ .a.b }}", data, nullptr, MissingKey::error),
            "ERROR: template: t.yaml:1:5: executing \"t.yaml\" at <.a.b>: map has no entry for key "
            "\"b\"");
  Value strings = dict({{"m", Value::map({}, MapType::strings)}});
  EXPECT_EQ(render("[{{ .m.x }}]", strings, nullptr, MissingKey::zero), "[]");
}

TEST(Exec, Parentheses) {
  EXPECT_EQ(render("{{ (print 1 2) }} {{ (.obj).b }} {{ print (len (print \"ab\")) }}", values()),
            "1 2 x 2");
  EXPECT_EQ(render("{{ .s | printf \"%s-%s\" \"x\" }}", values()), "x-c");
}

TEST(Exec, Escapers) {
  EXPECT_EQ(render("{{ html \"<a href='x'>&\\\"\" }}"), "&lt;a href=&#39;x&#39;&gt;&amp;&#34;");
  EXPECT_EQ(render("{{ js \"it's <b>=\\n\" }}"), "it\\'s \\u003Cb\\u003E\\u003D\\u000A");
  EXPECT_EQ(render("{{ urlquery \"a b&c=d/é\" }}"), "a+b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(render("{{ html .missing }}", dict({})), "&lt;no value&gt;");
}

}  // namespace
}  // namespace gitops::render::gotemplate::testing
