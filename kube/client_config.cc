// Resolution of a kubeconfig context or the in-cluster service account into a ClientConfig.
#include "kube/client_config.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "kube/base64.h"

namespace gitops::kube {
namespace {

namespace fs = std::filesystem;

core::Error usage(std::string message) { return core::Error{core::ErrorKind::usage, std::move(message)}; }

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string files_of(const Kubeconfig& config) {
  std::string out;
  for (const auto& f : config.files) {
    if (!out.empty()) out += ", ";
    out += f.string();
  }
  return out.empty() ? "(no file)" : out;
}

core::Result<std::string> read_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return usage("cannot read " + what + " " + path + ": " + std::strerror(errno));
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Bytes from a `-data` field (base64) or else a file; "" when neither is set.
core::Result<std::string> data_or_file(const std::string& data, const std::string& file,
                                       const std::string& field, const std::string& owner) {
  if (!data.empty()) return base64_decode(data, field + "-data of " + owner);
  if (!file.empty()) return read_file(file, field + " of " + owner);
  return std::string();
}

std::string replacement_plugin(const std::string& provider) {
  if (provider == "gcp") return "gke-gcloud-auth-plugin";
  if (provider == "azure") return "kubelogin (github.com/Azure/kubelogin)";
  if (provider == "oidc") return "kubelogin (kubectl oidc-login, github.com/int128/kubelogin)";
  return "the exec credential plugin of your provider";
}

core::Status resolve_cluster(const KubeconfigCluster& cluster, const std::string& name,
                             ClientConfig& out) {
  const std::string owner = "cluster " + in_quotes(name);
  if (cluster.server.empty()) return usage(owner + " has no server");
  out.server = cluster.server;
  while (!out.server.empty() && out.server.back() == '/') out.server.pop_back();
  auto ca = data_or_file(cluster.certificate_authority_data, cluster.certificate_authority,
                         "certificate-authority", owner);
  if (!ca) return ca.error();
  out.tls.ca_pem = std::move(*ca);
  if (!cluster.certificate_authority_data.empty()) {
    out.tls.ca_source = "certificate-authority-data of " + owner;
  } else if (!cluster.certificate_authority.empty()) {
    out.tls.ca_source = "CA file " + cluster.certificate_authority;
  } else {
    out.tls.ca_source = "the system CA certificates";
  }
  out.tls.insecure_skip_verify = cluster.insecure_skip_tls_verify;
  out.tls.server_name = cluster.tls_server_name;
  out.proxy_url = cluster.proxy_url;
  return {};
}

core::Status resolve_user(const KubeconfigUser& user, const std::string& name, AuthConfig& out) {
  const std::string owner = "user " + in_quotes(name);
  if (!user.auth_provider.empty()) {
    return usage(owner + " uses the legacy auth-provider " + in_quotes(user.auth_provider) +
                 ", which kubectl-gitops does not support; use the exec credential plugin " +
                 replacement_plugin(user.auth_provider) + " instead");
  }
  auto cert = data_or_file(user.client_certificate_data, user.client_certificate,
                           "client-certificate", owner);
  if (!cert) return cert.error();
  auto key = data_or_file(user.client_key_data, user.client_key, "client-key", owner);
  if (!key) return key.error();
  if (cert->empty() != key->empty()) {
    return usage(owner + " has a client " + (cert->empty() ? "key" : "certificate") +
                 " without a client " + (cert->empty() ? "certificate" : "key"));
  }
  out.client_certificate_pem = std::move(*cert);
  out.client_key_pem = std::move(*key);
  out.token = user.token;
  out.token_file = user.token_file;
  out.username = user.username;
  out.password = user.password;
  out.exec = user.exec;
  return {};
}

nlohmann::json exec_cluster_info(const ClientConfig& config, const KubeconfigCluster& cluster) {
  nlohmann::json info = {{"server", config.server}};
  if (!config.tls.server_name.empty()) info["tls-server-name"] = config.tls.server_name;
  if (config.tls.insecure_skip_verify) info["insecure-skip-tls-verify"] = true;
  if (!config.tls.ca_pem.empty()) info["certificate-authority-data"] = base64_encode(config.tls.ca_pem);
  if (!config.proxy_url.empty()) info["proxy-url"] = config.proxy_url;
  if (!cluster.exec_extension.is_null()) info["config"] = cluster.exec_extension;
  return info;
}

std::optional<std::string> getenv_opt(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

}  // namespace

Environment Environment::from_process() {
  Environment env;
  env.kubeconfig = getenv_opt("KUBECONFIG");
  if (auto home = getenv_opt("HOME")) env.home = *home;
  env.service_host = getenv_opt("KUBERNETES_SERVICE_HOST");
  env.service_port = getenv_opt("KUBERNETES_SERVICE_PORT");
  return env;
}

core::Result<ClientConfig> resolve_context(const Kubeconfig& config, const ConfigOptions& options) {
  const std::string name = options.context.empty() ? config.current_context : options.context;
  if (name.empty()) {
    return usage("no context selected: kubeconfig " + files_of(config) +
                 " has no current-context; pass --context");
  }
  auto ctx = config.contexts.find(name);
  if (ctx == config.contexts.end()) {
    return usage("context " + in_quotes(name) + " not found in kubeconfig " + files_of(config));
  }
  const KubeconfigContext& context = ctx->second;
  if (context.cluster.empty()) return usage("context " + in_quotes(name) + " names no cluster");
  auto cl = config.clusters.find(context.cluster);
  if (cl == config.clusters.end()) {
    return usage("cluster " + in_quotes(context.cluster) + " of context " + in_quotes(name) +
                 " not found in kubeconfig " + files_of(config));
  }
  ClientConfig out;
  out.context = name;
  out.request_timeout = options.request_timeout;
  out.logging = options.logging;
  if (auto s = resolve_cluster(cl->second, context.cluster, out); !s) return s.error();
  if (!context.user.empty()) {
    auto us = config.users.find(context.user);
    if (us == config.users.end()) {
      return usage("user " + in_quotes(context.user) + " of context " + in_quotes(name) +
                   " not found in kubeconfig " + files_of(config));
    }
    if (auto s = resolve_user(us->second, context.user, out.auth); !s) return s.error();
  }
  if (out.auth.exec && out.auth.exec->provide_cluster_info) {
    out.auth.exec->cluster = exec_cluster_info(out, cl->second);
  }
  out.namespace_ = !options.namespace_.empty() ? options.namespace_
                   : !context.namespace_.empty() ? context.namespace_
                                                 : "default";
  return out;
}

core::Result<std::optional<ClientConfig>> in_cluster_config(const Environment& env,
                                                            const ConfigOptions& options) {
  if (!env.service_host || env.service_host->empty() || !env.service_port ||
      env.service_port->empty()) {
    return std::optional<ClientConfig>();
  }
  const fs::path dir = env.in_cluster_root / "var/run/secrets/kubernetes.io/serviceaccount";
  std::error_code ec;
  if (!fs::exists(dir / "token", ec)) return std::optional<ClientConfig>();
  ClientConfig out;
  out.context = "in-cluster";
  const std::string& host = *env.service_host;
  const bool ipv6 = host.find(':') != std::string::npos;
  out.server = "https://" + (ipv6 ? "[" + host + "]" : host) + ":" + *env.service_port;
  auto ca = read_file((dir / "ca.crt").string(), "the service-account CA");
  if (!ca) return ca.error();
  out.tls.ca_pem = std::move(*ca);
  out.tls.ca_source = "CA file " + (dir / "ca.crt").string();
  out.auth.token_file = dir / "token";
  out.request_timeout = options.request_timeout;
  out.logging = options.logging;
  std::string ns;
  if (auto text = read_file((dir / "namespace").string(), "namespace")) ns = *text;
  while (!ns.empty() && (ns.back() == '\n' || ns.back() == ' ')) ns.pop_back();
  out.namespace_ = !options.namespace_.empty() ? options.namespace_ : !ns.empty() ? ns : "default";
  return std::optional<ClientConfig>(std::move(out));
}

core::Result<ClientConfig> load_client_config(const ConfigOptions& options, const Environment& env) {
  KubeconfigSearch search{options.kubeconfig, env.kubeconfig, env.home};
  auto loaded = load_kubeconfig(search);
  if (!loaded) return loaded.error();
  if (*loaded) return resolve_context(**loaded, options);
  auto in_cluster = in_cluster_config(env, options);
  if (!in_cluster) return in_cluster.error();
  if (*in_cluster) return std::move(**in_cluster);
  std::string looked;
  for (const auto& f : kubeconfig_files(search)) looked += (looked.empty() ? "" : ", ") + f.string();
  return usage("no kubeconfig found (looked for " + (looked.empty() ? "nothing" : looked) +
               ") and not running inside a cluster; pass --kubeconfig or set KUBECONFIG");
}

}  // namespace gitops::kube
