// Sprig number functions: cast conversions, int64 arithmetic, decimal float arithmetic, ranges.
#include "tests/unit/helm/sprig_fixture.h"

namespace gitops::render::helm::testing {
namespace {

using NumbersTest = SprigTest;

TEST_F(NumbersTest, IntConversions) {
  EXPECT_EQ(run("int", {F(3.9)}), "3");
  EXPECT_EQ(run("int", {F(-3.9)}), "-3");
  EXPECT_EQ(run("int", {F(1e6)}), "1000000");
  EXPECT_EQ(run("int", {F(1e15)}), "1000000000000000");
  EXPECT_EQ(run("int", {S("42")}), "42");
  EXPECT_EQ(run("int", {S("10.0")}), "0");
  EXPECT_EQ(run("int", {S("0x1f")}), "31");
  EXPECT_EQ(run("int", {S("abc")}), "0");
  EXPECT_EQ(run("int", {B(true)}), "1");
  EXPECT_EQ(run("int", {Value()}), "0");
  EXPECT_EQ(type_of("int", {F(1)}), "int");
  EXPECT_EQ(type_of("int64", {F(1)}), "int64");
  EXPECT_EQ(run("int64", {F(123456789012.0)}), "123456789012");
  EXPECT_EQ(run("float64", {S("1.5")}), "1.5");
  EXPECT_EQ(run("float64", {I(3)}), "3");
  EXPECT_EQ(run("float64", {S("junk")}), "0");
  EXPECT_EQ(type_of("float64", {I(3)}), "float64");
  EXPECT_EQ(run("toDecimal", {S("0777")}), "511");
  EXPECT_EQ(run("toDecimal", {I(777)}), "511");
  EXPECT_EQ(run("toDecimal", {S("8")}), "0");
}

TEST_F(NumbersTest, IntegerArithmetic) {
  EXPECT_EQ(run("add", {I(1), F(2.9), S("3")}), "6");
  EXPECT_EQ(type_of("add", {I(1)}), "int64");
  EXPECT_EQ(run("add", {}), "0");
  EXPECT_EQ(run("add", {Value(), I(1)}), "1");
  EXPECT_EQ(run("add", {B(true), I(1)}), "2");
  EXPECT_EQ(run("add1", {F(1.5)}), "2");
  EXPECT_EQ(run("sub", {I(5), I(7)}), "-2");
  EXPECT_EQ(run("mul", {S("3"), S("4")}), "12");
  EXPECT_EQ(run("mul", {I(1000000), I(1000000)}), "1000000000000");
  EXPECT_EQ(run("div", {I(7), I(2)}), "3");
  EXPECT_EQ(run("div", {I(-7), I(2)}), "-3");
  EXPECT_EQ(run("mod", {I(-7), I(3)}), "-1");
  EXPECT_EQ(error("div", {I(1), I(0)}), "runtime error: integer divide by zero");
  EXPECT_EQ(error("mod", {I(1), Value()}), "runtime error: integer divide by zero");
  EXPECT_EQ(run("max", {I(1), F(5.5), S("3")}), "5");
  EXPECT_EQ(run("biggest", {I(1), I(9)}), "9");
  EXPECT_EQ(run("min", {I(4), I(-2), I(3)}), "-2");
}

TEST_F(NumbersTest, FloatHelpers) {
  EXPECT_EQ(run("maxf", {I(1), F(2.5), S("2")}), "2.5");
  EXPECT_EQ(run("minf", {I(1), F(2.5), S("-2")}), "-2");
  EXPECT_EQ(run("floor", {F(1.7)}), "1");
  EXPECT_EQ(run("ceil", {S("1.2")}), "2");
  EXPECT_EQ(run("round", {F(3.14159), I(2)}), "3.14");
  EXPECT_EQ(run("round", {F(2.5), I(0)}), "3");
  EXPECT_EQ(run("round", {F(2.5), I(0), F(0.6)}), "2");
}

TEST_F(NumbersTest, DecimalArithmetic) {
  EXPECT_EQ(run("addf", {F(0.1), F(0.2)}), "0.3");
  EXPECT_EQ(run("addf", {I(1), F(2.5), I(3)}), "6.5");
  EXPECT_EQ(run("addf", {}), "0");
  EXPECT_EQ(run("subf", {I(10), F(0.5), F(0.25)}), "9.25");
  EXPECT_EQ(run("mulf", {F(0.1), I(3)}), "0.3");
  EXPECT_EQ(run("mulf", {I(1000000), I(1000000)}), "1e+12");
  EXPECT_EQ(run("mulf", {F(123456.789), I(2)}), "246913.578");
  EXPECT_EQ(run("divf", {I(1), I(3)}), "0.3333333333333333");
  EXPECT_EQ(run("divf", {I(2), I(3)}), "0.6666666666666667");
  EXPECT_EQ(run("divf", {I(10), I(4)}), "2.5");
  EXPECT_EQ(run("divf", {I(100), I(2), I(5)}), "10");
  EXPECT_EQ(run("add1f", {F(1.1)}), "2.1");
  EXPECT_EQ(type_of("addf", {I(1), I(1)}), "float64");
  EXPECT_EQ(error("divf", {I(1), I(0)}), "decimal division by zero");
  EXPECT_EQ(error("addf", {F(HUGE_VAL)}), "Cannot create a Decimal from +Inf");
}

TEST_F(NumbersTest, SeqUntil) {
  EXPECT_EQ(run("seq", {I(3)}), "1 2 3");
  EXPECT_EQ(run("seq", {I(-2)}), "1 0 -1 -2");
  EXPECT_EQ(run("seq", {I(2), I(5)}), "2 3 4 5");
  EXPECT_EQ(run("seq", {I(5), I(2)}), "5 4 3 2");
  EXPECT_EQ(run("seq", {I(0), I(2), I(6)}), "0 2 4 6");
  EXPECT_EQ(run("seq", {I(6), I(2), I(0)}), "");
  EXPECT_EQ(run("seq", {I(6), I(-2), I(0)}), "6 4 2 0");
  EXPECT_EQ(run("seq", {}), "");
  EXPECT_EQ(run("until", {I(3)}), "[0 1 2]");
  EXPECT_EQ(type_of("until", {I(3)}), "[]int");
  EXPECT_EQ(run("until", {I(-2)}), "[0 -1]");
  EXPECT_EQ(run("untilStep", {I(0), I(10), I(4)}), "[0 4 8]");
  EXPECT_EQ(run("untilStep", {I(10), I(0), I(-5)}), "[10 5]");
  EXPECT_EQ(run("untilStep", {I(0), I(10), I(0)}), "[]");
}

TEST_F(NumbersTest, RandInt) {
  for (int i = 0; i < 50; ++i) {
    auto r = call("randInt", {I(5), I(8)});
    ASSERT_TRUE(r.ok());
    EXPECT_GE(r->as_int(), 5);
    EXPECT_LT(r->as_int(), 8);
  }
  EXPECT_EQ(error("randInt", {I(5), I(5)}), "invalid argument to Intn");
}

}  // namespace
}  // namespace gitops::render::helm::testing
