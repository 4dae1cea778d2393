// redact_url and redact_urls_in_text: secrets in user-info never survive.
#include "git/redact.h"

#include <gtest/gtest.h>

namespace gitops::git {
namespace {

TEST(RedactUrl, ReplacesThePassword) {
  EXPECT_EQ(redact_url("https://user:secret@host/x"), "https://user:***@host/x");
  EXPECT_EQ(redact_url("ssh://git:secret@host:2222/x.git"), "ssh://git:***@host:2222/x.git");
}

TEST(RedactUrl, MasksALoneHttpUserBecauseItMayBeAToken) {
  EXPECT_EQ(redact_url("https://ghp_secret@github.com/org/repo"),
            "https://***@github.com/org/repo");
  EXPECT_EQ(redact_url("HTTP://secret@host"), "HTTP://***@host");
}

TEST(RedactUrl, KeepsUrlsWithoutSecrets) {
  EXPECT_EQ(redact_url("https://github.com/org/repo.git"), "https://github.com/org/repo.git");
  EXPECT_EQ(redact_url("ssh://git@host/x.git"), "ssh://git@host/x.git");
  EXPECT_EQ(redact_url("git@github.com:org/repo.git"), "git@github.com:org/repo.git");
  EXPECT_EQ(redact_url("/srv/git/repo"), "/srv/git/repo");
  EXPECT_EQ(redact_url("https://host/path@v1"), "https://host/path@v1");
}

TEST(RedactUrl, PasswordsHoldingAtSignsAndSlashesAreMaskedWhole) {
  EXPECT_EQ(redact_url("https://user:p@ss@host/x"), "https://user:***@host/x");
  EXPECT_EQ(redact_url("https://user:pa/ss@host/x"), "https://user:***@host/x");
}

TEST(RedactUrlsInText, RedactsEveryUrlInAMessage) {
  EXPECT_EQ(redact_urls_in_text("failed to fetch 'https://u:s3cret@a/x' and http://tok@b/y: 401"),
            "failed to fetch 'https://u:***@a/x' and http://***@b/y: 401");
  EXPECT_EQ(redact_urls_in_text("no urls here"), "no urls here");
}

}  // namespace
}  // namespace gitops::git
