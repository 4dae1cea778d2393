#include "agent/signature.h"

#include <gtest/gtest.h>

namespace gitops::agent {
namespace {

// GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!".
constexpr const char* k_secret = "It's a Secret to Everybody";
constexpr const char* k_body = "Hello, World!";
constexpr const char* k_digest = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

TEST(Signature, HmacMatchesGitHubsExample) {
  EXPECT_EQ(hmac_sha256_hex(k_secret, k_body), k_digest);
}

TEST(Signature, AcceptsTheRightSignatureInEitherCase) {
  EXPECT_TRUE(valid_hub_signature(k_secret, k_body, std::string("sha256=") + k_digest));
  EXPECT_TRUE(valid_hub_signature(
      k_secret, k_body, "sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17"));
}

TEST(Signature, RefusesEverythingElse) {
  EXPECT_FALSE(valid_hub_signature(k_secret, "Hello, World?", std::string("sha256=") + k_digest));
  EXPECT_FALSE(valid_hub_signature("another secret", k_body, std::string("sha256=") + k_digest));
  EXPECT_FALSE(valid_hub_signature(k_secret, k_body, k_digest));  // no prefix
  EXPECT_FALSE(valid_hub_signature(k_secret, k_body, std::string("sha1=") + k_digest));
  EXPECT_FALSE(valid_hub_signature(k_secret, k_body, "sha256=757107ea"));  // truncated
  EXPECT_FALSE(valid_hub_signature(k_secret, k_body, ""));
  EXPECT_FALSE(
      valid_hub_signature("", k_body, std::string("sha256=") + hmac_sha256_hex("", k_body)));
}

TEST(Signature, GitLabTokenMustMatchExactly) {
  EXPECT_TRUE(valid_token("s3cret", "s3cret"));
  EXPECT_FALSE(valid_token("s3cret", "s3cret "));
  EXPECT_FALSE(valid_token("s3cret", "s3cre"));
  EXPECT_FALSE(valid_token("", ""));
}

}  // namespace
}  // namespace gitops::agent
