// Go's number and value printing (go_format.h) and time layouts (go_format_time.h).
#include "render/helm/go_format.h"
#include "render/helm/go_format_time.h"
#include "tests/unit/helm/sprig_fixture.h"

namespace gitops::render::helm::testing {
namespace {

TEST(GoFormat, FloatG) {
  EXPECT_EQ(format_float_g(1e6), "1e+06");
  EXPECT_EQ(format_float_g(123456), "123456");
  EXPECT_EQ(format_float_g(1234567), "1.234567e+06");
  EXPECT_EQ(format_float_g(1e8), "1e+08");
  EXPECT_EQ(format_float_g(0.0001), "0.0001");
  EXPECT_EQ(format_float_g(0.00001), "1e-05");
  EXPECT_EQ(format_float_g(-2.5), "-2.5");
  EXPECT_EQ(format_float_g(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_float_g(0), "0");
  EXPECT_EQ(format_float_g(HUGE_VAL), "+Inf");
  EXPECT_EQ(format_float_g(-HUGE_VAL), "-Inf");
  EXPECT_EQ(format_float_g(std::nan("")), "NaN");
  EXPECT_EQ(format_float_g(1.7976931348623157e308), "1.7976931348623157e+308");
}

TEST(GoFormat, FloatFAndE) {
  EXPECT_EQ(format_float_f(1e21, -1), "1000000000000000000000");
  EXPECT_EQ(format_float_f(0.000001, -1), "0.000001");
  EXPECT_EQ(format_float_f(2.5, 0), "2");
  EXPECT_EQ(format_float_f(1.005, 2), "1.00");
  EXPECT_EQ(format_float_e(1234.5, -1), "1.2345e+03");
  EXPECT_EQ(format_float_e(1e-7, -1), "1e-07");
  EXPECT_EQ(format_float_e(0, 2), "0.00e+00");
}

TEST(GoFormat, ValuesAsPercentV) {
  using gotemplate::Value;
  EXPECT_EQ(format_value(Value()), "<nil>");
  EXPECT_EQ(format_value(L({I(1), Value(), S("a b"), F(1e6)})), "[1 <nil> a b 1e+06]");
  EXPECT_EQ(format_value(M({{"b", L({})}, {"a", M({})}})), "map[a:map[] b:[]]");
  EXPECT_EQ(format_value(Value::bytes("hi")), "[104 105]");
  std::vector<Value> args = {I(1), I(2), S("x"), I(3), F(4)};
  EXPECT_EQ(sprint(args), "1 2x3 4");
}

TEST(GoFormat, Quote) {
  EXPECT_EQ(go_quote("h\xc3\xa9llo \xe2\x9c\x93"), "\"h\xc3\xa9llo \xe2\x9c\x93\"");
  EXPECT_EQ(go_quote("\a\b\f\v\x1b"), "\"\\a\\b\\f\\v\\x1b\"");
  EXPECT_EQ(go_quote("\xc2\x85\xe2\x80\xa8"), "\"\\u0085\\u2028\"");
  EXPECT_EQ(go_quote("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");
  EXPECT_EQ(go_quote("\xed\xa0\x80"), "\"\\xed\\xa0\\x80\"");
}

TEST(GoTime, FormatAndParseLayouts) {
  auto t = parse_time("2006-01-02 15:04:05.000 -07:00", "2021-12-31 23:59:58.125 +05:30");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(format_time(*t, "Mon Jan _2 15:04:05.999 MST 2006"), "Fri Dec 31 23:59:58.125 +0530 2021");
  EXPECT_EQ(format_time(in_utc(*t), "2006-01-02T15:04:05Z07:00"), "2021-12-31T18:29:58Z");
  EXPECT_EQ(format_time(zero_time(), "2006-01-02 15:04:05"), "0001-01-01 00:00:00");
  EXPECT_EQ(format_time(unix_time(-1), "2006-01-02 15:04:05 pm"), "1969-12-31 23:59:59 pm");
  EXPECT_EQ(format_time_default(unix_time(86400)), "1970-01-02 00:00:00 +0000 UTC");
  EXPECT_EQ(parse_time("15:04", "25:00").error().message, "parsing time \"25:00\": hour out of range");
  EXPECT_EQ(parse_time("Jan 2", "Foo 2").error().message,
            "parsing time \"Foo 2\" as \"Jan 2\": cannot parse \"Foo 2\" as \"Jan\"");
}

TEST(GoTime, Durations) {
  EXPECT_EQ(*parse_duration("1h30m"), 5400000000000);
  EXPECT_EQ(*parse_duration("-1.5s"), -1500000000);
  EXPECT_EQ(*parse_duration("0"), 0);
  EXPECT_EQ(*parse_duration("300ms"), 300000000);
  EXPECT_EQ(parse_duration("").error().message, "time: invalid duration \"\"");
  EXPECT_EQ(format_duration(5400000000000), "1h30m0s");
  EXPECT_EQ(format_duration(999), "999ns");
}

}  // namespace
}  // namespace gitops::render::helm::testing
