// End-to-end: `kubectl gitops render` as users run it, on a test repository whose work tree
// differs from its commits.
#include <gtest/gtest.h>

#include "tests/support/e2e.h"
#include "tests/support/git_repo.h"

namespace gitops::testing {
namespace {

std::string config_map(const std::string& value) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  value: \"" + value + "\"\n";
}

std::string rendered(const std::string& value) {
  return "apiVersion: v1\ndata:\n  value: " + value + "\nkind: ConfigMap\nmetadata:\n  name: settings\n";
}

class RenderCli : public ::testing::Test {
 protected:
  RunResult render(std::vector<std::string> args) {
    args.insert(args.begin(), "render");
    return kubectl_gitops(args, {.cwd = repo.path()});
  }
  GitRepo repo;
};

TEST_F(RenderCli, EachRefGivesItsOwnObjectsWhateverTheWorkTreeHolds) {
  repo.commit({{"app/settings.yaml", config_map("one")}}, "one");
  repo.git({"tag", "v1"});
  std::string two = repo.commit({{"app/settings.yaml", config_map("two")}}, "two");
  repo.write_uncommitted("app/settings.yaml", config_map("three"));

  RunResult at_tag = render({"--ref", "v1", "--path", "app"});
  ASSERT_EQ(at_tag.exit_code, 0) << at_tag.err;
  EXPECT_EQ(at_tag.out, rendered("one"));
  RunResult at_head = render({"--path", "app"});
  ASSERT_EQ(at_head.exit_code, 0) << at_head.err;
  EXPECT_EQ(at_head.out, rendered("two"));
  RunResult at_sha = render({"--repo", repo.path().string(), "--ref", two.substr(0, 10), "--path", "app"});
  EXPECT_EQ(at_sha.out, rendered("two"));
  RunResult parent = render({"--ref", "HEAD~1", "--path", "app"});
  EXPECT_EQ(parent.out, rendered("one"));
  RunResult local = render({"--local", "app"});
  ASSERT_EQ(local.exit_code, 0) << local.err;
  EXPECT_EQ(local.out, rendered("three"));
}

TEST_F(RenderCli, BadInputsSayWhatIsWrongAndExit3) {
  std::string sha = repo.commit({{"app/settings.yaml", config_map("one")}}, "one");
  RunResult ref = render({"--ref", "nope", "--path", "app"});
  EXPECT_EQ(ref.exit_code, 3);
  EXPECT_EQ(ref.out, "");
  EXPECT_EQ(ref.err, "kubectl-gitops: error: unknown revision \"nope\" in " + repo.path().string() + "\n");

  RunResult path = render({"--path", "missing"});
  EXPECT_EQ(path.exit_code, 3);
  EXPECT_EQ(path.err, "kubectl-gitops: error: using --path \"missing\" in commit " + sha.substr(0, 7) + " of " +
                          repo.path().string() + ": no such folder\n");

  repo.commit({{"app/broken.yaml", "a: [\n"}}, "broken");
  RunResult yaml = render({"--path", "app"});
  EXPECT_EQ(yaml.exit_code, 3);
  EXPECT_EQ(yaml.out, "");
  EXPECT_EQ(yaml.err, "kubectl-gitops: error: app/broken.yaml:2:1: end of sequence flow not found\n");
}

}  // namespace
}  // namespace gitops::testing
