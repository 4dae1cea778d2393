// Runners for the plugin and kubectl against the test cluster.
#include "tests/support/e2e.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

namespace gitops::testing {

std::string test_kubeconfig() { return required_env("GITOPS_TEST_KUBECONFIG"); }

RunResult kubectl_gitops(std::vector<std::string> args, RunOptions options) {
  std::filesystem::path binary = required_env("GITOPS_BINARY");
  const char* path = std::getenv("PATH");
  if (!options.env.count("PATH")) {
    options.env["PATH"] = binary.parent_path().string() + ":" + (path ? path : "/usr/bin:/bin");
  }
  if (!options.env.count("KUBECONFIG")) options.env["KUBECONFIG"] = test_kubeconfig();
  // Discovery caches and Git mirrors of tests stay out of the user's ~/.cache.
  if (!options.env.count("XDG_CACHE_HOME")) {
    options.env["XDG_CACHE_HOME"] = (std::filesystem::temp_directory_path() / "kubectl-gitops-test-cache").string();
  }
  args.insert(args.begin(), {"kubectl", "gitops"});
  return run(args, options);
}

RunResult kubectl(std::vector<std::string> args, bool allow_failure, RunOptions options) {
  args.insert(args.begin(), {"kubectl", "--kubeconfig", test_kubeconfig()});
  RunResult r = run(args, options);
  if (!allow_failure) {
    EXPECT_EQ(r.exit_code, 0) << "kubectl failed: " << r.err;
  }
  return r;
}

TestNamespace::TestNamespace(const std::string& prefix) {
  std::random_device rd;
  m_name = prefix + "-" + std::to_string(rd() % 1000000);
  kubectl({"create", "namespace", m_name});
}

TestNamespace::~TestNamespace() {
  kubectl({"delete", "namespace", m_name, "--wait=false"}, /*allow_failure=*/true);
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace gitops::testing
