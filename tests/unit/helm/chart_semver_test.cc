// parse_chart_version and is_compatible_range: Masterminds/semver v3 behaviour.
#include "render/helm/chart_semver.h"

#include <gtest/gtest.h>

namespace gitops::render::helm {
namespace {

TEST(ChartSemver, ParsesLooseVersions) {
  EXPECT_EQ(parse_chart_version("v1.22")->to_string(), "1.22.0");
  EXPECT_EQ(parse_chart_version("1.2.3-rc.1+build.7")->to_string(), "1.2.3-rc.1+build.7");
  EXPECT_FALSE(parse_chart_version("not.a.version"));
  EXPECT_FALSE(parse_chart_version("1.2.3-01"));
}

TEST(ChartSemver, Ranges) {
  EXPECT_TRUE(is_compatible_range(">=1.20.0-0", "v1.25.0"));
  EXPECT_FALSE(is_compatible_range(">=1.26.0", "v1.25.0"));
  EXPECT_TRUE(is_compatible_range("~1.2.0", "1.2.9"));
  EXPECT_FALSE(is_compatible_range("~1.2.0", "1.3.0"));
  EXPECT_TRUE(is_compatible_range("^1.2", "1.9.0"));
  EXPECT_FALSE(is_compatible_range("^1.2", "2.0.0"));
  EXPECT_TRUE(is_compatible_range("1.x", "1.4.2"));
  EXPECT_TRUE(is_compatible_range("1.0.0 - 2.0.0", "1.5.0"));
  EXPECT_FALSE(is_compatible_range("1.0.0 - 2.0.0", "2.0.1"));
  EXPECT_TRUE(is_compatible_range("<1.0.0 || >=3.0.0", "3.1.0"));
  EXPECT_TRUE(is_compatible_range(">=1.0.0, <2.0.0", "1.0.0"));
}

TEST(ChartSemver, PrereleasesNeedAPrereleaseRange) {
  EXPECT_FALSE(is_compatible_range(">=1.20.0", "1.25.3-gke.100"));
  EXPECT_TRUE(is_compatible_range(">=1.20.0-0", "1.25.3-gke.100"));
}

TEST(ChartSemver, UnparsableInputsAreIncompatible) {
  EXPECT_FALSE(is_compatible_range("", "1.0.0"));
  EXPECT_FALSE(is_compatible_range(">=1.0.0", "x"));
  EXPECT_FALSE(is_compatible_range("~>~1", "1.0.0"));
}

}  // namespace
}  // namespace gitops::render::helm
