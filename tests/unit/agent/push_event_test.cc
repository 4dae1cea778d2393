#include "agent/push_event.h"

#include <gtest/gtest.h>

namespace gitops::agent {
namespace {

TEST(PushEvent, ReadsAGitHubPush) {
  auto event = parse_push_event(R"({"ref":"refs/heads/main","repository":{
      "clone_url":"https://github.com/shop/deploy.git","ssh_url":"git@github.com:shop/deploy.git",
      "default_branch":"main"}})");
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_EQ(event->branches, std::vector<std::string>{"main"});
  EXPECT_EQ(event->repo_urls, (std::vector<std::string>{"https://github.com/shop/deploy.git",
                                                        "git@github.com:shop/deploy.git"}));
  EXPECT_EQ(event->default_branch, "main");
}

TEST(PushEvent, ReadsGitLabAndBitbucketPushes) {
  auto gitlab = parse_push_event(R"({"ref":"refs/heads/prod","project":{
      "git_http_url":"https://gitlab.com/shop/deploy.git","default_branch":"main"}})");
  ASSERT_TRUE(gitlab);
  EXPECT_EQ(gitlab->branches, std::vector<std::string>{"prod"});
  EXPECT_EQ(gitlab->default_branch, "main");
  auto bitbucket = parse_push_event(R"({"changes":[{"ref":{"id":"refs/heads/main"}}],"repository":{
      "links":{"clone":[{"href":"ssh://git@bb.example.com:7999/shop/deploy.git"}]}}})");
  ASSERT_TRUE(bitbucket);
  EXPECT_EQ(bitbucket->branches, std::vector<std::string>{"main"});
}

TEST(PushEvent, RefusesPayloadsWithoutRepositoryOrBranch) {
  EXPECT_EQ(parse_push_event("not json").error().message, "the payload is not a JSON object");
  EXPECT_EQ(parse_push_event(R"({"ref":"refs/heads/main"})").error().message,
            "the payload names no repository");
  EXPECT_EQ(parse_push_event(R"({"ref":"refs/tags/v1","repository":{"clone_url":"https://h/r"}})")
                .error()
                .message,
            "the payload names no branch (refs/heads/...)");
}

TEST(PushEvent, NormalisesRepositoryUrls) {
  EXPECT_EQ(normalize_repo_url("https://GitHub.com/shop/deploy.git"), "github.com/shop/deploy");
  EXPECT_EQ(normalize_repo_url("git@github.com:shop/deploy.git"), "github.com/shop/deploy");
  EXPECT_EQ(normalize_repo_url("ssh://git@github.com:22/shop/deploy/"), "github.com/shop/deploy");
  EXPECT_EQ(normalize_repo_url("https://user:token@github.com/shop/deploy"),
            "github.com/shop/deploy");
  EXPECT_EQ(normalize_repo_url("git://127.0.0.1:9418/repo.git"), "127.0.0.1/repo");
  EXPECT_EQ(normalize_repo_url("file:///srv/git/repo.git"), "/srv/git/repo");
  EXPECT_EQ(normalize_repo_url("/srv/git/repo.git/"), "/srv/git/repo");
}

TEST(PushEvent, MatchesAppsOnTheSameRepositoryAndBranch) {
  PushEvent event{.repo_urls = {"https://github.com/shop/deploy.git"},
                  .branches = {"main"},
                  .default_branch = "main"};
  EXPECT_TRUE(push_matches(event, "git@github.com:shop/deploy", "main"));
  EXPECT_TRUE(push_matches(event, "https://github.com/shop/deploy", "refs/heads/main"));
  EXPECT_TRUE(push_matches(event, "https://github.com/shop/deploy", "origin/main"));
  EXPECT_TRUE(push_matches(event, "https://github.com/shop/deploy", "HEAD"));
  EXPECT_FALSE(push_matches(event, "https://github.com/shop/deploy", "prod"));
  EXPECT_FALSE(push_matches(event, "https://github.com/shop/other", "main"));
  PushEvent other_branch{.repo_urls = {"https://github.com/shop/deploy"},
                         .branches = {"dev"},
                         .default_branch = "main"};
  EXPECT_FALSE(push_matches(other_branch, "https://github.com/shop/deploy", "HEAD"));
}

}  // namespace
}  // namespace gitops::agent
