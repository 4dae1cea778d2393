// ClusterCompletionSources: the completion values that live outside the program, read the way
// the commands read them - the kubeconfig by kubectl's rules, the cluster with one short request
// each (2 s, no retries), Git refs from the repository or its cached mirror without fetching.
#pragma once

#include <chrono>

#include "plugin/completion.h"

namespace gitops::plugin {

class ClusterCompletionSources : public CompletionSources {
 public:
  explicit ClusterCompletionSources(std::chrono::milliseconds timeout = std::chrono::seconds(2))
      : m_timeout(timeout) {}

  std::vector<std::string> contexts(const CompletionScope& scope) override;
  std::vector<std::string> namespaces(const CompletionScope& scope) override;
  std::vector<std::string> apps(const CompletionScope& scope) override;
  std::vector<Candidate> revisions(const CompletionScope& scope, const std::string& app) override;
  std::vector<std::string> refs(const CompletionScope& scope) override;

 private:
  std::chrono::milliseconds m_timeout;
};

}  // namespace gitops::plugin
