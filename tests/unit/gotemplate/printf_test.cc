// Go's fmt over Values: verbs, flags, widths, precisions, bad verbs, missing and extra operands.
#include "render/gotemplate/printf.h"

#include <gtest/gtest.h>

#include "tests/unit/gotemplate/render_helper.h"

namespace gitops::render::gotemplate::testing {
namespace {

std::string f(std::string_view format, std::vector<Value> args) { return sprintf(format, args); }
Value i(std::int64_t v) { return Value::integer(v); }

TEST(Printf, Integers) {
  EXPECT_EQ(f("%d|%5d|%-5d|%05d|%+d", {i(42), i(42), i(42), i(-42), i(5)}), "42|   42|42   |-0042|+5");
  EXPECT_EQ(f("%x %X %#x %o %#o %b %O", {i(255), i(255), i(255), i(8), i(8), i(5), i(8)}),
            "ff FF 0xff 10 010 101 0o10");
  EXPECT_EQ(f("%c %q %U %.3d", {i(65), i(65), i(0x1F600), i(7)}), "A 'A' U+1F600 007");
  EXPECT_EQ(f("%d", {Value::int64(-9000000000)}), "-9000000000");
  EXPECT_EQ(f("%*d|%-*d", {i(5), i(42), i(4), i(1)}), "   42|1   ");
}

TEST(Printf, Strings) {
  EXPECT_EQ(f("%s|%5s|%-5s|%.1s|%05s", {str("hi"), str("hi"), str("hi"), str("hi"), str("hi")}),
            "hi|   hi|hi   |h|000hi");
  EXPECT_EQ(f("%q %x %X % x", {str("a\"b\n"), str("hi"), str("hi"), str("hi")}),
            "\"a\\\"b\\n\" 6869 6869 68 69");
  EXPECT_EQ(f("%#q %+q", {str("a"), str("é")}), "`a` \"\\u00e9\"");
  EXPECT_EQ(f("%v %s %q", {Value::bytes("hi"), Value::bytes("hi"), Value::bytes("hi")}),
            "[104 105] hi \"hi\"");
}

TEST(Printf, Floats) {
  EXPECT_EQ(f("%f|%.2f|%8.3f|%08.3f|%+.1f", {num(3.14159), num(3.14159), num(3.14159),
                                              num(-3.14159), num(2)}),
            "3.141590|3.14|   3.142|-003.142|+2.0");
  EXPECT_EQ(f("%e %E %g %G", {num(1234.5678), num(1234.5678), num(1234.5678), num(1e-7)}),
            "1.234568e+03 1.234568E+03 1234.5678 1E-07");
  EXPECT_EQ(f("%v %v %v %v %v %v", {num(1e6), num(100000), num(0.1), num(3), num(1e21), num(1.5e-5)}),
            "1e+06 100000 0.1 3 1e+21 1.5e-05");
  EXPECT_EQ(f("%.3g %.3g %g %v", {num(1234567), num(1), num(0), num(-0.000001)}),
            "1.23e+06 1 0 -1e-06");
  EXPECT_EQ(f("%v %v", {num(123456789), num(0.0001)}), "1.23456789e+08 0.0001");
}

TEST(Printf, BadVerbsMissingExtra) {
  EXPECT_EQ(f("%d %s %d %t", {str("x"), i(1), num(1.5), i(1)}),
            "%!d(string=x) %!s(int=1) %!d(float64=1.5) %!t(int=1)");
  EXPECT_EQ(f("%d|%v|%s", {Value(), Value(), Value()}), "%!d(<nil>)|<nil>|%!s(<nil>)");
  EXPECT_EQ(f("%z", {i(1)}), "%!z(int=1)");
  EXPECT_EQ(f("%d %d", {i(1)}), "1 %!d(MISSING)");
  EXPECT_EQ(f("%d", {i(1), i(2), str("a"), Value()}), "1%!(EXTRA int=2, string=a, <nil>)");
  EXPECT_EQ(f("100%% %", {}), "100% %!(NOVERB)");
  EXPECT_EQ(f("no verbs", {i(1)}), "no verbs%!(EXTRA int=1)");
}

TEST(Printf, Composites) {
  Value m = dict({{"b", str("x")}, {"a", num(1)}, {"n", Value()}});
  Value l = Value::list({str("a"), Value(), num(2.5)});
  EXPECT_EQ(f("%v|%+v|%s", {m, m, l}), "map[a:1 b:x n:<nil>]|map[a:1 b:x n:<nil>]|[a <nil> %!s(float64=2.5)]");
  EXPECT_EQ(f("%d %v", {Value::list({i(1), i(2)}, ListType::ints), Value::string_list({"a", "b"})}),
            "[1 2] [a b]");
  EXPECT_EQ(f("%T %T %T %T", {l, m, Value(), Value::map({}, MapType::strings)}),
            "[]interface {} map[string]interface {} <nil> map[string]string");
  EXPECT_EQ(f("%v", {dict({{"a", dict({{"b", Value::list({})}})}})}), "map[a:map[b:[]]]");
  EXPECT_EQ(f("%v", {Value::time(Time{86400 + 3661, 5000, 0, "UTC"})}),
            "1970-01-02 01:01:01.000005 +0000 UTC");
}

TEST(Printf, PrintAndPrintln) {
  std::vector<Value> args = {str("a"), i(1), i(2), str("b"), Value()};
  EXPECT_EQ(sprint(args), "a1 2b<nil>");
  EXPECT_EQ(sprintln(args), "a 1 2 b <nil>\n");
  EXPECT_EQ(render("{{ print 1 2 }}|{{ println \"x\" }}|{{ printf \"%05.1f\" 3.14159 }}"),
            "1 2|x\n|003.1");
  EXPECT_EQ(render("{{ printf 3 }}"),
            "ERROR: template: t.yaml:1:10: executing \"t.yaml\" at <3>: expected string; found 3");
}

}  // namespace
}  // namespace gitops::render::gotemplate::testing
