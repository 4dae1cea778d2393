// End-to-end: the built binary on PATH, run the way users run it, as `kubectl gitops ...`.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "tests/support/process.h"

namespace gitops::testing {
namespace {

// Runs `kubectl gitops ARGS...` with the built plugin first on PATH (kubectl's plugin discovery).
RunResult kubectl_gitops(std::vector<std::string> args, RunOptions options = {}) {
  std::filesystem::path binary = required_env("GITOPS_BINARY");
  std::string path = binary.parent_path().string() + ":" + std::getenv("PATH");
  options.env["PATH"] = path;
  args.insert(args.begin(), {"kubectl", "gitops"});
  return run(args, options);
}

TEST(Cli, HelpListsEveryCommand) {
  RunResult r = kubectl_gitops({"--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* command : {"render", "diff", "sync", "history", "rollback", "status", "list",
                              "delete", "agent", "version", "completion"}) {
    std::regex line(std::string("\n  ") + command + " +[A-Z]");
    EXPECT_TRUE(std::regex_search(r.out, line)) << command << " missing from:\n" << r.out;
  }
}

TEST(Cli, VersionClientOnly) {
  RunResult r = kubectl_gitops({"version", "--client"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_match(r.out, std::regex("Client Version: v[0-9]+\\.[0-9]+\\.[0-9]+\n")))
      << r.out;
  EXPECT_EQ(r.err, "");
}

TEST(Cli, UnknownCommandIsAUsageError) {
  RunResult r = kubectl_gitops({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "kubectl-gitops: error: unknown command \"frobnicate\" for \"kubectl gitops\" "
            "(see 'kubectl gitops --help')\n");
}

TEST(Cli, UnknownFlagIsAUsageError) {
  RunResult r = kubectl_gitops({"version", "--frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("kubectl-gitops: error: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--frobnicate"), std::string::npos) << r.err;
}

TEST(Cli, VersionRejectsUnknownOutputFormat) {
  RunResult r = kubectl_gitops({"version", "--client", "-o", "xml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "kubectl-gitops: error: unknown output format \"xml\" for version (use json or yaml)\n");
}

}  // namespace
}  // namespace gitops::testing
