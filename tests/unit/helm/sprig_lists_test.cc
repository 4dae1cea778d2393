// Sprig list functions: results, Go types, must* errors and the panics of the plain forms.
#include "tests/unit/helm/sprig_fixture.h"

namespace gitops::render::helm::testing {
namespace {

using ListsTest = SprigTest;

Value abc() { return L({S("a"), S("b"), S("c")}); }

TEST_F(ListsTest, ListAndAccessors) {
  EXPECT_EQ(run("list", {I(1), S("a"), Value()}), "[1 a <nil>]");
  EXPECT_EQ(type_of("list", {}), "[]interface {}");
  EXPECT_EQ(run("tuple", {I(1)}), "[1]");
  EXPECT_EQ(run("first", {abc()}), "a");
  EXPECT_EQ(run("last", {abc()}), "c");
  EXPECT_EQ(run("rest", {abc()}), "[b c]");
  EXPECT_EQ(run("initial", {abc()}), "[a b]");
  EXPECT_EQ(run("first", {L({})}), "<nil>");
  EXPECT_EQ(run("rest", {L({})}), "[]");
  EXPECT_EQ(run("first", {Value::string_list({"x", "y"})}), "x");
  EXPECT_EQ(type_of("rest", {Value::string_list({"x", "y"})}), "[]interface {}");
}

TEST_F(ListsTest, WrongTypesAndNil) {
  EXPECT_EQ(error("first", {S("abc")}), "Cannot find first on type string");
  EXPECT_EQ(error("mustFirst", {S("abc")}), "Cannot find first on type string");
  EXPECT_EQ(error("mustAppend", {M({}), I(1)}), "Cannot push on type map");
  EXPECT_EQ(error("append", {Value(), I(1)}),
            "runtime error: invalid memory address or nil pointer dereference");
  EXPECT_EQ(error("last", {F(1)}), "Cannot find last on type float64");
  EXPECT_EQ(error("rest", {B(true)}), "Cannot find rest on type bool");
  EXPECT_EQ(error("initial", {I(1)}), "Cannot find initial on type int");
  EXPECT_EQ(error("prepend", {S("x"), I(1)}), "Cannot prepend on type string");
  EXPECT_EQ(error("reverse", {S("x")}), "Cannot find reverse on type string");
  EXPECT_EQ(error("compact", {S("x")}), "Cannot compact on type string");
  EXPECT_EQ(error("uniq", {S("x")}), "Cannot find uniq on type string");
  EXPECT_EQ(error("without", {S("x")}), "Cannot find without on type string");
  EXPECT_EQ(error("chunk", {I(2), S("x")}), "Cannot chunk type string");
  EXPECT_EQ(error("mustHas", {I(1), S("x")}), "Cannot find has on type string");
  EXPECT_EQ(error("slice", {S("abc"), I(1)}), "list should be type of slice or array but string");
  EXPECT_EQ(error("concat", {abc(), S("x")}), "Cannot concat type string as list");
}

TEST_F(ListsTest, AppendPrependConcat) {
  EXPECT_EQ(run("append", {abc(), S("d")}), "[a b c d]");
  EXPECT_EQ(run("push", {Value::string_list({"x"}), I(1)}), "[x 1]");
  EXPECT_EQ(type_of("append", {Value::string_list({"x"}), I(1)}), "[]interface {}");
  EXPECT_EQ(run("prepend", {abc(), S("z")}), "[z a b c]");
  EXPECT_EQ(run("concat", {abc(), L({I(1)}), Value::string_list({"q"})}), "[a b c 1 q]");
  EXPECT_EQ(run("concat", {}), "[]");
}

TEST_F(ListsTest, ReverseUniqWithoutHas) {
  EXPECT_EQ(run("reverse", {abc()}), "[c b a]");
  EXPECT_EQ(run("uniq", {L({I(1), I(1), F(1), S("1"), I(1)})}), "[1 1 1]");
  EXPECT_EQ(run("without", {L({I(1), I(2), I(3), I(2)}), I(2), I(3)}), "[1]");
  EXPECT_EQ(run("has", {I(2), L({F(1), F(2)})}), "false");
  EXPECT_EQ(run("has", {F(2), L({F(1), F(2)})}), "true");
  EXPECT_EQ(run("has", {I64(2), L({I(2)})}), "false");
  EXPECT_EQ(run("has", {I(2), Value()}), "false");
  EXPECT_EQ(run("has", {S("b"), Value::string_list({"a", "b"})}), "true");
}

TEST_F(ListsTest, CompactSliceChunk) {
  EXPECT_EQ(run("compact", {L({S(""), I(0), S("a"), Value(), B(false), F(0), L({}), M({}), I(2)})}), "[a 2]");
  EXPECT_EQ(run("slice", {abc(), I(1)}), "[b c]");
  EXPECT_EQ(run("slice", {abc(), I(1), I(2)}), "[b]");
  EXPECT_EQ(run("slice", {abc()}), "[a b c]");
  EXPECT_EQ(type_of("slice", {Value::string_list({"a", "b"}), I(1)}), "[]string");
  EXPECT_EQ(run("slice", {L({}), I(1)}), "<nil>");
  EXPECT_EQ(error("slice", {abc(), I(2), I(9)}), "reflect.Value.Slice: slice index out of bounds");
  EXPECT_EQ(run("chunk", {I(2), L({I(1), I(2), I(3), I(4), I(5)})}), "[[1 2] [3 4] [5]]");
  EXPECT_EQ(run("chunk", {I(2), L({I(1), I(2)})}), "[[1 2]]");
  EXPECT_EQ(run("chunk", {I(2), L({})}), "[]");
}

}  // namespace
}  // namespace gitops::render::helm::testing
