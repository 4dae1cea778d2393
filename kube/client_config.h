// ClientConfig: everything needed to talk to one API server, resolved from a kubeconfig context
// (kubectl's rules) or from the in-cluster service account. Certificates and keys are held in
// memory (files are read once, -data fields decoded); token files are re-read by the credential
// provider when they change.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "core/result.h"
#include "kube/exec_config.h"
#include "kube/kubeconfig.h"
#include "kube/log.h"

namespace gitops::kube {

struct TlsConfig {
  std::string ca_pem;     // trusted CA bundle; "" = the system trust store
  std::string ca_source;  // for messages: "CA file /x/ca.crt", "certificate-authority-data of cluster c"
  bool insecure_skip_verify = false;
  std::string server_name;  // tls-server-name; "" = the server URL's host
};

struct AuthConfig {
  std::string client_certificate_pem;
  std::string client_key_pem;
  std::string token;
  std::filesystem::path token_file;
  std::string username;
  std::string password;
  std::optional<ExecConfig> exec;
};

struct ClientConfig {
  std::string server;  // "https://127.0.0.1:6443" (no trailing slash; may carry a path prefix)
  std::string context;  // context name, or "in-cluster"
  std::string namespace_;  // the namespace to default to (never empty)
  TlsConfig tls;
  std::string proxy_url;
  AuthConfig auth;
  std::chrono::milliseconds request_timeout{0};  // 0: no timeout (watches set their own)
  Logging logging;
};

// The process environment that configuration reads; `from_process()` for production, literal
// values in tests.
struct Environment {
  std::optional<std::string> kubeconfig;  // $KUBECONFIG
  std::filesystem::path home;             // $HOME
  std::optional<std::string> service_host;  // $KUBERNETES_SERVICE_HOST
  std::optional<std::string> service_port;  // $KUBERNETES_SERVICE_PORT
  std::filesystem::path in_cluster_root = "/";  // where var/run/secrets/... is looked up

  static Environment from_process();
};

// What the user asked for (global flags).
struct ConfigOptions {
  std::string kubeconfig;  // --kubeconfig
  std::string context;     // --context
  std::string namespace_;  // -n; overrides the context's namespace
  std::chrono::milliseconds request_timeout{0};
  Logging logging;
};

// Resolves the context of `config` named by `options` (else current-context). Fails (kind usage)
// naming what is missing: no current-context, unknown context, cluster or user, a cluster without
// server, an unreadable certificate file, invalid base64, a legacy auth-provider (naming the exec
// plugin that replaces it).
core::Result<ClientConfig> resolve_context(const Kubeconfig& config, const ConfigOptions& options);

// The in-cluster configuration when KUBERNETES_SERVICE_HOST/PORT are set and the service-account
// token exists under env.in_cluster_root; nullopt otherwise. Fails (kind usage) when the CA file
// is unreadable.
core::Result<std::optional<ClientConfig>> in_cluster_config(const Environment& env,
                                                            const ConfigOptions& options);

// kubectl's order: kubeconfig files (see kubeconfig.h), else in-cluster, else an error (kind usage)
// saying no configuration was found; never a silent localhost:8080.
core::Result<ClientConfig> load_client_config(const ConfigOptions& options,
                                              const Environment& env = Environment::from_process());

}  // namespace gitops::kube
