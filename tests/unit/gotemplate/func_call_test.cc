// Calling FuncMap functions and Object methods: Go's argument checks and their error texts,
// returned errors, piped final arguments, and the CallContext hook (include, tpl, positions).
#include <gtest/gtest.h>

#include "render/gotemplate/call_context.h"
#include "render/gotemplate/printf.h"
#include "tests/unit/gotemplate/render_helper.h"

namespace gitops::render::gotemplate::testing {
namespace {

using R = core::Result<Value>;

std::shared_ptr<FuncMap> funcs() {
  auto f = std::make_shared<FuncMap>();
  f->add("upper", Signature{{Param::string}}, [](std::span<const Value> a) -> R {
    std::string s = a[0].as_string();
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return Value::string(s);
  });
  f->add("repeat", Signature{{Param::integer, Param::string}}, [](std::span<const Value> a) -> R {
    std::string out;
    for (std::int64_t i = 0; i < a[0].as_int(); ++i) out += a[1].as_string();
    return Value::string(out);
  });
  f->add("join", Signature{{Param::string, Param::any}, true}, [](std::span<const Value> a) -> R {
    std::string out;
    for (std::size_t i = 1; i < a.size(); ++i) out += (i > 1 ? a[0].as_string() : "") + format_value(a[i]);
    return Value::string(out);
  });
  f->add("fail", Signature{{Param::string}}, [](std::span<const Value> a) -> R {
    return core::Error{core::ErrorKind::source, a[0].as_string()};
  });
  f->add("typeOf", Signature{{Param::any}}, [](std::span<const Value> a) -> R {
    return Value::string(a[0].type_name());
  });
  f->add("keys", Signature{{Param::map}}, [](std::span<const Value> a) -> R {
    std::vector<std::string> k;
    if (!a[0].is_nil()) {
      for (const auto& [key, v] : a[0].as_map()) k.push_back(key);
    }
    return Value::string_list(k);
  });
  f->add("half", Signature{{Param::float64}}, [](std::span<const Value> a) -> R {
    return Value::float64(a[0].as_float() / 2);
  });
  f->add("include", Signature{{Param::string, Param::any}},
         [](CallContext& ctx, std::span<const Value> a) -> R {
           auto out = ctx.execute_template(a[0].as_string(), a[1]);
           if (!out.ok()) return out.error();
           return Value::string(*out);
         });
  f->add("tpl", Signature{{Param::string, Param::any}},
         [](CallContext& ctx, std::span<const Value> a) -> R {
           TemplateSet copy = ctx.templates().clone();
           std::string name(ctx.template_name());
           if (auto st = copy.parse(name, a[0].as_string()); !st.ok()) return st.error();
           auto out = copy.execute(name, a[1]);
           if (!out.ok()) return out.error();
           return Value::string(*out);
         });
  f->add("where", Signature{{}}, [](CallContext& ctx, std::span<const Value>) -> R {
    return Value::string(std::string(ctx.template_name()) + "@" + ctx.location());
  });
  return f;
}

Value data() {
  return dict({{"s", str("ab")}, {"n", num(2)}, {"m", dict({{"k", str("v")}})}});
}

std::string run(const std::string& text) { return render(text, data(), funcs()); }

TEST(FuncCall, Arguments) {
  EXPECT_EQ(run("{{ upper .s }} {{ \"x\" | upper }} {{ repeat 2 \"ab\" }} {{ join \"-\" 1 2 3 }}"),
            "AB X abab 1-2-3");
  EXPECT_EQ(run("{{ half 3 }} {{ half .n }} {{ keys .m }} {{ keys nil }}"), "1.5 1 [k] []");
  EXPECT_EQ(run("{{ .s | join \",\" 1 }}"), "1,ab");
}

TEST(FuncCall, ArgumentErrors) {
  EXPECT_EQ(run("{{ upper }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <upper>: wrong number of args for "
            "upper: want 1 got 0");
  EXPECT_EQ(run("{{ upper 1 2 }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <upper>: wrong number of args for "
            "upper: want 1 got 2");
  EXPECT_EQ(run("{{ join }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <join>: wrong number of args for "
            "join: want at least 1 got 0");
  EXPECT_EQ(run("{{ upper .n }}"),
            "ERROR: template: t.yaml:1:9: executing \"t.yaml\" at <.n>: wrong type for value; "
            "expected string; got float64");
  EXPECT_EQ(run("{{ upper 3 }}"),
            "ERROR: template: t.yaml:1:9: executing \"t.yaml\" at <3>: expected string; found 3");
  EXPECT_EQ(run("{{ repeat 1.5 \"a\" }}"),
            "ERROR: template: t.yaml:1:10: executing \"t.yaml\" at <1.5>: expected integer; found "
            "1.5");
  EXPECT_EQ(run("{{ upper nil }}"),
            "ERROR: template: t.yaml:1:9: executing \"t.yaml\" at <nil>: cannot assign nil to string");
  EXPECT_EQ(run("{{ upper .missing }}"),
            "ERROR: template: t.yaml:1:9: executing \"t.yaml\" at <.missing>: invalid value; "
            "expected string");
  EXPECT_EQ(run("{{ keys .s }}"),
            "ERROR: template: t.yaml:1:8: executing \"t.yaml\" at <.s>: wrong type for value; "
            "expected map[string]interface {}; got string");
  EXPECT_EQ(run("{{ 3 | upper }}"),
            "ERROR: template: t.yaml:1:7: executing \"t.yaml\" at <upper>: wrong type for value; "
            "expected string; got int");
}

TEST(FuncCall, ReturnedErrors) {
  EXPECT_EQ(run("a\n  {{ fail \"boom\" }}"),
            "ERROR: template: t.yaml:2:5: executing \"t.yaml\" at <fail \"boom\">: error calling "
            "fail: boom");
}

TEST(FuncCall, NamedMapTypePassesAsMap) {
  Value values = Value::map({{"a", num(1)}}, MapType::helm_values);
  EXPECT_EQ(render("{{ typeOf . }} {{ keys . }}", values, funcs()), "chartutil.Values [a]");
}

TEST(CallContext, IncludeAndLocation) {
  EXPECT_EQ(run("{{ define \"d\" }}<{{ . }}>{{ end }}{{ include \"d\" .s | upper }}"), "<AB>");
  EXPECT_EQ(run("x {{ where }}"), "x t.yaml@t.yaml:1:5");
  EXPECT_EQ(run("{{ include \"zz\" . }}"),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <include \"zz\" .>: error calling "
            "include: template: no template \"zz\" associated with template \"gotpl\"");
  EXPECT_EQ(run("{{ define \"d\" }}\n {{ .x.y }}{{ end }}{{ include \"d\" .m }}"),
            "ERROR: template: t.yaml:2:23: executing \"t.yaml\" at <include \"d\" .m>: error calling "
            "include: template: t.yaml:2:6: executing \"d\" at <.x.y>: nil pointer evaluating "
            "interface {}.y");
}

TEST(CallContext, TplParsesIntoAClone) {
  TemplateSet set(funcs(), ExecOptions{.missing_key = MissingKey::zero});
  ASSERT_TRUE(set.parse("t", "{{ define \"h\" }}H{{ end }}{{ tpl \"{{ include \\\"h\\\" . }}-{{ .s }}\" . }}").ok());
  auto out = set.execute("t", data());
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(*out, "H-ab");
  EXPECT_NE(set.find("t"), nullptr);
}

class Caps final : public Object {
 public:
  std::string type_name() const override { return "*test.Caps"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "Version") return Value::string("v1.25.0");
    return std::nullopt;
  }
  std::optional<Func> method(std::string_view name) const override {
    if (name != "Has") return std::nullopt;
    return Func{Signature{{Param::string}}, [](CallContext&, std::span<const Value> a) -> R {
                  return Value::boolean(a[0].as_string() == "apps/v1");
                }};
  }
  std::string format() const override { return "&{v1.25.0}"; }
};

TEST(Objects, FieldsAndMethods) {
  Value d = dict({{"Caps", Value::object(std::make_shared<Caps>())}});
  EXPECT_EQ(render("{{ .Caps.Version }} {{ .Caps.Has \"apps/v1\" }} {{ .Caps.Has \"x\" }}", d),
            "v1.25.0 true false");
  EXPECT_EQ(render("{{ \"apps/v1\" | .Caps.Has }} {{ printf \"%T\" .Caps }} {{ .Caps }}", d),
            "true *test.Caps &{v1.25.0}");
  EXPECT_EQ(render("{{ .Caps.Has }}", d),
            "ERROR: template: t.yaml:1:8: executing \"t.yaml\" at <.Caps.Has>: wrong number of args "
            "for Has: want 1 got 0");
  // Reached through a map[string]interface {}, Go names the static type interface {}.
  EXPECT_EQ(render("{{ .Caps.Nope }}", d),
            "ERROR: template: t.yaml:1:8: executing \"t.yaml\" at <.Caps.Nope>: can't evaluate field "
            "Nope in type interface {}");
  EXPECT_EQ(render("{{ .Nope }}", Value::object(std::make_shared<Caps>())),
            "ERROR: template: t.yaml:1:3: executing \"t.yaml\" at <.Nope>: can't evaluate field "
            "Nope in type *test.Caps");
  EXPECT_EQ(render("{{ .Caps.Version 1 }}", d),
            "ERROR: template: t.yaml:1:8: executing \"t.yaml\" at <.Caps.Version>: Version has "
            "arguments but cannot be invoked as function");
}

// A named slice type (type Versions []string) and a named map type (type Files
// map[string][]byte): range, len, index and slice see the underlying value; printing, %T and
// methods keep the named type.
class Versions final : public Object {
 public:
  std::string type_name() const override { return "test.Versions"; }
  std::string kind_name() const override { return "slice"; }
  std::optional<Value> field(std::string_view) const override { return std::nullopt; }
  std::string format() const override { return "[b/v1 a/v1]"; }
  std::optional<Value> underlying() const override {
    return Value::string_list({"b/v1", "a/v1"});
  }
};

class Files final : public Object {
 public:
  std::string type_name() const override { return "test.Files"; }
  std::string kind_name() const override { return "map"; }
  std::optional<Value> field(std::string_view) const override { return std::nullopt; }
  std::string format() const override { return "map[x:[120] y:[]]"; }
  std::optional<Value> underlying() const override {
    return Value::map(Map{{"y", Value::bytes("")}, {"x", Value::bytes("x")}});
  }
};

std::shared_ptr<FuncMap> strings_funcs() {
  auto f = std::make_shared<FuncMap>();
  f->add("first", Signature{{Param::strings}}, [](std::span<const Value> a) -> R {
    return a[0].as_list().empty() ? Value() : a[0].as_list()[0];
  });
  f->add("dict", Signature{{Param::map}}, [](std::span<const Value> a) -> R {
    return Value::integer(a[0].length());
  });
  return f;
}

TEST(Objects, NamedSliceAndMapTypesActAsTheirUnderlyingValue) {
  Value d = dict({{"V", Value::object(std::make_shared<Versions>())},
                  {"F", Value::object(std::make_shared<Files>())}});
  EXPECT_EQ(render("{{ len .V }} {{ range $i, $v := .V }}{{ $i }}={{ $v }} {{ end }}"
                   "{{ index .V 1 }} {{ slice .V 1 }} {{ .V }} {{ printf \"%T\" .V }}",
                   d),
            "2 0=b/v1 1=a/v1 a/v1 [a/v1] [b/v1 a/v1] test.Versions");
  EXPECT_EQ(render("{{ len .F }} {{ range $k, $v := .F }}{{ $k }}:{{ len $v }} {{ end }}"
                   "{{ index .F \"x\" }} {{ if .F }}nonempty{{ end }}",
                   d),
            "2 x:1 y:0 [120] nonempty");
  // Assignable to []string as its underlying type is; a named map is not a
  // map[string]interface {}.
  EXPECT_EQ(render("{{ first .V }}", d, strings_funcs()), "b/v1");
  EXPECT_EQ(render("{{ dict .F }}", d, strings_funcs()),
            "ERROR: template: t.yaml:1:8: executing \"t.yaml\" at <.F>: wrong type for value; "
            "expected map[string]interface {}; got test.Files");
}

}  // namespace
}  // namespace gitops::render::gotemplate::testing
