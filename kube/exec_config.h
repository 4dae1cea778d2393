// ExecConfig: a kubeconfig user's `exec` credential plugin, as kubectl runs it
// (client.authentication.k8s.io/v1 and v1beta1): command, arguments, extra environment, whether
// the plugin receives the cluster (KUBERNETES_EXEC_INFO) and whether it may use the terminal.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace gitops::kube {

enum class InteractiveMode { never, if_available, always };

std::string_view to_string(InteractiveMode mode);

struct ExecConfig {
  std::string api_version;  // client.authentication.k8s.io/v1 or /v1beta1
  std::string command;      // a name looked up on PATH, or a path (relative: to kubeconfig_dir)
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  bool provide_cluster_info = false;
  InteractiveMode interactive_mode = InteractiveMode::if_available;
  std::string install_hint;
  std::filesystem::path kubeconfig_dir;  // the folder of the kubeconfig that declared it
  std::string user_name;                 // for messages: "exec plugin of user NAME"
  // The ExecCredential spec.cluster handed to the plugin when provide_cluster_info (filled when
  // the client configuration is resolved): server, certificate-authority-data, ...
  nlohmann::json cluster;
};

}  // namespace gitops::kube
