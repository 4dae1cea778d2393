// Go's strconv pieces: float formatting, quoting, unquoting and UTF-8 helpers.
#include "render/gotemplate/strconv.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace gitops::render::gotemplate {
namespace {

TEST(Strconv, FormatFloatShortest) {
  EXPECT_EQ(format_float(1e6, 'g', -1), "1e+06");
  EXPECT_EQ(format_float(123456, 'g', -1), "123456");
  EXPECT_EQ(format_float(0.1, 'g', -1), "0.1");
  EXPECT_EQ(format_float(0.00001, 'g', -1), "1e-05");
  EXPECT_EQ(format_float(0.0001, 'g', -1), "0.0001");
  EXPECT_EQ(format_float(-2.5, 'g', -1), "-2.5");
  EXPECT_EQ(format_float(0, 'g', -1), "0");
  EXPECT_EQ(format_float(-0.0, 'g', -1), "-0");
  EXPECT_EQ(format_float(1.0 / 3, 'g', -1), "0.3333333333333333");
  EXPECT_EQ(format_float(1e21, 'f', -1), "1000000000000000000000");
  EXPECT_EQ(format_float(1.5, 'e', -1), "1.5e+00");
  EXPECT_EQ(format_float(std::numeric_limits<double>::infinity(), 'g', -1), "+Inf");
  EXPECT_EQ(format_float(std::nan(""), 'f', 2), "NaN");
}

TEST(Strconv, FormatFloatWithPrecision) {
  EXPECT_EQ(format_float(3.14159, 'f', 2), "3.14");
  EXPECT_EQ(format_float(2.5, 'f', 0), "2");
  EXPECT_EQ(format_float(1234.5678, 'e', 3), "1.235e+03");
  EXPECT_EQ(format_float(1234.5678, 'E', 1), "1.2E+03");
  EXPECT_EQ(format_float(1234567, 'g', 3), "1.23e+06");
  EXPECT_EQ(format_float(100, 'g', 3), "100");
  EXPECT_EQ(format_float(0.000012345, 'g', 2), "1.2e-05");
}

TEST(Strconv, Quote) {
  EXPECT_EQ(quote("a\"b\\c\n\t\x01\x7f"), "\"a\\\"b\\\\c\\n\\t\\x01\\x7f\"");
  EXPECT_EQ(quote("é😀"), "\"é😀\"");
  EXPECT_EQ(quote_ascii("é😀"), "\"\\u00e9\\U0001f600\"");
  EXPECT_EQ(quote("\xff"), "\"\\xff\"");
  EXPECT_EQ(quote("\u00ad"), "\"\\u00ad\"");
  EXPECT_EQ(quote_rune('\''), "'\\''");
  EXPECT_EQ(format_unicode('A'), "U+0041 'A'");
  EXPECT_EQ(format_unicode('\n'), "U+000A");
}

TEST(Strconv, Unquote) {
  EXPECT_EQ(unquote("\"a\\n\\x41\\u00e9\\U0001F600\\101\""), "a\nAé😀A");
  EXPECT_EQ(unquote("`a\\n\r\nb`"), "a\\n\nb");
  EXPECT_EQ(unquote("'x'"), "x");
  EXPECT_EQ(unquote("'\\''"), "'");
  EXPECT_FALSE(unquote("\"\\'\"").has_value());
  EXPECT_FALSE(unquote("\"\\q\"").has_value());
  EXPECT_FALSE(unquote("'ab'").has_value());
}

TEST(Strconv, Utf8) {
  EXPECT_EQ(utf8_count("héllo"), 5u);
  EXPECT_EQ(utf8_prefix("héllo", 2), "hé");
  EXPECT_EQ(decode_rune("\xe2\x82\xac"), 0x20AC);
  EXPECT_EQ(decode_rune("\xc0\x80"), k_rune_error);
}

}  // namespace
}  // namespace gitops::render::gotemplate
