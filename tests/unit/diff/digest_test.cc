#include <gtest/gtest.h>

#include "diff/digest.h"

namespace gitops::diff {
namespace {

core::Json entry(const std::string& manager, const std::string& operation, const core::Json& fields,
                 const std::string& time = "2026-11-30T01:00:00Z") {
  return {{"manager", manager}, {"operation", operation},   {"apiVersion", "v1"},
          {"time", time},       {"fieldsType", "FieldsV1"}, {"fieldsV1", fields}};
}

core::Json object(const core::Json& managed, const std::string& uid = "u-1") {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata",
           {{"name", "a"}, {"uid", uid}, {"resourceVersion", "7"}, {"managedFields", managed}}},
          {"data", {{"key", "1"}}}};
}

const core::Json k_ours = {{"f:data", {{"f:key", core::Json::object()}}}};

TEST(Sha256Hex, KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(OwnershipDigest, IgnoresOtherManagersTheTimeAndTheResourceVersion) {
  std::string base = ownership_digest(
      object(core::Json::array({entry("kubectl-gitops", "Apply", k_ours)})), "kubectl-gitops");
  ASSERT_EQ(base.size(), 64U);
  core::Json later = object(core::Json::array(
      {entry("kubectl-gitops", "Apply", k_ours, "2026-11-30T02:00:00Z"),
       entry("kubectl-label", "Update",
             {{"f:metadata", {{"f:labels", {{"f:team", core::Json::object()}}}}}})}));
  later["metadata"]["resourceVersion"] = "9";
  EXPECT_EQ(ownership_digest(later, "kubectl-gitops"), base);
  core::Json status = object(core::Json::array({entry("kubectl-gitops", "Apply", k_ours)}));
  status["metadata"]["managedFields"].push_back(
      entry("kubectl-gitops", "Apply", {{"f:status", core::Json::object()}}));
  status["metadata"]["managedFields"][1]["subresource"] = "status";
  EXPECT_EQ(ownership_digest(status, "kubectl-gitops"), base);
}

TEST(OwnershipDigest, ChangesWhenOwnershipOrIdentityChanges) {
  std::string base = ownership_digest(
      object(core::Json::array({entry("kubectl-gitops", "Apply", k_ours)})), "kubectl-gitops");
  // Another writer took data.key: the entry no longer lists it.
  EXPECT_NE(ownership_digest(object(core::Json::array({entry("kubectl-gitops", "Apply",
                                                             {{"f:data", core::Json::object()}})})),
                             "kubectl-gitops"),
            base);
  // Deleted and created again by someone else under the same name.
  EXPECT_NE(
      ownership_digest(object(core::Json::array({entry("kubectl-gitops", "Apply", k_ours)}), "u-2"),
                       "kubectl-gitops"),
      base);
}

TEST(OwnershipDigest, EmptyWhenTheManagerAppliedNothing) {
  EXPECT_EQ(ownership_digest(object(core::Json::array({entry("kubectl-gitops", "Update", k_ours)})),
                             "kubectl-gitops"),
            "");
  EXPECT_EQ(ownership_digest(object(core::Json::array({entry("kubectl", "Apply", k_ours)})),
                             "kubectl-gitops"),
            "");
  EXPECT_EQ(ownership_digest(core::Json::object(), "kubectl-gitops"), "");
  core::Json no_uid = object(core::Json::array({entry("kubectl-gitops", "Apply", k_ours)}));
  no_uid["metadata"].erase("uid");
  EXPECT_EQ(ownership_digest(no_uid, "kubectl-gitops"), "");
}

}  // namespace
}  // namespace gitops::diff
