// classify_location and mirror_name.
#include "git/location.h"

#include <gtest/gtest.h>

namespace gitops::git {
namespace {

TEST(ClassifyLocation, RemoteUrls) {
  for (const char* url : {"https://github.com/org/repo.git", "http://127.0.0.1:8080/r",
                          "ssh://git@host:2222/r.git", "git://127.0.0.1:9418/r",
                          "file:///srv/git/r", "git@github.com:org/repo.git", "host:repo"}) {
    auto location = classify_location(url);
    ASSERT_TRUE(location.ok()) << url;
    EXPECT_EQ(location->kind, LocationKind::remote) << url;
    EXPECT_EQ(location->value, url);
  }
}

TEST(ClassifyLocation, LocalPaths) {
  for (const char* path : {"/srv/git/repo", ".", "../repo", "./a:b", "repo"}) {
    auto location = classify_location(path);
    ASSERT_TRUE(location.ok()) << path;
    EXPECT_EQ(location->kind, LocationKind::local_path) << path;
  }
}

TEST(ClassifyLocation, RefusesTheExtTransport) {
  auto location = classify_location("ext::sh -c touch% /tmp/pwned");
  ASSERT_FALSE(location.ok());
  EXPECT_EQ(location.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(location.error().message,
            "refusing repository \"ext::sh -c touch% /tmp/pwned\": the \"ext\" transport runs "
            "commands");
}

TEST(ClassifyLocation, RefusesTheFdTransportAndOtherHelpers) {
  auto fd = classify_location("fd::17");
  ASSERT_FALSE(fd.ok());
  EXPECT_EQ(fd.error().message,
            "refusing repository \"fd::17\": the \"fd\" transport is not supported");
  auto helper = classify_location("Foo::https://user:secret@host/x");
  ASSERT_FALSE(helper.ok());
  EXPECT_EQ(helper.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(helper.error().message,
            "refusing repository \"Foo::https://user:***@host/x\": remote helper transports "
            "(\"foo::\") are not supported");
}

TEST(ClassifyLocation, RefusesUnknownSchemesWithoutLeakingSecrets) {
  auto location = classify_location("ftp://user:secret@host/x");
  ASSERT_FALSE(location.ok());
  EXPECT_EQ(location.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(location.error().message,
            "refusing repository \"ftp://user:***@host/x\": unsupported URL scheme \"ftp\" (use "
            "https://, ssh://, git@host:path, git:// or file://)");
}

TEST(ClassifyLocation, RefusesAnEmptyLocation) {
  auto location = classify_location("");
  ASSERT_FALSE(location.ok());
  EXPECT_EQ(location.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(location.error().message, "empty repository location");
}

TEST(MirrorName, IsReadableAndStable) {
  std::string name = mirror_name("https://github.com/org/app.git");
  EXPECT_EQ(name.substr(0, 23), "github.com-org-app.git-");
  EXPECT_EQ(name.size(), 23u + 16u);
  EXPECT_EQ(name, mirror_name("https://github.com/org/app.git/"));
  EXPECT_NE(name, mirror_name("https://github.com/org/other.git"));
}

TEST(MirrorName, DependsOnNoCredential) {
  std::string name = mirror_name("https://user:one@github.com/org/app.git");
  EXPECT_EQ(name, mirror_name("https://user:two@github.com/org/app.git"));
  EXPECT_EQ(name.find("one"), std::string::npos);
  EXPECT_EQ(mirror_name("https://tokenA@host/x"), mirror_name("https://tokenB@host/x"));
  EXPECT_EQ(mirror_name("git@github.com:org/app.git").substr(0, 23), "github.com-org-app.git-");
}

}  // namespace
}  // namespace gitops::git
