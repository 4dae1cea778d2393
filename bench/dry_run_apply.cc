// bench_dry_run_apply: server-side dry-run applies of N generated objects (ConfigMaps, Secrets,
// ServiceAccounts) in one namespace through the kube client, all in flight at once over one HTTP/2
// connection. Writes the same objects as a kubectl-readable List to --out so bench/dry-run-apply.sh
// can time `kubectl apply --server-side --dry-run=server` on exactly them.
//
//   bench_dry_run_apply --kubeconfig K [--context C] [--namespace NS] [--count N] [--out FILE]
//                       [--max-in-flight M]
// Prints: "ours: N objects in S s (client cpu C s), R objects/s, F failed".
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "kube/client.h"

namespace {

using gitops::core::Json;
namespace kube = gitops::kube;

struct Args {
  std::string kubeconfig, context, namespace_ = "gitops-bench", out;
  int count = 2000;
  int max_in_flight = 100;
};

bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--kubeconfig") args.kubeconfig = value;
    else if (flag == "--context") args.context = value;
    else if (flag == "--namespace") args.namespace_ = value;
    else if (flag == "--count") args.count = std::atoi(value.c_str());
    else if (flag == "--out") args.out = value;
    else if (flag == "--max-in-flight") args.max_in_flight = std::atoi(value.c_str());
    else return false;
  }
  return argc % 2 == 1 && args.count > 0;
}

Json make_object(int i, const std::string& ns) {
  const std::string name = "bench-" + std::to_string(i);
  Json meta = {{"name", name}, {"namespace", ns}, {"labels", {{"app", "bench"}, {"index", std::to_string(i)}}}};
  switch (i % 10) {
    case 0:
      return {{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", meta}};
    case 1:
    case 2:
      return {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", meta}, {"type", "Opaque"},
              {"stringData", {{"password", "not-a-secret-" + std::to_string(i)}}}};
    default:
      return {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", meta},
              {"data", {{"index", std::to_string(i)}, {"config.yaml", "replicas: 3\nport: 8080\nname: " + name + "\n"}}}};
  }
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::fprintf(stderr, "usage: bench_dry_run_apply --kubeconfig K [--context C] [--namespace NS] "
                         "[--count N] [--out FILE] [--max-in-flight M]\n");
    return 2;
  }
  kube::ConfigOptions config_options{args.kubeconfig, args.context, "", {}, {}};
  auto config = kube::load_client_config(config_options);
  if (!config) {
    std::fprintf(stderr, "bench: %s\n", config.error().message.c_str());
    return 2;
  }
  kube::ClientOptions options;
  options.max_in_flight = args.max_in_flight;
  auto client = kube::Client::create(std::move(*config), options);
  if (!client) {
    std::fprintf(stderr, "bench: %s\n", client.error().message.c_str());
    return 2;
  }
  std::vector<Json> objects;
  for (int i = 0; i < args.count; ++i) objects.push_back(make_object(i, args.namespace_));
  if (!args.out.empty()) {
    std::ofstream out(args.out);
    out << Json{{"apiVersion", "v1"}, {"kind", "List"}, {"items", objects}}.dump() << "\n";
  }
  // The namespace must exist for dry-runs of namespaced objects; discovery is warmed by it, as
  // kubectl's disk cache is warm on its second run.
  auto ns = (*client)->apply({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", args.namespace_}}}});
  if (!ns) {
    std::fprintf(stderr, "bench: %s\n", ns.error().message.c_str());
    return 4;
  }
  const double cpu_before = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  auto results = (*client)->apply_all(objects, {"kubectl-gitops-bench", kube::Force::no, kube::DryRun::yes});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_seconds() - cpu_before;
  int failed = 0;
  for (const auto& r : results) {
    if (!r.ok()) {
      if (failed == 0) std::fprintf(stderr, "bench: first failure: %s\n", r.error().message.c_str());
      ++failed;
    }
  }
  std::printf("ours: %d objects in %.3f s (client cpu %.3f s), %.0f objects/s, %d failed\n", args.count,
              seconds, cpu, args.count / seconds, failed);
  return failed == 0 ? 0 : 1;
}
