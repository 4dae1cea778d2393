#include "health/health.h"

#include <gtest/gtest.h>

namespace gitops::health {
namespace {

core::Json obj(const char* text) { return core::Json::parse(text); }

void expect(const core::Json& live, Status status, const std::string& message) {
  Health h = assess(live);
  EXPECT_EQ(to_string(h.status), to_string(status)) << live.dump();
  EXPECT_EQ(h.message, message) << live.dump();
}

TEST(Health, MissingObject) { expect(core::Json(), Status::missing, "not found"); }

TEST(Health, DeploymentRollout) {
  expect(obj(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":2},
                 "spec":{"replicas":3},"status":{"observedGeneration":1}})"),
         Status::progressing, "waiting for the rollout to be observed");
  expect(obj(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},
                 "spec":{"replicas":3},"status":{"observedGeneration":1,"replicas":3,
                 "updatedReplicas":3,"availableReplicas":0}})"),
         Status::progressing, "0/3 replicas available");
  expect(obj(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},
                 "spec":{"replicas":3},"status":{"observedGeneration":1,"replicas":4,
                 "updatedReplicas":3,"availableReplicas":3}})"),
         Status::progressing, "1 old replicas pending termination");
  expect(obj(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},
                 "spec":{"replicas":3},"status":{"observedGeneration":1,"replicas":3,
                 "updatedReplicas":3,"availableReplicas":3}})"),
         Status::healthy, "");
  expect(obj(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},
                 "spec":{"replicas":1},"status":{"observedGeneration":1,"conditions":[
                 {"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded",
                  "message":"ReplicaSet \"web-1\" has timed out progressing."}]}})"),
         Status::degraded, "progress deadline exceeded: ReplicaSet \"web-1\" has timed out progressing.");
  expect(obj(R"({"apiVersion":"apps/v1","kind":"Deployment","spec":{"paused":true}})"),
         Status::suspended, "rollout paused");
}

TEST(Health, ScaledToZeroDeploymentIsHealthy) {
  expect(obj(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},
                 "spec":{"replicas":0},"status":{"observedGeneration":1}})"),
         Status::healthy, "");
}

TEST(Health, StatefulSetAndDaemonSet) {
  expect(obj(R"({"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"generation":1},
                 "spec":{"replicas":2},"status":{"observedGeneration":1,"readyReplicas":1}})"),
         Status::progressing, "1/2 replicas ready");
  expect(obj(R"({"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"generation":1},
                 "spec":{"replicas":2},"status":{"observedGeneration":1,"readyReplicas":2,
                 "currentRevision":"a","updateRevision":"a"}})"),
         Status::healthy, "");
  expect(obj(R"({"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"generation":1},
                 "status":{"observedGeneration":1,"desiredNumberScheduled":2,
                 "updatedNumberScheduled":2,"numberAvailable":1}})"),
         Status::progressing, "1/2 pods available");
}

TEST(Health, Pods) {
  expect(obj(R"({"apiVersion":"v1","kind":"Pod","status":{"phase":"Pending"}})"),
         Status::progressing, "pod Pending");
  expect(obj(R"({"apiVersion":"v1","kind":"Pod","status":{"phase":"Running",
                 "conditions":[{"type":"Ready","status":"True"}]}})"),
         Status::healthy, "");
  expect(obj(R"({"apiVersion":"v1","kind":"Pod","status":{"phase":"Failed","message":"OOMKilled"}})"),
         Status::degraded, "pod failed: OOMKilled");
  expect(obj(R"({"apiVersion":"v1","kind":"Pod","status":{"phase":"Pending","containerStatuses":[
                 {"name":"web","state":{"waiting":{"reason":"ImagePullBackOff","message":"no such image"}}}]}})"),
         Status::degraded, "container web: ImagePullBackOff: no such image");
}

TEST(Health, Jobs) {
  expect(obj(R"({"apiVersion":"batch/v1","kind":"Job","status":{"conditions":[
                 {"type":"Complete","status":"True"}]}})"),
         Status::healthy, "");
  expect(obj(R"({"apiVersion":"batch/v1","kind":"Job","status":{"conditions":[
                 {"type":"Failed","status":"True","reason":"BackoffLimitExceeded",
                  "message":"Job has reached the specified backoff limit"}]}})"),
         Status::degraded, "job failed: Job has reached the specified backoff limit");
  expect(obj(R"({"apiVersion":"batch/v1","kind":"Job","status":{"active":1}})"),
         Status::progressing, "job running: 0 succeeded, 1 active");
}

TEST(Health, ClaimsServicesIngresses) {
  expect(obj(R"({"apiVersion":"v1","kind":"PersistentVolumeClaim","status":{"phase":"Bound"}})"),
         Status::healthy, "");
  expect(obj(R"({"apiVersion":"v1","kind":"PersistentVolumeClaim","status":{"phase":"Pending"}})"),
         Status::progressing, "claim Pending");
  expect(obj(R"({"apiVersion":"v1","kind":"Service","spec":{"type":"ClusterIP"}})"),
         Status::healthy, "");
  expect(obj(R"({"apiVersion":"v1","kind":"Service","spec":{"type":"LoadBalancer"},"status":{}})"),
         Status::progressing, "waiting for a load balancer address");
  expect(obj(R"({"apiVersion":"networking.k8s.io/v1","kind":"Ingress",
                 "status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.1"}]}}})"),
         Status::healthy, "");
}

TEST(Health, CrdsAndApiServices) {
  expect(obj(R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "status":{"conditions":[{"type":"Established","status":"True"}]}})"),
         Status::healthy, "");
  expect(obj(R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{}})"),
         Status::progressing, "not yet established");
  expect(obj(R"({"apiVersion":"apiregistration.k8s.io/v1","kind":"APIService","status":{
                 "conditions":[{"type":"Available","status":"False","message":"no endpoints"}]}})"),
         Status::progressing, "not available: no endpoints");
}

TEST(Health, KstatusConditions) {
  expect(obj(R"({"apiVersion":"example.com/v1","kind":"Widget","metadata":{"generation":3},
                 "status":{"observedGeneration":2}})"),
         Status::progressing, "waiting for the controller to observe the latest generation");
  expect(obj(R"({"apiVersion":"example.com/v1","kind":"Widget","status":{"conditions":[
                 {"type":"Stalled","status":"True","message":"bad spec"}]}})"),
         Status::degraded, "bad spec");
  expect(obj(R"({"apiVersion":"example.com/v1","kind":"Widget","status":{"conditions":[
                 {"type":"Ready","status":"False","message":"waiting for db"}]}})"),
         Status::progressing, "not ready: waiting for db");
  expect(obj(R"({"apiVersion":"example.com/v1","kind":"Widget","metadata":{"generation":1}})"),
         Status::healthy, "");
  expect(obj(R"({"apiVersion":"v1","kind":"ConfigMap","data":{}})"), Status::healthy, "");
}

TEST(Health, WorstOrdersStatuses) {
  EXPECT_EQ(worst(Status::healthy, Status::progressing), Status::progressing);
  EXPECT_EQ(worst(Status::degraded, Status::progressing), Status::degraded);
  EXPECT_EQ(worst(Status::suspended, Status::healthy), Status::suspended);
  EXPECT_EQ(worst(Status::missing, Status::degraded), Status::degraded);
}

}  // namespace
}  // namespace gitops::health
