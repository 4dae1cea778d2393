// Sprig dict functions: Go map sharing (set/unset/merge mutate), mergo's merge rules, dig.
#include "tests/unit/helm/sprig_fixture.h"

namespace gitops::render::helm::testing {
namespace {

using DictsTest = SprigTest;

TEST_F(DictsTest, DictBuildsFromPairs) {
  EXPECT_EQ(run("dict", {S("a"), I(1), S("b")}), "map[a:1 b:]");
  EXPECT_EQ(run("dict", {I(1), S("one"), F(2.5), S("x"), B(true), S("t")}), "map[1:one 2.5:x true:t]");
  EXPECT_EQ(run("dict", {}), "map[]");
  EXPECT_EQ(type_of("dict", {}), "map[string]interface {}");
  EXPECT_EQ(run("dict", {Value(), I(1)}), "map[<nil>:1]");
}

TEST_F(DictsTest, GetSetUnsetHasKey) {
  Value d = M({{"a", I(1)}});
  EXPECT_EQ(run("get", {d, S("a")}), "1");
  EXPECT_EQ(run("get", {d, S("zz")}), "");
  EXPECT_EQ(run("hasKey", {d, S("a")}), "true");
  EXPECT_EQ(run("set", {d, S("b"), I(2)}), "map[a:1 b:2]");
  EXPECT_EQ(format_value(d), "map[a:1 b:2]");
  EXPECT_EQ(run("unset", {d, S("a")}), "map[b:2]");
  EXPECT_EQ(format_value(d), "map[b:2]");
  EXPECT_EQ(run("hasKey", {Value(), S("a")}), "false");
  EXPECT_EQ(error("set", {Value(), S("a"), I(1)}), "assignment to entry in nil map");
}

TEST_F(DictsTest, SetOnValuesMutatesTheSharedMap) {
  Value values = Value::map({{"x", I(1)}}, gotemplate::MapType::helm_values);
  EXPECT_EQ(type_of("set", {values, S("y"), I(2)}), "map[string]interface {}");
  EXPECT_EQ(format_value(values), "map[x:1 y:2]");
}

TEST_F(DictsTest, PluckKeysValuesPickOmit) {
  Value a = M({{"k", S("a")}, {"z", I(1)}});
  Value b = M({{"k", S("b")}});
  EXPECT_EQ(run("pluck", {S("k"), a, b, M({})}), "[a b]");
  EXPECT_EQ(run("keys", {a, b}), "[k z k]");
  EXPECT_EQ(type_of("keys", {a}), "[]string");
  EXPECT_EQ(run("values", {a}), "[a 1]");
  EXPECT_EQ(run("pick", {a, S("z"), S("nope")}), "map[z:1]");
  EXPECT_EQ(run("omit", {a, S("z")}), "map[k:a]");
  EXPECT_EQ(format_value(a), "map[k:a z:1]");
}

TEST_F(DictsTest, MergeKeepsDestinationAndMutatesIt) {
  Value dst = M({{"a", I(1)}, {"nested", M({{"x", S("dst")}})}});
  Value src = M({{"a", I(2)}, {"b", I(3)}, {"nested", M({{"x", S("src")}, {"y", S("src")}})}});
  EXPECT_EQ(run("merge", {dst, src}), "map[a:1 b:3 nested:map[x:dst y:src]]");
  EXPECT_EQ(format_value(dst), "map[a:1 b:3 nested:map[x:dst y:src]]");
  EXPECT_EQ(run("merge", {M({}), M({{"k", I(1)}}), M({{"k", I(2)}, {"j", I(3)}})}), "map[j:3 k:1]");
  EXPECT_EQ(run("merge", {M({{"e", S("")}, {"l", L({I(1)})}}), M({{"e", S("x")}, {"l", L({I(9)})}})}),
            "map[e:x l:[1]]");
}

TEST_F(DictsTest, MergeOverwriteTakesSourceIncludingEmptyValues) {
  Value dst = M({{"a", I(1)}, {"nested", M({{"x", S("dst")}, {"keep", S("k")}})}});
  Value src = M({{"a", I(2)}, {"b", I(3)}, {"nested", M({{"x", S("src")}})}});
  EXPECT_EQ(run("mergeOverwrite", {dst, src}), "map[a:2 b:3 nested:map[keep:k x:src]]");
  EXPECT_EQ(run("mergeOverwrite", {M({{"a", S("x")}, {"b", I(1)}, {"c", B(true)}}),
                                   M({{"a", S("")}, {"b", I(0)}, {"c", B(false)}})}),
            "map[a: b:0 c:false]");
  EXPECT_EQ(run("mergeOverwrite", {M({{"l", L({I(1), I(2)})}}), M({{"l", L({I(9)})}})}), "map[l:[9]]");
  EXPECT_EQ(run("mustMergeOverwrite", {M({{"a", I(1)}}), M({{"a", Value()}})}), "map[a:<nil>]");
  EXPECT_EQ(run("merge", {Value(), M({{"a", I(1)}}), Value()}), "map[a:1]");
}

TEST_F(DictsTest, DeepCopyIsIndependent) {
  Value original = M({{"m", M({{"x", I(1)}})}});
  auto copy = call("deepCopy", {original});
  ASSERT_TRUE(copy.ok());
  copy->as_map().at("m").map_mut()["x"] = I(2);
  EXPECT_EQ(format_value(original), "map[m:map[x:1]]");
  EXPECT_EQ(format_value(*copy), "map[m:map[x:2]]");
  EXPECT_EQ(run("mustDeepCopy", {Value()}), "<nil>");
}

TEST_F(DictsTest, Dig) {
  Value d = M({{"a", M({{"b", M({{"c", S("deep")}})}})}});
  EXPECT_EQ(run("dig", {S("a"), S("b"), S("c"), S("def"), d}), "deep");
  EXPECT_EQ(run("dig", {S("a"), S("x"), S("c"), S("def"), d}), "def");
  EXPECT_EQ(run("dig", {S("a"), S("def"), d}), "map[b:map[c:deep]]");
  EXPECT_EQ(error("dig", {S("a"), S("b"), S("c"), S("x"), S("def"), d}),
            "interface conversion: interface {} is string, not map[string]interface {}");
  EXPECT_EQ(error("dig", {S("a"), S("def"), Value::map({}, gotemplate::MapType::helm_values)}),
            "interface conversion: interface {} is chartutil.Values, not map[string]interface {}");
  EXPECT_EQ(error("dig", {S("a"), d}), "dig needs at least three arguments");
  EXPECT_EQ(error("dig", {I(1), S("def"), d}), "interface conversion: interface {} is int, not string");
}

}  // namespace
}  // namespace gitops::render::helm::testing
