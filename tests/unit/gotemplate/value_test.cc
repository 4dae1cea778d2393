// Value: Go type identity, truthiness, length and shared map mutation.
#include "render/gotemplate/value.h"

#include <gtest/gtest.h>

#include "render/gotemplate/func_map.h"

namespace gitops::render::gotemplate {
namespace {

TEST(Value, TypeNames) {
  EXPECT_EQ(Value().type_name(), "<nil>");
  EXPECT_EQ(Value::boolean(true).type_name(), "bool");
  EXPECT_EQ(Value::integer(1).type_name(), "int");
  EXPECT_EQ(Value::int64(1).type_name(), "int64");
  EXPECT_EQ(Value::float64(1).type_name(), "float64");
  EXPECT_EQ(Value::string("a").type_name(), "string");
  EXPECT_EQ(Value::list({}).type_name(), "[]interface {}");
  EXPECT_EQ(Value::string_list({"a"}).type_name(), "[]string");
  EXPECT_EQ(Value::list({}, ListType::ints).type_name(), "[]int");
  EXPECT_EQ(Value::bytes("x").type_name(), "[]uint8");
  EXPECT_EQ(Value::map({}).type_name(), "map[string]interface {}");
  EXPECT_EQ(Value::map({}, MapType::strings).type_name(), "map[string]string");
  EXPECT_EQ(Value::map({}, MapType::helm_values).type_name(), "chartutil.Values");
  EXPECT_EQ(Value::time({}).type_name(), "time.Time");
}

TEST(Value, KindNames) {
  EXPECT_EQ(Value().kind_name(), "invalid");
  EXPECT_EQ(Value::string_list({}).kind_name(), "slice");
  EXPECT_EQ(Value::map({}, MapType::helm_values).kind_name(), "map");
  EXPECT_EQ(Value::float64(2).kind_name(), "float64");
}

TEST(Value, Truth) {
  EXPECT_FALSE(Value().truth());
  EXPECT_FALSE(Value::integer(0).truth());
  EXPECT_TRUE(Value::int64(-1).truth());
  EXPECT_FALSE(Value::float64(0).truth());
  EXPECT_FALSE(Value::string("").truth());
  EXPECT_TRUE(Value::string(" ").truth());
  EXPECT_FALSE(Value::list({}).truth());
  EXPECT_TRUE(Value::map({{"a", Value()}}).truth());
  EXPECT_TRUE(Value::time({}).truth());
}

TEST(Value, MapsAreSharedLikeGoMaps) {
  Value a = Value::map({{"x", Value::integer(1)}});
  Value b = a;
  b.map_mut()["y"] = Value::string("2");
  EXPECT_EQ(a.as_map().size(), 2u);
  EXPECT_TRUE(a.same_map(b));
  EXPECT_EQ(a.length(), 2);
}

TEST(FuncMap, AddsBothBodyForms) {
  FuncMap funcs;
  funcs.add("one", Signature{{Param::string}}, [](std::span<const Value> args) -> core::Result<Value> {
    return args[0];
  });
  funcs.add("two", Signature{{}}, [](CallContext&, std::span<const Value>) -> core::Result<Value> {
    return Value::integer(2);
  });
  ASSERT_NE(funcs.find("one"), nullptr);
  EXPECT_EQ(funcs.find("one")->signature.params.size(), 1u);
  EXPECT_NE(funcs.find("two"), nullptr);
  EXPECT_EQ(funcs.find("three"), nullptr);
}

}  // namespace
}  // namespace gitops::render::gotemplate
