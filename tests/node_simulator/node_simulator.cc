// A kubelet stand-in for the test control plane (which has no scheduler or kubelet): registers
// a Ready Node, keeps its lease fresh, binds Pending pods to it and reports them Running and
// Ready - or failing, so health waits are exercised for real through the controllers:
//   - an image whose name contains "crashloop": the container waits in CrashLoopBackOff;
//   - a pod that runs to completion (restartPolicy Never/OnFailure, i.e. Jobs): Succeeded, or
//     Failed when the image name contains "fail".
// Usage: gitops-node-simulator KUBECONFIG   (runs until killed)
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>

#include "kube/client.h"

namespace {

using gitops::core::Json;
using gitops::kube::Client;
using gitops::kube::Method;
using gitops::kube::Request;

constexpr const char* k_node = "sim-node";

std::string now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string micro_now() { return now().substr(0, 19) + ".000000Z"; }

void send(Client& client, Method method, const std::string& path, const Json& body,
          const char* content_type = "application/json") {
  Request r{.method = method, .path = path, .body = body.dump(), .content_type = content_type,
            .idempotency = gitops::kube::Idempotency::idempotent_write};
  auto response = client.execute(r);
  if (!response) {
    std::fprintf(stderr, "node-simulator: %s %s: %s\n", std::string(gitops::kube::to_string(method)).c_str(),
                 path.c_str(), response.error().message.c_str());
  } else if (response->status >= 400 && response->status != 409) {
    std::fprintf(stderr, "node-simulator: %s: HTTP %d: %s\n", path.c_str(), response->status,
                 response->body.substr(0, 300).c_str());
  }
}

void heartbeat(Client& client) {
  Json node = {{"apiVersion", "v1"}, {"kind", "Node"},
               {"metadata", {{"name", k_node}, {"labels", {{"kubernetes.io/hostname", k_node}}}}}};
  send(client, Method::post, "/api/v1/nodes", node);
  Json status = {{"status",
                  {{"conditions", {{{"type", "Ready"}, {"status", "True"}, {"reason", "KubeletReady"},
                                    {"message", "node simulator"}, {"lastHeartbeatTime", now()},
                                    {"lastTransitionTime", now()}}}},
                   {"capacity", {{"cpu", "64"}, {"memory", "256Gi"}, {"pods", "1000"}}},
                   {"allocatable", {{"cpu", "64"}, {"memory", "256Gi"}, {"pods", "1000"}}}}}};
  send(client, Method::patch, std::string("/api/v1/nodes/") + k_node + "/status", status,
       "application/merge-patch+json");
  Json lease = {{"apiVersion", "coordination.k8s.io/v1"}, {"kind", "Lease"},
                {"metadata", {{"name", k_node}, {"namespace", "kube-node-lease"}}},
                {"spec", {{"holderIdentity", k_node}, {"leaseDurationSeconds", 40},
                          {"renewTime", micro_now()}}}};
  send(client, Method::patch,
       std::string("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/") + k_node +
           "?fieldManager=node-simulator&force=true",
       lease, "application/apply-patch+yaml");
}

bool image_has(const Json& pod, const char* word) {
  for (const auto& c : pod["spec"].value("containers", Json::array())) {
    if (c.value("image", "").find(word) != std::string::npos) return true;
  }
  return false;
}

Json pod_status(const Json& pod) {
  std::string restart = pod["spec"].value("restartPolicy", "Always");
  bool runs_to_end = restart != "Always";
  bool crash = image_has(pod, "crashloop");
  bool fail = runs_to_end && image_has(pod, "fail");
  Json statuses = Json::array();
  for (const auto& c : pod["spec"].value("containers", Json::array())) {
    Json state;
    if (crash) state = {{"waiting", {{"reason", "CrashLoopBackOff"}, {"message", "back-off restarting failed container"}}}};
    else if (runs_to_end) state = {{"terminated", {{"exitCode", fail ? 1 : 0}, {"reason", fail ? "Error" : "Completed"}}}};
    else state = {{"running", {{"startedAt", now()}}}};
    statuses.push_back({{"name", c.value("name", "")}, {"image", c.value("image", "")},
                        {"imageID", ""}, {"ready", !crash && !runs_to_end}, {"restartCount", crash ? 3 : 0},
                        {"started", !crash}, {"state", state}});
  }
  std::string phase = crash ? "Running" : runs_to_end ? (fail ? "Failed" : "Succeeded") : "Running";
  std::string ready = (crash || runs_to_end) ? "False" : "True";
  return {{"status",
           {{"phase", phase}, {"hostIP", "10.1.0.1"}, {"podIP", "10.2.0.1"}, {"startTime", now()},
            {"conditions", {{{"type", "PodScheduled"}, {"status", "True"}},
                            {{"type", "Initialized"}, {"status", "True"}},
                            {{"type", "ContainersReady"}, {"status", ready}},
                            {{"type", "Ready"}, {"status", ready}}}},
            {"containerStatuses", statuses}}}};
}

void tend_pods(Client& client) {
  auto pods = client.list_all({.group = "", .version = "v1", .kind = "Pod", .namespace_ = ""});
  if (!pods) {
    std::fprintf(stderr, "node-simulator: listing pods: %s\n", pods.error().message.c_str());
    return;
  }
  for (const auto& pod : *pods) {
    const Json& meta = pod["metadata"];
    if (meta.contains("deletionTimestamp")) {
      // No kubelet confirms the shutdown: finish the deletion as a kubelet would.
      std::string path = "/api/v1/namespaces/" + meta.value("namespace", "") + "/pods/" +
                         meta.value("name", "");
      Request r{.method = Method::delete_, .path = path, .body = R"({"gracePeriodSeconds":0})",
                .content_type = "application/json",
                .idempotency = gitops::kube::Idempotency::idempotent_write};
      (void)client.execute(r);
      continue;
    }
    std::string base = "/api/v1/namespaces/" + meta.value("namespace", "") + "/pods/" + meta.value("name", "");
    if (pod["spec"].value("nodeName", "").empty()) {
      Json binding = {{"apiVersion", "v1"}, {"kind", "Binding"},
                      {"metadata", {{"name", meta.value("name", "")}}},
                      {"target", {{"apiVersion", "v1"}, {"kind", "Node"}, {"name", k_node}}}};
      send(client, Method::post, base + "/binding", binding);
    }
    std::string phase = pod.value("status", Json::object()).value("phase", "");
    if (phase == "Pending" || phase.empty()) {
      send(client, Method::patch, base + "/status", pod_status(pod), "application/merge-patch+json");
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s KUBECONFIG\n", argv[0]);
    return 2;
  }
  auto config = gitops::kube::load_client_config({.kubeconfig = argv[1]});
  if (!config) {
    std::fprintf(stderr, "node-simulator: %s\n", config.error().message.c_str());
    return 2;
  }
  auto client = Client::create(std::move(*config));
  if (!client) {
    std::fprintf(stderr, "node-simulator: %s\n", client.error().message.c_str());
    return 2;
  }
  auto last_beat = std::chrono::steady_clock::now() - std::chrono::hours(1);
  while (true) {
    if (std::chrono::steady_clock::now() - last_beat > std::chrono::seconds(10)) {
      heartbeat(**client);
      last_beat = std::chrono::steady_clock::now();
    }
    tend_pods(**client);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
}
