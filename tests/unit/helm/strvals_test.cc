// parse_set_into: Helm's --set syntax, typing and error texts.
#include "render/helm/strvals.h"

#include <gtest/gtest.h>

#include "render/helm/values_yaml.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Kind;
using gotemplate::Value;

Value set(std::string_view text, SetTyping typing = SetTyping::typed) {
  Value dest = empty_map();
  auto st = parse_set_into(text, dest, typing);
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
  return dest;
}

std::string error_of(std::string_view text, Value dest = empty_map()) {
  auto st = parse_set_into(text, dest, SetTyping::typed);
  EXPECT_FALSE(st.ok());
  return st.ok() ? "" : st.error().message;
}

const Value& at(const Value& map, const std::string& key) { return map.as_map().at(key); }

TEST(Strvals, TypesValues) {
  Value v = set("a=1,b=true,c=null,d=1.5,e=0,f=007,g=-3,h=TRUE");
  EXPECT_EQ(at(v, "a").kind(), Kind::int64);
  EXPECT_EQ(at(v, "a").as_int(), 1);
  EXPECT_TRUE(at(v, "b").as_bool());
  EXPECT_TRUE(at(v, "c").is_nil());
  EXPECT_EQ(at(v, "d").as_string(), "1.5");
  EXPECT_EQ(at(v, "e").as_int(), 0);
  EXPECT_EQ(at(v, "f").as_string(), "007");
  EXPECT_EQ(at(v, "g").as_int(), -3);
  EXPECT_TRUE(at(v, "h").as_bool());
}

TEST(Strvals, SetStringKeepsText) {
  Value v = set("a=1,b=true", SetTyping::strings);
  EXPECT_EQ(at(v, "a").as_string(), "1");
  EXPECT_EQ(at(v, "b").as_string(), "true");
}

TEST(Strvals, NestedPathsListsAndBraces) {
  Value v = set("a.b.c=x,l[2]=z,m={p,q},n[0].k=v");
  EXPECT_EQ(at(at(at(v, "a"), "b"), "c").as_string(), "x");
  const auto& l = at(v, "l").as_list();
  ASSERT_EQ(l.size(), 3u);
  EXPECT_TRUE(l[0].is_nil());
  EXPECT_EQ(l[2].as_string(), "z");
  const auto& m = at(v, "m").as_list();
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[1].as_string(), "q");
  EXPECT_EQ(at(at(v, "n").as_list()[0], "k").as_string(), "v");
}

TEST(Strvals, EscapesAndEquals) {
  Value v = set(R"(a\.b=c\,d,e=f=g)");
  EXPECT_EQ(at(v, "a.b").as_string(), "c,d");
  EXPECT_EQ(at(v, "e").as_string(), "f=g");
}

TEST(Strvals, EmptyValueAndEmptyBraces) {
  Value v = set("a=,b={}");
  EXPECT_EQ(at(v, "a").as_string(), "");
  ASSERT_EQ(at(v, "b").as_list().size(), 1u);
  EXPECT_EQ(at(v, "b").as_list()[0].as_string(), "");
}

TEST(Strvals, Errors) {
  EXPECT_EQ(error_of("noequals"), "key \"noequals\" has no value");
  EXPECT_EQ(error_of("a,b=1"), "key \"a\" has no value (cannot end with ,)");
  EXPECT_EQ(error_of("a={b,c"), "list must terminate with '}'");
  EXPECT_EQ(error_of("a[x]=1"), "error parsing index: strconv.Atoi: parsing \"x\": invalid syntax");
  EXPECT_EQ(error_of("a[-1]=1"), "negative -1 index not allowed");
  EXPECT_EQ(error_of("a[70000]=1"),
            "index of 70000 is greater than maximum supported index of 65536");
  EXPECT_EQ(error_of("a[0]x=1"), "unexpected data at end of array index: \"x\"");
}

TEST(Strvals, ScalarThenNestedIsHelmsPanicText) {
  Value dest = empty_map();
  ASSERT_TRUE(parse_set_into("a=1", dest, SetTyping::typed).ok());
  EXPECT_EQ(error_of("a.b=2", dest),
            "unable to parse key: interface conversion: interface {} is int64, not "
            "map[string]interface {}");
}

}  // namespace
}  // namespace gitops::render::helm
