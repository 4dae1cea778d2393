// Completion values from the kubeconfig, the cluster and Git. Failures are swallowed on purpose:
// a completion that cannot reach the cluster offers nothing rather than an error in the prompt.
#include "plugin/completion_sources.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "git/ref.h"
#include "git/repository.h"
#include "kube/client.h"
#include "kube/client_config.h"
#include "kube/kubeconfig.h"
#include "sync/applyset.h"
#include "sync/history.h"

namespace gitops::plugin {
namespace {

std::optional<kube::Kubeconfig> read_kubeconfig(const CompletionScope& scope) {
  kube::Environment env = kube::Environment::from_process();
  auto config = kube::load_kubeconfig(
      {.explicit_path = scope.kubeconfig, .kubeconfig_env = env.kubeconfig, .home = env.home});
  if (!config || !*config) return std::nullopt;
  return std::move(**config);
}

// A client for the scope's context that gives up after `timeout` and never retries.
std::unique_ptr<kube::Client> connect_briefly(const CompletionScope& scope,
                                              std::chrono::milliseconds timeout) {
  auto config = kube::load_client_config({.kubeconfig = scope.kubeconfig,
                                          .context = scope.context,
                                          .namespace_ = scope.namespace_,
                                          .request_timeout = timeout});
  if (!config) return nullptr;
  kube::ClientOptions options;
  options.retry.max_attempts = 1;
  auto client = kube::Client::create(std::move(*config), std::move(options));
  if (!client) return nullptr;
  return std::move(*client);
}

std::vector<std::string> sorted(std::set<std::string> names) {
  return {names.begin(), names.end()};
}

}  // namespace

std::vector<std::string> ClusterCompletionSources::contexts(const CompletionScope& scope) {
  std::set<std::string> names;
  if (auto config = read_kubeconfig(scope)) {
    for (const auto& [name, context] : config->contexts) names.insert(name);
  }
  return sorted(std::move(names));
}

std::vector<std::string> ClusterCompletionSources::namespaces(const CompletionScope& scope) {
  std::set<std::string> names;
  if (auto config = read_kubeconfig(scope)) {
    for (const auto& [name, context] : config->contexts) {
      if (!context.namespace_.empty()) names.insert(context.namespace_);
    }
  }
  if (auto client = connect_briefly(scope, m_timeout)) {
    auto list = client->list_all({.group = "", .version = "v1", .kind = "Namespace"});
    if (list) {
      for (const auto& ns : *list) names.insert(ns["metadata"].value("name", ""));
    }
  }
  names.erase("");
  return sorted(std::move(names));
}

std::vector<std::string> ClusterCompletionSources::apps(const CompletionScope& scope) {
  auto client = connect_briefly(scope, m_timeout);
  if (!client) return {};
  auto parents = client->list_all(
      {.group = "", .version = "v1", .kind = "Secret", .namespace_ = client->config().namespace_},
      {.label_selector = sync::k_applyset_id_label});
  if (!parents) return {};
  std::set<std::string> names;
  for (const auto& parent : *parents) {
    const core::Json& meta = parent["metadata"];
    const std::string name = meta.value("name", "");
    const std::string tooling =
        meta.value("annotations", core::Json::object()).value(sync::k_tooling_annotation, "");
    if (tooling.starts_with("kubectl-gitops/") && name.starts_with("gitops-") && name.size() > 7) {
      names.insert(name.substr(7));
    }
  }
  return sorted(std::move(names));
}

std::vector<Candidate> ClusterCompletionSources::revisions(const CompletionScope& scope,
                                                           const std::string& app) {
  auto client = connect_briefly(scope, m_timeout);
  if (!client) return {};
  auto revisions = sync::list_revisions(*client, app, client->config().namespace_);
  if (!revisions) return {};
  std::vector<Candidate> candidates;
  for (const sync::Revision& r : *revisions) {
    std::string description = r.source.commit.substr(0, 7);
    description += (description.empty() ? "" : " ") + std::string(sync::to_string(r.status));
    if (r.rollback_of > 0)
      description += " rollback of " + std::to_string(r.rollback_of);
    else if (!r.source.subject.empty())
      description += " " + r.source.subject;
    candidates.push_back({std::to_string(r.number), description});
  }
  return candidates;
}

std::vector<std::string> ClusterCompletionSources::refs(const CompletionScope& scope) {
  auto repo = git::Repository::open(scope.repo.empty() ? "." : scope.repo, {.offline = true});
  if (!repo) return {};
  return git::ref_names(*repo);
}

}  // namespace gitops::plugin
