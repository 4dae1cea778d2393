#include "diff/mask.h"

#include <gtest/gtest.h>

namespace gitops::diff {
namespace {

core::Json secret(core::Json data) {
  return {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", {{"name", "s"}}}, {"data", data}};
}

TEST(Mask, PairShowsWhichKeysChanged) {
  core::Json before = secret({{"same", "c2FtZQ=="}, {"changed", "b2xk"}, {"gone", "eA=="}});
  core::Json after = secret({{"same", "c2FtZQ=="}, {"changed", "bmV3"}, {"added", "eQ=="}});
  mask_secret_pair(before, after);
  EXPECT_EQ(before["data"], (core::Json{{"same", "***"}, {"changed", "*** (before)"}, {"gone", "***"}}));
  EXPECT_EQ(after["data"], (core::Json{{"same", "***"}, {"changed", "*** (after)"}, {"added", "***"}}));
}

TEST(Mask, SingleSideMasksEverything) {
  core::Json s = secret({{"password", "aHVudGVyMg=="}});
  s["stringData"] = {{"token", "plain"}};
  s["metadata"]["annotations"] = {{"kubectl.kubernetes.io/last-applied-configuration", "{\"data\":1}"}};
  mask_secret(s);
  EXPECT_EQ(s["data"]["password"], "***");
  EXPECT_EQ(s["stringData"]["token"], "***");
  EXPECT_EQ(s["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"], "***");
  EXPECT_EQ(s.dump().find("hunter2"), std::string::npos);
}

TEST(Mask, OtherKindsAreUntouched) {
  core::Json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"data", {{"k", "v"}}}};
  core::Json copy = cm;
  mask_secret(copy);
  EXPECT_EQ(copy, cm);
}

TEST(Mask, CreationAgainstNull) {
  core::Json before;
  core::Json after = secret({{"k", "dg=="}});
  mask_secret_pair(before, after);
  EXPECT_TRUE(before.is_null());
  EXPECT_EQ(after["data"]["k"], "***");
}

}  // namespace
}  // namespace gitops::diff
