// Test support for end-to-end tests: run `kubectl gitops ...` and `kubectl ...` against the test
// control plane the way users do, and give each test its own namespace.
#pragma once

#include <string>
#include <vector>

#include "tests/support/process.h"

namespace gitops::testing {

// `kubectl gitops ARGS...` with the built plugin first on PATH and KUBECONFIG set to the test
// cluster's (unless `options.env` sets it).
RunResult kubectl_gitops(std::vector<std::string> args, RunOptions options = {});

// `kubectl --kubeconfig TEST ARGS...`; fails the test on a non-zero exit unless `allow_failure`.
RunResult kubectl(std::vector<std::string> args, bool allow_failure = false, RunOptions options = {});

// A namespace created for one test and deleted (without waiting) at the end of it.
class TestNamespace {
 public:
  explicit TestNamespace(const std::string& prefix);
  ~TestNamespace();
  const std::string& name() const { return m_name; }

 private:
  std::string m_name;
};

// The path of the test cluster's kubeconfig.
std::string test_kubeconfig();

// The first line of `text`.
std::string first_line(const std::string& text);

}  // namespace gitops::testing
