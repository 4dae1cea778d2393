// Kubeconfig files, read and merged by kubectl's rules: an explicit --kubeconfig file alone (it
// must exist), else every file of $KUBECONFIG (':'-separated; missing ones skipped; the first file
// to set a cluster, user, context or current-context wins), else ~/.kube/config. Relative paths in
// a file (certificate files, token files, exec commands) resolve against that file's folder.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "kube/exec_config.h"

namespace gitops::kube {

struct KubeconfigCluster {
  std::string server;
  std::string certificate_authority;       // absolute path, or ""
  std::string certificate_authority_data;  // base64 as written
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string proxy_url;
  nlohmann::json exec_extension;  // extensions[name=client.authentication.k8s.io/exec].extension
  std::filesystem::path file;     // the kubeconfig that declared it
};

struct KubeconfigUser {
  std::string client_certificate;       // absolute path, or ""
  std::string client_certificate_data;  // base64 as written
  std::string client_key;
  std::string client_key_data;
  std::string token;
  std::string token_file;  // absolute path, or ""
  std::string username;
  std::string password;
  std::optional<ExecConfig> exec;
  std::string auth_provider;  // name of a legacy auth-provider entry (gcp, azure, oidc), or ""
  std::filesystem::path file;
};

struct KubeconfigContext {
  std::string cluster;
  std::string user;
  std::string namespace_;
  std::filesystem::path file;
};

struct Kubeconfig {
  std::map<std::string, KubeconfigCluster> clusters;
  std::map<std::string, KubeconfigUser> users;
  std::map<std::string, KubeconfigContext> contexts;
  std::string current_context;
  std::vector<std::filesystem::path> files;  // the files that were read, in precedence order
};

// Where kubeconfig files are looked for.
struct KubeconfigSearch {
  std::string explicit_path;                 // --kubeconfig; "" when not given
  std::optional<std::string> kubeconfig_env;  // $KUBECONFIG; nullopt when unset
  std::filesystem::path home;                 // $HOME; "" when unknown
};

// The files to read, in precedence order (see the file comment); does not test existence.
std::vector<std::filesystem::path> kubeconfig_files(const KubeconfigSearch& search);

// Parses one kubeconfig document read from `file`. Fails (kind usage) on invalid YAML, a wrong
// field type, an entry without a name, or a duplicate name, naming the file and the field.
core::Result<Kubeconfig> parse_kubeconfig(std::string_view text, const std::filesystem::path& file);

// Merges `later` into `merged`: existing entries and a set current-context win.
void merge_kubeconfig(Kubeconfig& merged, Kubeconfig later);

// Reads and merges the files of `search`. Fails (kind usage) when the explicit file is missing or
// unreadable, or when any file fails to parse. Returns nullopt when no file exists at all (the
// caller may then try the in-cluster configuration).
core::Result<std::optional<Kubeconfig>> load_kubeconfig(const KubeconfigSearch& search);

}  // namespace gitops::kube
