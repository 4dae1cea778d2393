// Compiled into every test binary: gives the environment variables tests read
// (GITOPS_TEST_KUBECONFIG, GITOPS_BINARY, ...) their build-tree defaults before main() runs, so
// test binaries work when ctest or a person runs them directly. Values already set win.
#include <cstdlib>

namespace {

struct TestEnvironmentDefaults {
  TestEnvironmentDefaults() {
    setenv("GITOPS_TEST_KUBECONFIG", GITOPS_TEST_CLUSTER_DIR_DEFAULT "/kubeconfig", 0);
    setenv("GITOPS_TEST_CLUSTER_DIR", GITOPS_TEST_CLUSTER_DIR_DEFAULT, 0);
    setenv("GITOPS_BINARY", GITOPS_BINARY_DEFAULT, 0);
    setenv("GITOPS_SOURCE_DIR", GITOPS_SOURCE_DIR_DEFAULT, 0);
    setenv("GITOPS_TESTDATA", GITOPS_SOURCE_DIR_DEFAULT "/tests/testdata", 0);
  }
};

const TestEnvironmentDefaults k_defaults;

}  // namespace
