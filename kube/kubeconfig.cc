// Kubeconfig parsing (yaml-cpp) and kubectl's merge rules.
#include "kube/kubeconfig.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include <yaml-cpp/yaml.h>

namespace gitops::kube {
namespace {

namespace fs = std::filesystem;

core::Error usage(std::string message) { return core::Error{core::ErrorKind::usage, std::move(message)}; }

// Thrown inside this file only, caught by parse_kubeconfig.
struct FieldError {
  std::string message;
};

std::string read_string(const YAML::Node& node, const std::string& where) {
  if (!node || node.IsNull()) return "";
  if (!node.IsScalar()) throw FieldError{where + ": expected a string"};
  return node.Scalar();
}

bool read_bool(const YAML::Node& node, const std::string& where) {
  if (!node || node.IsNull()) return false;
  const std::string value = read_string(node, where);
  if (value == "true" || value == "True" || value == "TRUE") return true;
  if (value == "false" || value == "False" || value == "FALSE") return false;
  throw FieldError{where + ": expected true or false, got \"" + value + "\""};
}

std::string resolve_path(const std::string& path, const fs::path& dir) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (dir / path).lexically_normal().string();
}

nlohmann::json to_json(const YAML::Node& node) {
  if (!node || node.IsNull()) return nullptr;
  if (node.IsScalar()) return node.Scalar();
  if (node.IsSequence()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : node) out.push_back(to_json(item));
    return out;
  }
  nlohmann::json out = nlohmann::json::object();
  for (const auto& item : node) out[item.first.Scalar()] = to_json(item.second);
  return out;
}

InteractiveMode read_interactive_mode(const YAML::Node& node, const std::string& where,
                                      const std::string& api_version) {
  const std::string value = read_string(node, where);
  if (value == "Never") return InteractiveMode::never;
  if (value == "IfAvailable") return InteractiveMode::if_available;
  if (value == "Always") return InteractiveMode::always;
  if (value.empty() && api_version != "client.authentication.k8s.io/v1") {
    return InteractiveMode::if_available;
  }
  if (value.empty()) throw FieldError{where + ": required by client.authentication.k8s.io/v1"};
  throw FieldError{where + ": must be Never, IfAvailable or Always, got \"" + value + "\""};
}

ExecConfig read_exec(const YAML::Node& node, const std::string& where, const fs::path& dir,
                     const std::string& user) {
  ExecConfig exec;
  exec.user_name = user;
  exec.kubeconfig_dir = dir;
  exec.api_version = read_string(node["apiVersion"], where + ".apiVersion");
  if (exec.api_version != "client.authentication.k8s.io/v1" &&
      exec.api_version != "client.authentication.k8s.io/v1beta1") {
    throw FieldError{where + ".apiVersion: \"" + exec.api_version +
                     "\" is not supported (use client.authentication.k8s.io/v1 or v1beta1)"};
  }
  exec.command = read_string(node["command"], where + ".command");
  if (exec.command.empty()) throw FieldError{where + ".command: missing"};
  if (const auto& args = node["args"]; args && !args.IsNull()) {
    if (!args.IsSequence()) throw FieldError{where + ".args: expected a list"};
    for (std::size_t i = 0; i < args.size(); ++i) {
      exec.args.push_back(read_string(args[i], where + ".args[" + std::to_string(i) + "]"));
    }
  }
  if (const auto& env = node["env"]; env && !env.IsNull()) {
    if (!env.IsSequence()) throw FieldError{where + ".env: expected a list"};
    for (std::size_t i = 0; i < env.size(); ++i) {
      const std::string at = where + ".env[" + std::to_string(i) + "]";
      exec.env.emplace_back(read_string(env[i]["name"], at + ".name"),
                            read_string(env[i]["value"], at + ".value"));
    }
  }
  exec.provide_cluster_info = read_bool(node["provideClusterInfo"], where + ".provideClusterInfo");
  exec.interactive_mode =
      read_interactive_mode(node["interactiveMode"], where + ".interactiveMode", exec.api_version);
  exec.install_hint = read_string(node["installHint"], where + ".installHint");
  return exec;
}

KubeconfigCluster read_cluster(const YAML::Node& node, const std::string& where,
                               const fs::path& file) {
  const fs::path dir = file.parent_path();
  KubeconfigCluster c;
  c.file = file;
  c.server = read_string(node["server"], where + ".server");
  c.certificate_authority =
      resolve_path(read_string(node["certificate-authority"], where + ".certificate-authority"), dir);
  c.certificate_authority_data =
      read_string(node["certificate-authority-data"], where + ".certificate-authority-data");
  c.insecure_skip_tls_verify =
      read_bool(node["insecure-skip-tls-verify"], where + ".insecure-skip-tls-verify");
  c.tls_server_name = read_string(node["tls-server-name"], where + ".tls-server-name");
  c.proxy_url = read_string(node["proxy-url"], where + ".proxy-url");
  if (const auto& extensions = node["extensions"]; extensions && extensions.IsSequence()) {
    for (const auto& ext : extensions) {
      if (ext["name"] && ext["name"].IsScalar() &&
          ext["name"].Scalar() == "client.authentication.k8s.io/exec") {
        c.exec_extension = to_json(ext["extension"]);
      }
    }
  }
  return c;
}

KubeconfigUser read_user(const YAML::Node& node, const std::string& where, const fs::path& file,
                         const std::string& name) {
  const fs::path dir = file.parent_path();
  KubeconfigUser u;
  u.file = file;
  u.client_certificate =
      resolve_path(read_string(node["client-certificate"], where + ".client-certificate"), dir);
  u.client_certificate_data =
      read_string(node["client-certificate-data"], where + ".client-certificate-data");
  u.client_key = resolve_path(read_string(node["client-key"], where + ".client-key"), dir);
  u.client_key_data = read_string(node["client-key-data"], where + ".client-key-data");
  u.token = read_string(node["token"], where + ".token");
  u.token_file = resolve_path(read_string(node["tokenFile"], where + ".tokenFile"), dir);
  u.username = read_string(node["username"], where + ".username");
  u.password = read_string(node["password"], where + ".password");
  if (const auto& exec = node["exec"]; exec && !exec.IsNull()) {
    if (!exec.IsMap()) throw FieldError{where + ".exec: expected a mapping"};
    u.exec = read_exec(exec, where + ".exec", dir, name);
  }
  if (const auto& provider = node["auth-provider"]; provider && provider.IsMap()) {
    u.auth_provider = read_string(provider["name"], where + ".auth-provider.name");
    if (u.auth_provider.empty()) u.auth_provider = "unnamed";
  }
  return u;
}

KubeconfigContext read_context(const YAML::Node& node, const std::string& where,
                               const fs::path& file) {
  KubeconfigContext c;
  c.file = file;
  c.cluster = read_string(node["cluster"], where + ".cluster");
  c.user = read_string(node["user"], where + ".user");
  c.namespace_ = read_string(node["namespace"], where + ".namespace");
  return c;
}

// Reads the named list `key` (clusters, users, contexts): each item {name, <body_key>: {...}}.
template <typename Entry, typename Reader>
void read_named_list(const YAML::Node& root, const std::string& key, const std::string& body_key,
                     std::map<std::string, Entry>& out, Reader reader) {
  const YAML::Node list = root[key];
  if (!list || list.IsNull()) return;
  if (!list.IsSequence()) throw FieldError{key + ": expected a list"};
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = key + "[" + std::to_string(i) + "]";
    if (!list[i].IsMap()) throw FieldError{at + ": expected a mapping"};
    const std::string name = read_string(list[i]["name"], at + ".name");
    if (name.empty()) throw FieldError{at + ".name: missing"};
    if (out.count(name)) throw FieldError{at + ": duplicate name \"" + name + "\""};
    YAML::Node body = list[i][body_key];
    if (body && !body.IsNull() && !body.IsMap()) {
      throw FieldError{at + "." + body_key + ": expected a mapping"};
    }
    if (!body) body = YAML::Node(YAML::NodeType::Map);
    out.emplace(name, reader(body, at + "." + body_key, name));
  }
}

}  // namespace

std::vector<fs::path> kubeconfig_files(const KubeconfigSearch& search) {
  if (!search.explicit_path.empty()) return {fs::path(search.explicit_path)};
  std::vector<fs::path> files;
  if (search.kubeconfig_env && !search.kubeconfig_env->empty()) {
    std::stringstream list(*search.kubeconfig_env);
    std::string item;
    while (std::getline(list, item, ':')) {
      if (item.empty()) continue;
      fs::path p(item);
      bool seen = false;
      for (const auto& f : files) seen = seen || f == p;
      if (!seen) files.push_back(p);
    }
    return files;
  }
  if (!search.home.empty()) files.push_back(search.home / ".kube" / "config");
  return files;
}

core::Result<Kubeconfig> parse_kubeconfig(std::string_view text, const fs::path& file) {
  Kubeconfig config;
  config.files.push_back(file);
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root || root.IsNull()) return config;
    if (!root.IsMap()) return usage("kubeconfig " + file.string() + ": expected a mapping");
    read_named_list(root, "clusters", "cluster", config.clusters,
                    [&](const YAML::Node& n, const std::string& w, const std::string&) {
                      return read_cluster(n, w, file);
                    });
    read_named_list(root, "users", "user", config.users,
                    [&](const YAML::Node& n, const std::string& w, const std::string& name) {
                      return read_user(n, w, file, name);
                    });
    read_named_list(root, "contexts", "context", config.contexts,
                    [&](const YAML::Node& n, const std::string& w, const std::string&) {
                      return read_context(n, w, file);
                    });
    config.current_context = read_string(root["current-context"], "current-context");
  } catch (const FieldError& e) {
    return usage("kubeconfig " + file.string() + ": " + e.message);
  } catch (const YAML::Exception& e) {
    return usage("kubeconfig " + file.string() + ": invalid YAML: " + e.what());
  }
  return config;
}

void merge_kubeconfig(Kubeconfig& merged, Kubeconfig later) {
  for (auto& [k, v] : later.clusters) merged.clusters.emplace(k, std::move(v));
  for (auto& [k, v] : later.users) merged.users.emplace(k, std::move(v));
  for (auto& [k, v] : later.contexts) merged.contexts.emplace(k, std::move(v));
  if (merged.current_context.empty()) merged.current_context = later.current_context;
  for (auto& f : later.files) merged.files.push_back(std::move(f));
}

core::Result<std::optional<Kubeconfig>> load_kubeconfig(const KubeconfigSearch& search) {
  std::optional<Kubeconfig> merged;
  for (const auto& file : kubeconfig_files(search)) {
    std::error_code ec;
    if (!fs::exists(file, ec)) {
      if (!search.explicit_path.empty()) {
        return usage("kubeconfig " + file.string() + " (from --kubeconfig) does not exist");
      }
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return usage("cannot read kubeconfig " + file.string());
    auto parsed = parse_kubeconfig(text.str(), file);
    if (!parsed) return parsed.error();
    if (!merged) {
      merged = std::move(*parsed);
    } else {
      merge_kubeconfig(*merged, std::move(*parsed));
    }
  }
  return merged;
}

}  // namespace gitops::kube
