// Sprig defaults (default, empty, coalesce, all, any, fail) and reflection functions.
#include "tests/unit/helm/sprig_fixture.h"

namespace gitops::render::helm::testing {
namespace {

using TypesTest = SprigTest;

TEST_F(TypesTest, DefaultTreatsEveryEmptyValueAsMissing) {
  for (const Value& empty : {Value(), S(""), I(0), F(0), B(false), L({}), M({}), I64(0)}) {
    EXPECT_EQ(run("default", {S("d"), empty}), "d") << empty.type_name();
  }
  EXPECT_EQ(run("default", {S("d")}), "d");
  EXPECT_EQ(run("default", {S("d"), S("given")}), "given");
  EXPECT_EQ(run("default", {S("d"), B(true)}), "true");
  EXPECT_EQ(run("empty", {Value::time(gotemplate::Time{})}), "false");
  EXPECT_EQ(run("empty", {S(" ")}), "false");
}

TEST_F(TypesTest, CoalesceAllAny) {
  EXPECT_EQ(run("coalesce", {Value(), S(""), I(0), S("x"), S("y")}), "x");
  EXPECT_EQ(run("coalesce", {Value(), S("")}), "<nil>");
  EXPECT_EQ(run("all", {I(1), S("a")}), "true");
  EXPECT_EQ(run("all", {I(1), S("")}), "false");
  EXPECT_EQ(run("all", {}), "true");
  EXPECT_EQ(run("any", {S(""), I(0), B(true)}), "true");
  EXPECT_EQ(run("any", {}), "false");
}

TEST_F(TypesTest, FailReturnsItsMessage) {
  EXPECT_EQ(error("fail", {S("ok is false, refusing")}), "ok is false, refusing");
}

TEST_F(TypesTest, TypeAndKindOf) {
  EXPECT_EQ(run("typeOf", {F(1)}), "float64");
  EXPECT_EQ(run("typeOf", {Value()}), "<nil>");
  EXPECT_EQ(run("typeOf", {Value::map({}, gotemplate::MapType::helm_values)}), "chartutil.Values");
  EXPECT_EQ(run("kindOf", {Value::map({}, gotemplate::MapType::helm_values)}), "map");
  EXPECT_EQ(run("kindOf", {Value::string_list({})}), "slice");
  EXPECT_EQ(run("kindOf", {Value()}), "invalid");
  EXPECT_EQ(run("typeIs", {S("int"), I(1)}), "true");
  EXPECT_EQ(run("typeIs", {S("int"), I64(1)}), "false");
  EXPECT_EQ(run("typeIsLike", {S("semver.Version"), Value()}), "false");
  EXPECT_EQ(run("kindIs", {S("string"), S("")}), "true");
}

TEST_F(TypesTest, TypeIsLikeAcceptsPointers) {
  auto v = call("semver", {S("1.2.3")});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(run("typeIsLike", {S("semver.Version"), *v}), "true");
  EXPECT_EQ(run("typeOf", {*v}), "*semver.Version");
  EXPECT_EQ(run("kindOf", {*v}), "ptr");
}

TEST_F(TypesTest, DeepEqualComparesTypesAndContents) {
  EXPECT_EQ(run("deepEqual", {I(1), I(1)}), "true");
  EXPECT_EQ(run("deepEqual", {I(1), F(1)}), "false");
  EXPECT_EQ(run("deepEqual", {L({I(1), M({{"a", S("b")}})}), L({I(1), M({{"a", S("b")}})})}), "true");
  EXPECT_EQ(run("deepEqual", {L({}), Value::string_list({})}), "false");
  EXPECT_EQ(run("deepEqual", {Value(), Value()}), "true");
}

}  // namespace
}  // namespace gitops::render::helm::testing
