#include "diff/normalize.h"

#include <gtest/gtest.h>

namespace gitops::diff {
namespace {

TEST(Normalize, RemovesServerBookkeeping) {
  core::Json live = core::Json::parse(R"({
    "apiVersion": "v1", "kind": "ConfigMap",
    "metadata": {"name": "c", "namespace": "n", "uid": "123", "resourceVersion": "9",
                 "generation": 2, "creationTimestamp": "2024-01-01T00:00:00Z",
                 "selfLink": "/api/v1/x", "managedFields": [{"manager": "kubectl"}],
                 "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"},
                 "labels": {"app": "x"}},
    "data": {"k": "v"},
    "status": {"phase": "x"}})");
  core::Json expected = core::Json::parse(R"({
    "apiVersion": "v1", "kind": "ConfigMap",
    "metadata": {"name": "c", "namespace": "n", "labels": {"app": "x"}},
    "data": {"k": "v"}})");
  EXPECT_EQ(normalize(live), expected);
}

TEST(Normalize, KeepsOtherAnnotations) {
  core::Json obj = {{"metadata", {{"annotations", {{"a", "1"}}}}}};
  EXPECT_EQ(normalize(obj), obj);
}

}  // namespace
}  // namespace gitops::diff
