// known_hosts matching with real keys from ssh-keygen, and the host key callback of RemoteAuth.
#include "git/known_hosts.h"

#include <git2/sys/credential.h>
#include <gtest/gtest.h>

#include <fstream>

#include "git/remote_auth.h"
#include "tests/support/process.h"

namespace gitops::git {
namespace {

// Public host keys made with ssh-keygen (public halves only; nothing secret).
const HostKey k_ed{"ssh-ed25519",
                   "AAAAC3NzaC1lZDI1NTE5AAAAINSROm5LiI/tKbz7HbQw+U1LTmpzZb/rLGHrfX/opQSo"};
const HostKey k_other_ed{"ssh-ed25519",
                         "AAAAC3NzaC1lZDI1NTE5AAAAIGp0dlbFUO8rOQPLTcRs0VXNhzQh8EHXDCuE8nTHsWyr"};
const HostKey k_ecdsa{"ecdsa-sha2-nistp256",
                      "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNr1PZEFAKxs2lW4r+xnVwym"
                      "LI7rs1Xngy/Oyc72jQf+mP45bZfjN2aTgSjbiu3nc0L9Kqh57ElPY7/Uh52dZaQ="};
// `ssh-keygen -H` of "example.com <k_ed>" and "[example.com]:2222 <k_ecdsa>".
const std::string k_hashed =
    "|1|UgMw83ZgeYYu3JAVg2AM+bf2eTs=|I8qDmMs4cWTA1AFnRmRUP11K4Qs= " + k_ed.type + " " +
    k_ed.base64 + "\n|1|Iwc01qF9y2l9LG0aX40BijpO7ig=|imbQMfLL/2vuSDYFwfu4MtspEf4= " + k_ecdsa.type +
    " " + k_ecdsa.base64 + "\n";

class KnownHosts : public ::testing::Test {
 protected:
  std::string line(const std::string& hosts, const HostKey& key) {
    return hosts + " " + key.type + " " + key.base64 + " comment\n";
  }
  const HostKey& ed = k_ed;
  const HostKey& other_ed = k_other_ed;
  const HostKey& ecdsa = k_ecdsa;
};

TEST_F(KnownHosts, PlainEntries) {
  std::string file = "# comment\n\n" + line("example.com", ed);
  EXPECT_EQ(check_known_hosts(file, "example.com", 22, ed), HostKeyStatus::trusted);
  EXPECT_EQ(check_known_hosts(file, "EXAMPLE.com", 22, ed), HostKeyStatus::trusted);
  EXPECT_EQ(check_known_hosts(file, "other.com", 22, ed), HostKeyStatus::unknown_host);
  EXPECT_EQ(check_known_hosts(file, "example.com", 22, other_ed), HostKeyStatus::mismatch);
  EXPECT_EQ(check_known_hosts(file, "example.com", 22, ecdsa), HostKeyStatus::unknown_host);
  EXPECT_EQ(check_known_hosts("", "example.com", 22, ed), HostKeyStatus::unknown_host);
}

TEST_F(KnownHosts, PatternListsWildcardsAndNegation) {
  std::string file = line("a.example,*.example.com,!bad.example.com,h?st", ed);
  EXPECT_EQ(check_known_hosts(file, "a.example", 22, ed), HostKeyStatus::trusted);
  EXPECT_EQ(check_known_hosts(file, "git.example.com", 22, ed), HostKeyStatus::trusted);
  EXPECT_EQ(check_known_hosts(file, "host", 22, ed), HostKeyStatus::trusted);
  EXPECT_EQ(check_known_hosts(file, "example.com", 22, ed), HostKeyStatus::unknown_host);
  EXPECT_EQ(check_known_hosts(file, "bad.example.com", 22, ed), HostKeyStatus::unknown_host);
}

TEST_F(KnownHosts, NonDefaultPortsUseBracketedNames) {
  std::string file = line("[example.com]:2222", ed) + line("plain.com", ed);
  EXPECT_EQ(check_known_hosts(file, "example.com", 2222, ed), HostKeyStatus::trusted);
  EXPECT_EQ(check_known_hosts(file, "example.com", 22, ed), HostKeyStatus::unknown_host);
  EXPECT_EQ(check_known_hosts(file, "plain.com", 2222, ed), HostKeyStatus::unknown_host);
}

TEST_F(KnownHosts, HashedEntriesWrittenBySshKeygen) {
  EXPECT_EQ(check_known_hosts(k_hashed, "example.com", 22, ed), HostKeyStatus::trusted);
  EXPECT_EQ(check_known_hosts(k_hashed, "example.com", 2222, ecdsa), HostKeyStatus::trusted);
  EXPECT_EQ(check_known_hosts(k_hashed, "example.com", 22, other_ed), HostKeyStatus::mismatch);
  EXPECT_EQ(check_known_hosts(k_hashed, "example.com", 2222, ed), HostKeyStatus::unknown_host);
  EXPECT_EQ(check_known_hosts(k_hashed, "example.org", 22, ed), HostKeyStatus::unknown_host);
}

TEST_F(KnownHosts, RevokedKeysAndCertAuthorityLines) {
  std::string file = "@revoked * " + ed.type + " " + ed.base64 + "\n" + line("example.com", ed) +
                     "@cert-authority example.org " + other_ed.type + " " + other_ed.base64 + "\n";
  EXPECT_EQ(check_known_hosts(file, "example.com", 22, ed), HostKeyStatus::revoked);
  EXPECT_EQ(check_known_hosts(file, "example.org", 22, other_ed), HostKeyStatus::unknown_host);
}

TEST_F(KnownHosts, ErrorsNameTheHostAndTheFile) {
  core::Error unknown = host_key_error(HostKeyStatus::unknown_host, "example.com", 22, ed,
                                       "/home/u/.ssh/known_hosts");
  EXPECT_EQ(unknown.kind, core::ErrorKind::source);
  EXPECT_EQ(unknown.message,
            "refusing SSH host \"example.com\": no ssh-ed25519 key for it in "
            "/home/u/.ssh/known_hosts (add it after checking its fingerprint, e.g. ssh-keyscan -t "
            "ssh-ed25519 example.com >> /home/u/.ssh/known_hosts)");
  EXPECT_EQ(host_key_error(HostKeyStatus::mismatch, "example.com", 2222, ed, "/k").message,
            "refusing SSH host \"[example.com]:2222\": its ssh-ed25519 key does not match the one "
            "in /k (the key changed, or someone is intercepting)");
  EXPECT_EQ(host_key_error(HostKeyStatus::revoked, "example.com", 22, ed, "/k").message,
            "refusing SSH host \"example.com\": its ssh-ed25519 key is marked @revoked in /k");
}

// The raw key blob libssh2 hands to the certificate callback.
std::string raw_key(const HostKey& key) {
  testing::RunResult decoded = testing::run({"base64", "-d"}, {.input = key.base64});
  EXPECT_EQ(decoded.exit_code, 0);
  return decoded.out;
}

int check_through_callback(RemoteAuth& auth, const HostKey& key, const char* host) {
  std::string raw = raw_key(key);
  git_cert_hostkey cert{};
  cert.parent.cert_type = GIT_CERT_HOSTKEY_LIBSSH2;
  cert.type = GIT_CERT_SSH_RAW;
  cert.raw_type = GIT_CERT_SSH_RAW_TYPE_KEY_ED25519;
  cert.hostkey = raw.data();
  cert.hostkey_len = raw.size();
  git_remote_callbacks callbacks = auth.callbacks();
  return callbacks.certificate_check(&cert.parent, 1, host, callbacks.payload);
}

TEST_F(KnownHosts, RemoteAuthAcceptsAKnownHost) {
  testing::TempDir home;
  std::filesystem::create_directories(home.path() / ".ssh");
  std::ofstream(home.path() / ".ssh" / "known_hosts") << line("[git.example.com]:2222", ed);
  RemoteAuth auth("ssh://git@git.example.com:2222/org/repo.git", home.path());
  EXPECT_EQ(check_through_callback(auth, ed, "git.example.com"), 0);
  EXPECT_FALSE(auth.refusal().has_value());
}

TEST_F(KnownHosts, RemoteAuthRefusesAnUnknownHostByName) {
  testing::TempDir home;
  RemoteAuth auth("git@git.example.com:org/repo.git", home.path());
  EXPECT_EQ(check_through_callback(auth, ed, "git.example.com"), GIT_ECERTIFICATE);
  ASSERT_TRUE(auth.refusal().has_value());
  std::string file = (home.path() / ".ssh" / "known_hosts").string();
  EXPECT_EQ(auth.refusal()->message,
            "refusing SSH host \"git.example.com\": no ssh-ed25519 key for it in " + file +
                " (add it after checking its fingerprint, e.g. ssh-keyscan -t ssh-ed25519 "
                "git.example.com >> " +
                file + ")");
}

TEST_F(KnownHosts, RemoteAuthRefusesAChangedKey) {
  testing::TempDir home;
  std::filesystem::create_directories(home.path() / ".ssh");
  std::ofstream(home.path() / ".ssh" / "known_hosts") << line("git.example.com", other_ed);
  RemoteAuth auth("ssh://git.example.com/org/repo.git", home.path());
  EXPECT_EQ(check_through_callback(auth, ed, "git.example.com"), GIT_ECERTIFICATE);
  ASSERT_TRUE(auth.refusal().has_value());
  EXPECT_EQ(auth.refusal()->message.rfind("refusing SSH host \"git.example.com\": its ssh-ed25519 "
                                          "key does not match",
                                          0),
            0u);
}

TEST_F(KnownHosts, RemoteAuthLeavesTlsToLibgit2) {
  testing::TempDir home;
  RemoteAuth auth("https://example.com/x.git", home.path());
  git_cert cert{};
  cert.cert_type = GIT_CERT_X509;
  git_remote_callbacks callbacks = auth.callbacks();
  EXPECT_EQ(callbacks.certificate_check(&cert, 1, "example.com", callbacks.payload),
            GIT_PASSTHROUGH);
}

}  // namespace
}  // namespace gitops::git
