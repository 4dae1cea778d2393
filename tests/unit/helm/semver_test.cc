// Masterminds/semver v3 parsing, ordering and constraints, directly and through Sprig.
#include "render/helm/semver.h"
#include "tests/unit/helm/sprig_fixture.h"

namespace gitops::render::helm::testing {
namespace {

using SemverTest = SprigTest;

std::string compare(std::string_view constraint, std::string_view version) {
  auto v = parse_semver(version);
  if (!v.ok()) return v.error().message;
  auto r = semver_satisfies(constraint, *v);
  if (!r.ok()) return r.error().message;
  return *r ? "true" : "false";
}

TEST(Semver, ParsesLooseVersions) {
  auto v = parse_semver("v1.2");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->to_string(), "1.2.0");
  EXPECT_EQ(v->original, "v1.2");
  EXPECT_EQ(parse_semver("1.2.3.4").error().message, "Invalid Semantic Version");
  EXPECT_EQ(parse_semver("").error().message, "Invalid Semantic Version");
  EXPECT_EQ(parse_semver("1.2.3-01").error().message, "Invalid Prerelease string");
  EXPECT_TRUE(parse_semver("1.2.3-0a.1+build.01").ok());
}

TEST(Semver, OrdersPrereleases) {
  auto cmp = [](std::string_view a, std::string_view b) {
    return compare_semver(*parse_semver(a), *parse_semver(b));
  };
  EXPECT_EQ(cmp("1.2.3", "1.10.0"), -1);
  EXPECT_EQ(cmp("1.2.3", "1.2.3-rc.1"), 1);
  EXPECT_EQ(cmp("1.2.3-alpha.2", "1.2.3-alpha.10"), -1);
  EXPECT_EQ(cmp("1.2.3-alpha", "1.2.3-1"), 1);
  EXPECT_EQ(cmp("1.2.3-a", "1.2.3-a.1"), -1);
  EXPECT_EQ(cmp("1.2.3+x", "1.2.3+y"), 0);
}

TEST(Semver, Constraints) {
  EXPECT_EQ(compare(">=1.20.0", "v1.25.0"), "true");
  EXPECT_EQ(compare(">=1.26", "1.25.0"), "false");
  EXPECT_EQ(compare("~1.25", "1.25.9"), "true");
  EXPECT_EQ(compare("^1.2", "1.25.0"), "true");
  EXPECT_EQ(compare("1.25.x", "1.25.0"), "true");
  EXPECT_EQ(compare("<1.20 || >=1.25", "1.25.0"), "true");
  EXPECT_EQ(compare(">=1.21, <1.25", "1.25.0"), "false");
  EXPECT_EQ(compare(">=1.21 <1.26", "1.25.0"), "true");
  EXPECT_EQ(compare("1.20 - 1.26", "1.25.0"), "true");
  EXPECT_EQ(compare("1.20 - 1.24", "1.25.0"), "false");
  EXPECT_EQ(compare("!=1.25.0", "1.25.0"), "false");
  EXPECT_EQ(compare("=1.2.3", "v1.2.3"), "true");
  EXPECT_EQ(compare(">1.2.3-alpha", "1.2.3-beta"), "true");
  EXPECT_EQ(compare("~1.2.3", "1.2.9"), "true");
  EXPECT_EQ(compare("~1.2.3", "1.3.0"), "false");
  EXPECT_EQ(compare("^0.2.3", "0.3.0"), "false");
  EXPECT_EQ(compare("^0.2.3", "0.2.9"), "true");
  EXPECT_EQ(compare("^0.0.3", "0.0.4"), "false");
  EXPECT_EQ(compare("*", "5.0.0"), "true");
  EXPECT_EQ(compare("*", "5.0.0-rc1"), "false");
  EXPECT_EQ(compare("<2", "1.99.99"), "true");
  EXPECT_EQ(compare(">11", "11.1.0"), "false");
  EXPECT_EQ(compare(">11.1", "11.1.5"), "false");
  EXPECT_EQ(compare("<=1.2", "1.2.9"), "true");
}

TEST(Semver, PrereleaseVersionsNeedPrereleaseConstraints) {
  EXPECT_EQ(compare(">=1.20", "1.25.3-gke.100"), "false");
  EXPECT_EQ(compare(">=1.20-0", "1.25.3-gke.100"), "true");
  EXPECT_EQ(compare(">=1.20.x", "1.25.3-gke.100"), "false");
  EXPECT_EQ(compare(">=1.20.0-0", "1.25.0"), "true");
}

TEST(Semver, BadConstraints) {
  EXPECT_EQ(compare(">>1", "1.0.0"), "improper constraint: >>1");
  EXPECT_EQ(compare("1.2.3 ||", "1.0.0"), "improper constraint: ");
  EXPECT_EQ(compare("abc", "1.0.0"), "improper constraint: abc");
}

TEST_F(SemverTest, SemverObject) {
  auto v = call("semver", {S("1.2.3-beta.1+build.5")});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(format_value(*v), "1.2.3-beta.1+build.5");
  auto method = [&](const char* name, std::vector<Value> args = {}) {
    auto m = v->as_object().method(name);
    if (!m) return std::string("no method");
    auto r = m->body(m_context, args);
    return r.ok() ? format_value(*r) : "ERROR: " + r.error().message;
  };
  EXPECT_EQ(method("Major"), "1");
  EXPECT_EQ(method("Minor"), "2");
  EXPECT_EQ(method("Patch"), "3");
  EXPECT_EQ(method("Prerelease"), "beta.1");
  EXPECT_EQ(method("Metadata"), "build.5");
  EXPECT_EQ(method("Original"), "1.2.3-beta.1+build.5");
  EXPECT_EQ(method("IncMinor"), "1.3.0");
  EXPECT_EQ(method("IncPatch"), "1.2.3");
  EXPECT_EQ(method("IncMajor"), "2.0.0");
  EXPECT_EQ(method("SetPrerelease", {S("rc.1")}), "1.2.3-rc.1+build.5");
  EXPECT_EQ(method("SetPrerelease", {S("01")}), "ERROR: Invalid Prerelease string");
  EXPECT_EQ(method("LessThan", {*call("semver", {S("1.10.0")})}), "true");
  EXPECT_EQ(method("Compare", {*call("semver", {S("1.2.3")})}), "-1");
  EXPECT_EQ(method("Equal", {S("1.2.3")}), "ERROR: wrong type for value; expected *semver.Version; got string");
  EXPECT_EQ(method("Nope"), "no method");
}

TEST_F(SemverTest, SprigFunctions) {
  EXPECT_EQ(run("semverCompare", {S("^1.2"), S("1.25.0")}), "true");
  EXPECT_EQ(error("semverCompare", {S("^1.2"), S("junk")}), "Invalid Semantic Version");
  EXPECT_EQ(error("semverCompare", {S("??"), S("junk")}), "improper constraint: ??");
  EXPECT_EQ(error("semver", {S("x.y")}), "Invalid Semantic Version");
}

}  // namespace
}  // namespace gitops::render::helm::testing

namespace gitops::render::helm::testing {
namespace {

// The chart layer's use: chart versions, kubeVersion and dependency ranges (IsCompatibleRange).
TEST(CompatibleRange, LooseVersionsAndRanges) {
  EXPECT_EQ(parse_semver("v1.22")->to_string(), "1.22.0");
  EXPECT_EQ(parse_semver("1.2.3-rc.1+build.7")->to_string(), "1.2.3-rc.1+build.7");
  EXPECT_FALSE(parse_semver("not.a.version").ok());
  EXPECT_FALSE(parse_semver("1.2.3-01").ok());
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

TEST(CompatibleRange, PrereleasesNeedAPrereleaseRange) {
  EXPECT_FALSE(is_compatible_range(">=1.20.0", "1.25.3-gke.100"));
  EXPECT_TRUE(is_compatible_range(">=1.20.0-0", "1.25.3-gke.100"));
}

TEST(CompatibleRange, UnparsableInputsAreIncompatible) {
  EXPECT_FALSE(is_compatible_range("", "1.0.0"));
  EXPECT_FALSE(is_compatible_range(">=1.0.0", "x"));
  EXPECT_FALSE(is_compatible_range("~>~1", "1.0.0"));
}

}  // namespace
}  // namespace gitops::render::helm::testing
