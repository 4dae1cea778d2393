// Environment tokens, `git credential fill`, and the credential callbacks of RemoteAuth.
#include "git/credential_helper.h"

#include <git2/sys/credential.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "git/remote_auth.h"
#include "tests/support/process.h"
#include "tests/unit/git/scoped_env.h"

namespace gitops::git {
namespace {

class Credentials : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"GITOPS_GIT_TOKEN", "GIT_TOKEN", "SSH_AUTH_SOCK", "GIT_ASKPASS",
                             "SSH_ASKPASS", "GIT_CONFIG_GLOBAL", "XDG_CONFIG_HOME"}) {
      env.unset(name);
    }
    env.set("HOME", home.path().string());
    env.set("GIT_CONFIG_NOSYSTEM", "1");
  }

  // A credential helper script that records its input and answers with `answer`.
  void install_helper(const std::string& answer) {
    std::filesystem::path script = home.path() / "helper.sh";
    std::ofstream(script) << "#!/bin/sh\ncat > " << (home.path() / "asked").string() << "\nprintf '"
                          << answer << "'\n";
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    std::ofstream(home.path() / ".gitconfig")
        << "[credential]\n\thelper = " << script.string() << "\n";
  }

  std::string asked() {
    std::ifstream in(home.path() / "asked");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  testing::ScopedEnv env;
  testing::TempDir home;
};

TEST_F(Credentials, TokenFromTheEnvironment) {
  EXPECT_FALSE(token_from_environment().has_value());
  env.set("GIT_TOKEN", "second");
  EXPECT_EQ(token_from_environment(), "second");
  env.set("GITOPS_GIT_TOKEN", "first");
  EXPECT_EQ(token_from_environment(), "first");
  env.set("GITOPS_GIT_TOKEN", "");
  EXPECT_EQ(token_from_environment(), "second");
}

TEST_F(Credentials, CredentialFillAsksTheConfiguredHelper) {
  install_helper("username=bob\\npassword=hunter2\\n");
  auto filled = credential_fill("https://git.example.com/org/repo.git");
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  ASSERT_TRUE(filled->has_value());
  EXPECT_EQ((*filled)->username, "bob");
  EXPECT_EQ((*filled)->password, "hunter2");
  EXPECT_EQ(asked(), "protocol=https\nhost=git.example.com\n");
}

TEST_F(Credentials, CredentialFillWithoutAHelperHasNoCredential) {
  auto filled = credential_fill("https://git.example.com/org/repo.git");
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  EXPECT_FALSE(filled->has_value());
}

TEST_F(Credentials, CredentialFillRefusesANewlineInTheUrl) {
  auto filled = credential_fill("https://user:s3cr3t@host/x\nhost=evil");
  ASSERT_FALSE(filled.ok());
  EXPECT_EQ(filled.error().kind, core::ErrorKind::source);
  EXPECT_EQ(filled.error().message,
            "asking git for credentials for \"https://user:***@host/x\nhost=evil\": the URL "
            "contains a newline");
}

struct Answer {
  int rc = 0;
  std::string username;
  std::string password;
  int type = 0;
};

Answer ask(RemoteAuth& auth, unsigned int allowed, const char* username = nullptr) {
  git_remote_callbacks callbacks = auth.callbacks();
  git_credential* credential = nullptr;
  Answer answer;
  answer.rc = callbacks.credentials(&credential, "ignored", username, allowed, callbacks.payload);
  if (credential != nullptr) {
    answer.type = credential->credtype;
    if (credential->credtype == GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
      auto* plain = reinterpret_cast<git_credential_userpass_plaintext*>(credential);
      answer.username = plain->username;
      answer.password = plain->password;
    }
    if (credential->credtype == GIT_CREDENTIAL_SSH_KEY) {
      answer.username = reinterpret_cast<git_credential_ssh_key*>(credential)->privatekey;
    }
    git_credential_free(credential);
  }
  return answer;
}

TEST_F(Credentials, HttpsUsesTheTokenThenTheHelperThenGivesUp) {
  env.set("GITOPS_GIT_TOKEN", "tok3n");
  install_helper("username=bob\\npassword=hunter2\\n");
  RemoteAuth auth("https://git.example.com/org/repo.git", home.path());
  Answer first = ask(auth, GIT_CREDENTIAL_USERPASS_PLAINTEXT);
  EXPECT_EQ(first.rc, 0);
  EXPECT_EQ(first.username, "x-access-token");
  EXPECT_EQ(first.password, "tok3n");
  Answer second = ask(auth, GIT_CREDENTIAL_USERPASS_PLAINTEXT);
  EXPECT_EQ(second.rc, 0);
  EXPECT_EQ(second.username, "bob");
  EXPECT_EQ(second.password, "hunter2");
  Answer third = ask(auth, GIT_CREDENTIAL_USERPASS_PLAINTEXT);
  EXPECT_EQ(third.rc, GIT_EUSER);
  ASSERT_TRUE(auth.refusal().has_value());
  EXPECT_EQ(auth.refusal()->message,
            "authenticating to https://git.example.com/org/repo.git: no credential was accepted "
            "(set GITOPS_GIT_TOKEN, or configure a git credential helper)");
}

TEST_F(Credentials, HttpsTokenKeepsTheUserNameOfTheUrl) {
  env.set("GIT_TOKEN", "tok3n");
  RemoteAuth auth("https://alice:old@git.example.com/x.git", home.path());
  Answer first = ask(auth, GIT_CREDENTIAL_USERPASS_PLAINTEXT, "alice");
  EXPECT_EQ(first.username, "alice");
  EXPECT_EQ(first.password, "tok3n");
  EXPECT_EQ(ask(auth, GIT_CREDENTIAL_USERPASS_PLAINTEXT, "alice").rc, GIT_EUSER);
  EXPECT_EQ(auth.refusal()->message.find("old"), std::string::npos);
  EXPECT_EQ(auth.refusal()->message.rfind(
                "authenticating to https://alice:***@git.example.com/x.git: ", 0),
            0u);
}

TEST_F(Credentials, SshTriesKeyFilesInOrder) {
  std::filesystem::create_directories(home.path() / ".ssh");
  std::filesystem::path key = home.path() / ".ssh" / "id_rsa";
  std::ofstream(key) << "not read until libgit2 connects\n";
  RemoteAuth auth("git@git.example.com:org/repo.git", home.path());
  Answer user = ask(auth, GIT_CREDENTIAL_USERNAME);
  EXPECT_EQ(user.rc, 0);
  EXPECT_EQ(user.type, GIT_CREDENTIAL_USERNAME);
  Answer first = ask(auth, GIT_CREDENTIAL_SSH_KEY, "git");
  EXPECT_EQ(first.rc, 0);
  EXPECT_EQ(first.type, GIT_CREDENTIAL_SSH_KEY);
  EXPECT_EQ(first.username, key.string());
  Answer second = ask(auth, GIT_CREDENTIAL_SSH_KEY, "git");
  EXPECT_EQ(second.rc, GIT_EUSER);
  std::string ssh = (home.path() / ".ssh").string();
  EXPECT_EQ(auth.refusal()->message,
            "authenticating to git@git.example.com:org/repo.git: no SSH key was accepted (tried "
            "ssh-agent, " +
                ssh + "/id_ed25519, " + ssh + "/id_rsa)");
}

}  // namespace
}  // namespace gitops::git
