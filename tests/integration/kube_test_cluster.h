// Helpers for the kube integration tests: the test control plane's kubeconfig, PEM files and
// token (from GITOPS_TEST_KUBECONFIG / GITOPS_TEST_CLUSTER_DIR), kubeconfig variants written to a
// temporary folder, and clients whose log lines are captured.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kube/client.h"
#include "tests/support/process.h"

namespace gitops::kube::integration {

struct TestCluster {
  std::string kubeconfig = gitops::testing::required_env("GITOPS_TEST_KUBECONFIG");
  std::string dir = gitops::testing::required_env("GITOPS_TEST_CLUSTER_DIR");

  // The server URL of the admin context.
  std::string server() const {
    auto k = load_kubeconfig({kubeconfig, std::nullopt, ""});
    if (!k.ok() || !k->has_value()) return "";
    return (*k)->clusters.at((*k)->contexts.at("admin").cluster).server;
  }
  std::string pki(const std::string& file) const { return dir + "/pki/" + file; }
  std::string limited_token() const {
    auto r = gitops::testing::run({"cat", dir + "/limited.token"});
    std::string t = r.out;
    while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
    return t;
  }
  // A kubeconfig with one cluster (this server, CA file `ca`) and one user given as YAML lines.
  std::string write_kubeconfig(const gitops::testing::TempDir& tmp, const std::string& user_yaml,
                               const std::string& ca = "", const std::string& server_url = "") const {
    const std::string text = "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
                             "clusters:\n- name: test\n  cluster:\n    server: " +
                             (server_url.empty() ? server() : server_url) +
                             "\n    certificate-authority: " + (ca.empty() ? pki("ca.crt") : ca) +
                             "\nusers:\n- name: test-user\n  user:\n" + user_yaml +
                             "contexts:\n- name: test\n  context: {cluster: test, user: test-user, namespace: default}\n";
    return tmp.write("kubeconfig", text).string();
  }
};

// Log lines a client wrote, collected thread-safely.
struct LogCapture {
  std::mutex mutex;
  std::vector<std::string> lines;
  Logging logging(int verbosity = 7) {
    return Logging{verbosity, [this](std::string_view line) {
                     std::lock_guard lock(mutex);
                     lines.emplace_back(line);
                   }};
  }
  std::string all() {
    std::lock_guard lock(mutex);
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
  }
};

// A client for `kubeconfig` (context `context`, "" = current), logging to `log` when given.
inline std::unique_ptr<Client> make_client(const std::string& kubeconfig, const std::string& context,
                                           LogCapture* log = nullptr, ClientOptions options = {}) {
  ConfigOptions config_options;
  config_options.kubeconfig = kubeconfig;
  config_options.context = context;
  if (log) config_options.logging = log->logging();
  auto config = load_client_config(config_options);
  if (!config.ok()) {
    ADD_FAILURE() << config.error().message;
    return nullptr;
  }
  auto client = Client::create(std::move(*config), std::move(options));
  if (!client.ok()) {
    ADD_FAILURE() << client.error().message;
    return nullptr;
  }
  return std::move(*client);
}

}  // namespace gitops::kube::integration
