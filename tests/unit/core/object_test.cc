// The object model: keys, their text forms, identity and order, and typed field reads.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/object.h"

namespace gitops::core {
namespace {

Object deployment() {
  return Object{Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
      "metadata":{"name":"web","namespace":"shop","labels":{"app":"web"},
                  "annotations":{"a.io/x":"1","n":5}}})"),
                Origin{"deploy.yaml", 3, 1}};
}

TEST(Object, KeyReadsIdentityFields) {
  ObjectKey key = deployment().key();
  EXPECT_EQ(key.group, "apps");
  EXPECT_EQ(key.version, "v1");
  EXPECT_EQ(key.kind, "Deployment");
  EXPECT_EQ(key.namespace_, "shop");
  EXPECT_EQ(key.name, "web");
  EXPECT_EQ(key.api_version(), "apps/v1");
  EXPECT_EQ(key.to_string(), "apps/v1 Deployment shop/web");
  EXPECT_EQ(key.group_kind(), "Deployment.apps");
}

TEST(Object, CoreGroupAndClusterScopedKeys) {
  Object ns{Json::parse(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}})"), {}};
  EXPECT_EQ(ns.key().group, "");
  EXPECT_EQ(ns.key().api_version(), "v1");
  EXPECT_EQ(ns.key().to_string(), "v1 Namespace shop");
  EXPECT_EQ(ns.key().group_kind(), "Namespace");
}

TEST(Object, MissingOrNonStringFieldsReadAsEmpty) {
  Object odd{Json::parse(R"({"apiVersion":5,"kind":["x"],"metadata":{"name":null}})"), {}};
  EXPECT_EQ(odd.key().to_string(), "");
  EXPECT_EQ(odd.name(), "");
  EXPECT_EQ(odd.kind(), "");
  Object not_map{Json::array(), {}};
  EXPECT_EQ(not_map.name(), "");
  EXPECT_EQ(not_map.annotation("x"), "");
  Object metadata_list{Json::parse(R"({"metadata":[1]})"), {}};
  EXPECT_EQ(metadata_list.namespace_(), "");
  EXPECT_EQ(metadata_list.label("x"), "");
}

TEST(Object, AnnotationsAndLabels) {
  Object object = deployment();
  EXPECT_EQ(object.annotation("a.io/x"), "1");
  EXPECT_EQ(object.annotation("n"), "");
  EXPECT_EQ(object.annotation("absent"), "");
  EXPECT_EQ(object.label("app"), "web");
  EXPECT_EQ(object.label("absent"), "");
}

TEST(Object, SetNamespaceCreatesMetadata) {
  Object object = deployment();
  object.set_namespace("other");
  EXPECT_EQ(object.namespace_(), "other");
  Object bare{Json::object(), {}};
  bare.set_namespace("ns");
  EXPECT_EQ(bare.body.dump(), R"({"metadata":{"namespace":"ns"}})");
}

TEST(ObjectKey, IdentityIgnoresVersion) {
  ObjectKey v1{"apps", "v1", "Deployment", "shop", "web"};
  ObjectKey beta{"apps", "v1beta1", "Deployment", "shop", "web"};
  EXPECT_TRUE(v1.same_object(beta));
  EXPECT_EQ(v1, beta);
  EXPECT_TRUE((v1 <=> beta) == 0);
  ObjectKey other{"apps", "v1", "Deployment", "shop", "api"};
  EXPECT_NE(v1, other);
}

TEST(ObjectKey, OrderIsGroupKindNamespaceName) {
  std::vector<ObjectKey> keys = {
      {"apps", "v1", "Deployment", "b", "x"}, {"", "v1", "Service", "a", "y"},
      {"apps", "v1", "Deployment", "a", "z"}, {"", "v1", "ConfigMap", "a", "y"},
      {"apps", "v1", "Deployment", "a", "a"}};
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> names;
  for (const auto& key : keys) names.push_back(key.to_string());
  EXPECT_EQ(names, (std::vector<std::string>{"v1 ConfigMap a/y", "v1 Service a/y",
                                             "apps/v1 Deployment a/a", "apps/v1 Deployment a/z",
                                             "apps/v1 Deployment b/x"}));
}

TEST(ObjectKey, SplitApiVersion) {
  EXPECT_EQ(split_api_version("apps/v1"), (std::pair<std::string, std::string>{"apps", "v1"}));
  EXPECT_EQ(split_api_version("v1"), (std::pair<std::string, std::string>{"", "v1"}));
  EXPECT_EQ(split_api_version("rbac.authorization.k8s.io/v1"),
            (std::pair<std::string, std::string>{"rbac.authorization.k8s.io", "v1"}));
  EXPECT_EQ(split_api_version(""), (std::pair<std::string, std::string>{"", ""}));
}

TEST(Origin, ToStringShowsWhatIsKnown) {
  EXPECT_EQ((Origin{"a.yaml", 3, 7}).to_string(), "a.yaml:3:7");
  EXPECT_EQ((Origin{"a.yaml", 3, 0}).to_string(), "a.yaml:3");
  EXPECT_EQ((Origin{"a.yaml", 0, 0}).to_string(), "a.yaml");
  EXPECT_EQ((Origin{"", 0, 0}).to_string(), "");
}

}  // namespace
}  // namespace gitops::core
