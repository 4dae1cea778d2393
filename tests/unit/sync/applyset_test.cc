#include "sync/applyset.h"

#include <gtest/gtest.h>

namespace gitops::sync {
namespace {

TEST(ApplySet, IdFollowsTheKep) {
  // base64url(sha256("gitops-shop.shop.Secret.")), computed independently with Python's hashlib.
  EXPECT_EQ(applyset_id("gitops-shop", "shop", "Secret", ""),
            "applyset-nvUKdz3Pa3KxuIGjepBl4FpjBm0b-F5429Xmw6fvDZo-v1");
  ApplySet set{.app = "shop", .namespace_ = "shop"};
  EXPECT_EQ(set.id(), "applyset-nvUKdz3Pa3KxuIGjepBl4FpjBm0b-F5429Xmw6fvDZo-v1");
}

TEST(ApplySet, ParentListsGroupKindsAndOtherNamespaces) {
  ApplySet set{.app = "shop", .namespace_ = "shop"};
  set.add_member({"apps", "v1", "Deployment", "shop", "web"});
  set.add_member({"", "v1", "ConfigMap", "other", "c"});
  set.add_member({"", "v1", "Namespace", "", "shop"});
  set.add_member({"apps", "v1", "Deployment", "shop", "api"});
  core::Json parent = set.parent("v0.1.0");
  EXPECT_EQ(parent["metadata"]["name"], "gitops-shop");
  EXPECT_EQ(parent["metadata"]["labels"]["applyset.kubernetes.io/id"], set.id());
  const core::Json& a = parent["metadata"]["annotations"];
  EXPECT_EQ(a["applyset.kubernetes.io/tooling"], "kubectl-gitops/v0.1.0");
  EXPECT_EQ(a["applyset.kubernetes.io/contains-group-kinds"], "ConfigMap,Deployment.apps,Namespace");
  EXPECT_EQ(a["applyset.kubernetes.io/additional-namespaces"], "other");

  ApplySet read = applyset_from_parent("shop", parent);
  EXPECT_EQ(read.group_kinds, set.group_kinds);
  EXPECT_EQ(read.additional_namespaces, set.additional_namespaces);
  EXPECT_EQ(read.namespace_, "shop");
}

}  // namespace
}  // namespace gitops::sync
