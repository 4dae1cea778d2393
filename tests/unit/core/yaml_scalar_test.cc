// Plain-scalar resolution, Go's float formatting, timestamps and base-60 detection, and
// go-yaml's key order, each against values go-yaml v2 and Go's strconv produce.
#include <gtest/gtest.h>

#include <limits>

#include "core/yaml_key_order.h"
#include "core/yaml_scalar.h"

namespace gitops::core {
namespace {

TEST(YamlScalar, ResolvesTypes) {
  EXPECT_EQ(resolve_plain_scalar("yes").type, ScalarType::boolean);
  EXPECT_EQ(resolve_plain_scalar("~").type, ScalarType::null);
  EXPECT_EQ(resolve_plain_scalar("-12").type, ScalarType::signed_integer);
  EXPECT_EQ(resolve_plain_scalar("-12").signed_integer, -12);
  EXPECT_EQ(resolve_plain_scalar("18446744073709551615").type, ScalarType::unsigned_integer);
  EXPECT_EQ(resolve_plain_scalar("+18446744073709551615").type, ScalarType::floating);
  EXPECT_EQ(resolve_plain_scalar("0b_11").signed_integer, 3);
  EXPECT_EQ(resolve_plain_scalar("1e3").type, ScalarType::floating);
  EXPECT_EQ(resolve_plain_scalar("1e3").floating, 1000.0);
  EXPECT_EQ(resolve_plain_scalar("1e-400").floating, 0.0);
  EXPECT_EQ(resolve_plain_scalar("2001-12-14").type, ScalarType::timestamp);
  EXPECT_EQ(resolve_plain_scalar("<<").type, ScalarType::string);
  EXPECT_EQ(resolve_plain_scalar("0o8").type, ScalarType::string);
  EXPECT_EQ(resolve_plain_scalar("0x").type, ScalarType::string);
  EXPECT_EQ(to_string(ScalarType::unsigned_integer), "int");
}

TEST(YamlScalar, Timestamps) {
  for (const char* text : {"2001-12-14", "2001-1-2", "2001-12-14T21:59:43.10-05:00",
                           "2001-12-14t21:59:43Z", "2001-12-14 21:59:43.10", "2000-02-29",
                           "2001-12-14T1:2:3Z", "2001-12-14T21:59:43,5Z"}) {
    EXPECT_TRUE(is_yaml_timestamp(text)) << text;
  }
  for (const char* text : {"2001-13-14", "2001-02-29", "1900-02-29", "2001-12-14T21:59:43",
                           "2001-12-14 21:59:43Z", "2001-12-14T24:00:00Z", "01-12-14",
                           "2001-12-14x", "2001-12", "2001-123-1", "2001-12-14T21:59:43+0500"}) {
    EXPECT_FALSE(is_yaml_timestamp(text)) << text;
  }
}

TEST(YamlScalar, Base60Floats) {
  for (const char* text : {"1:20", "190:20:30.15", "-1:59", "+1_0:5", "1:5.", "12:30:45"}) {
    EXPECT_TRUE(is_base60_float(text)) << text;
  }
  for (const char* text : {"1:60", "8080:80", "1:", ":1", "a:1", "1:2:", "1:2a", "1"}) {
    EXPECT_FALSE(is_base60_float(text)) << text;
  }
}

TEST(YamlScalar, GoFloatFormatting) {
  EXPECT_EQ(format_go_float(0.5, 64), "0.5");
  EXPECT_EQ(format_go_float(1e6, 64), "1e+06");
  EXPECT_EQ(format_go_float(123456, 64), "123456");
  EXPECT_EQ(format_go_float(1234567, 64), "1.234567e+06");
  EXPECT_EQ(format_go_float(0.0001, 64), "0.0001");
  EXPECT_EQ(format_go_float(0.00001, 64), "1e-05");
  EXPECT_EQ(format_go_float(1e100, 64), "1e+100");
  EXPECT_EQ(format_go_float(-2.5e-10, 64), "-2.5e-10");
  EXPECT_EQ(format_go_float(0.1 + 0.2, 64), "0.30000000000000004");
  EXPECT_EQ(format_go_float(0.1 + 0.2, 32), "0.3");
  EXPECT_EQ(format_go_float(3.14159265358979, 32), "3.1415927");
  EXPECT_EQ(format_go_float(1e39, 32), "+Inf");
  EXPECT_EQ(format_go_float(-1e39, 32), "-Inf");
  EXPECT_EQ(format_go_float(0, 64), "0");
  EXPECT_EQ(format_go_float(-0.0, 64), "-0");
  EXPECT_EQ(format_go_float(std::numeric_limits<double>::infinity(), 64), "+Inf");
  EXPECT_EQ(format_go_float(-std::numeric_limits<double>::infinity(), 64), "-Inf");
  EXPECT_EQ(format_go_float(std::numeric_limits<double>::quiet_NaN(), 64), "NaN");
}

TEST(YamlKeyOrder, NaturalOrderOfGoYamlV2) {
  EXPECT_TRUE(yaml_key_less("a2", "a10"));
  EXPECT_FALSE(yaml_key_less("a10", "a2"));
  EXPECT_TRUE(yaml_key_less("a2", "a02"));
  EXPECT_TRUE(yaml_key_less("_x", "B"));
  EXPECT_TRUE(yaml_key_less("B", "a"));
  EXPECT_TRUE(yaml_key_less("-", "1"));
  EXPECT_TRUE(yaml_key_less("a", "ab"));
  EXPECT_TRUE(yaml_key_less("x1y", "x1z"));
  EXPECT_TRUE(yaml_key_less("z", "é"));
  EXPECT_TRUE(yaml_key_less("containerPort", "hostPort"));
  EXPECT_TRUE(yaml_key_less("apiVersion", "kind"));
  EXPECT_FALSE(yaml_key_less("same", "same"));
}

}  // namespace
}  // namespace gitops::core
