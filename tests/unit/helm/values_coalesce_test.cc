// coalesce_values and friends: precedence, null deletion, globals, subchart scoping.
#include "render/helm/values_coalesce.h"

#include <gtest/gtest.h>

#include "render/helm/values_yaml.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Value;

Value yaml(std::string_view text) {
  auto v = parse_values_yaml(text);
  EXPECT_TRUE(v.ok());
  return v.ok() && !v->is_nil() ? *v : empty_map();
}

std::shared_ptr<Chart> chart(const std::string& name, std::string_view values) {
  auto c = std::make_shared<Chart>();
  c->metadata = std::make_shared<Metadata>();
  c->metadata->name = name;
  c->values = yaml(values);
  return c;
}

// A canonical, sorted text form of a value for whole-value assertions.
std::string show(const Value& v) {
  switch (v.kind()) {
    case gotemplate::Kind::map: {
      std::string out = "{";
      for (const auto& [k, x] : v.as_map()) out += (out.size() > 1 ? "," : "") + k + ":" + show(x);
      return out + "}";
    }
    case gotemplate::Kind::list: {
      std::string out = "[";
      for (const auto& x : v.as_list()) out += (out.size() > 1 ? "," : "") + show(x);
      return out + "]";
    }
    case gotemplate::Kind::nil: return "nil";
    case gotemplate::Kind::float64: return std::to_string(static_cast<long long>(v.as_float()));
    case gotemplate::Kind::boolean: return v.as_bool() ? "true" : "false";
    default: return v.as_string();
  }
}

TEST(ValuesCoalesce, UserValuesWinMapsMergeNullDeletes) {
  auto c = chart("app", "a: 1\nm: {p: 1, q: 2}\ngone: 5\nlist: [1, 2]\n");
  auto v = coalesce_values(*c, yaml("m: {q: 3}\ngone: null\nlist: [9]\n"));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(show(*v), "{a:1,list:[9],m:{p:1,q:3}}");
}

TEST(ValuesCoalesce, SubchartsGetTheirDefaultsAndGlobals) {
  auto parent = chart("app", "global: {g: 1}\nsub: {s: 2}\n");
  auto sub = chart("sub", "s: 0\nt: 3\nglobal: {h: 4}\n");
  parent->set_dependencies({sub});
  auto v = coalesce_values(*parent, Value());
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(show(*v), "{global:{g:1},sub:{global:{g:1,h:4},s:2,t:3}}");
}

TEST(ValuesCoalesce, NonMapForSubchartFails) {
  auto parent = chart("app", "");
  parent->set_dependencies({chart("sub", "")});
  auto v = coalesce_values(*parent, yaml("sub: text\n"));
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().message, "type mismatch on sub: %!t(string=text)");
}

TEST(ValuesCoalesce, InputIsNotChanged) {
  auto c = chart("app", "a: 1\n");
  Value user = yaml("b: 2\n");
  ASSERT_TRUE(coalesce_values(*c, user).ok());
  EXPECT_EQ(show(user), "{b:2}");
}

TEST(ValuesCoalesce, MergeValueMapsDeepMergesFiles) {
  Value merged = merge_value_maps(yaml("a: {p: 1, q: 1}\nl: [1]\n"), yaml("a: {q: 2}\nl: [2]\n"));
  EXPECT_EQ(show(merged), "{a:{p:1,q:2},l:[2]}");
}

TEST(ValuesCoalesce, TableAndPathValue) {
  Value v = yaml("a: {b: {c: true}}\n");
  EXPECT_EQ(show(*values_table(v, "a.b")), "{c:true}");
  EXPECT_FALSE(values_table(v, "a.b.c"));
  EXPECT_TRUE(values_path_value(v, "a.b.c")->as_bool());
  EXPECT_FALSE(values_path_value(v, "a.b"));
  EXPECT_FALSE(values_path_value(v, "a.x.c"));
}

}  // namespace
}  // namespace gitops::render::helm
