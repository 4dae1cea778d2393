// Sprig crypto and random functions: exact where deterministic (derivePassword, AES round trip,
// errors), otherwise shapes: lengths, alphabets, PEM headers, bcrypt prefixes.
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <regex>

#include "tests/unit/helm/sprig_fixture.h"

namespace gitops::render::helm::testing {
namespace {

using CryptoTest = SprigTest;

TEST_F(CryptoTest, DerivePasswordMatchesTheMasterPasswordAlgorithm) {
  // The published Master Password v3 test vector.
  EXPECT_EQ(run("derivePassword", {I(1), S("long"), S("banana colored duckling"), S("Robert Lee Mitchell"),
                                   S("masterpasswordapp.com")}),
            "Jejr5[RepuSosp");
  EXPECT_EQ(run("derivePassword", {I(1), S("nope"), S("p"), S("u"), S("s")}), "cannot find password template nope");
  EXPECT_EQ(error("derivePassword", {F(1), S("long"), S("p"), S("u"), S("s")}),
            "wrong type for value; expected uint32; got float64");
}

TEST_F(CryptoTest, AesRoundTrip) {
  auto encrypted = call("encryptAES", {S("secretkey"), S("plain text")});
  ASSERT_TRUE(encrypted.ok());
  EXPECT_EQ(encrypted->as_string().size(), 44u);
  EXPECT_EQ(run("decryptAES", {S("secretkey"), *encrypted}), "plain text");
  EXPECT_EQ(run("encryptAES", {S("k"), S("")}), "");
  EXPECT_EQ(run("decryptAES", {S("k"), S("")}), "");
  EXPECT_EQ(error("decryptAES", {S("k"), S("!!")}), "illegal base64 data at input byte 0");
  EXPECT_EQ(error("decryptAES", {S("k"), S("aGk=")}), "runtime error: slice bounds out of range [:16] with length 2");
  EXPECT_EQ(error("decryptAES", {S("k"), S("MDEyMzQ1Njc4OWFiY2RlZjAx")}), "crypto/cipher: input not full blocks");
}

TEST_F(CryptoTest, BcryptAndHtpasswd) {
  auto hash = call("bcrypt", {S("pw")});
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(std::regex_match(hash->as_string(), std::regex(R"(\$2a\$10\$[./A-Za-z0-9]{53})"))) << hash->as_string();
  auto line = call("htpasswd", {S("user"), S("pw")});
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(line->as_string().substr(0, 12), "user:$2a$10$");
  EXPECT_EQ(run("htpasswd", {S("a:b"), S("pw")}), "invalid username: a:b");
}

TEST_F(CryptoTest, RandomStrings) {
  auto check = [&](const char* fn, const char* pattern) {
    auto r = call(fn, {I(40)});
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(std::regex_match(r->as_string(), std::regex(pattern))) << fn << ": " << r->as_string();
  };
  check("randAlphaNum", "[A-Za-z0-9]{40}");
  check("randAlpha", "[A-Za-z]{40}");
  check("randNumeric", "[0-9]{40}");
  check("randAscii", "[ -~]{40}");
  EXPECT_EQ(run("randAlpha", {I(0)}), "");
  EXPECT_EQ(run("randAlpha", {I(-3)}), "");
  auto bytes = call("randBytes", {I(12)});
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->as_string().size(), 16u);
  auto uuid = call("uuidv4", {});
  ASSERT_TRUE(uuid.ok());
  EXPECT_TRUE(std::regex_match(uuid->as_string(),
                               std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  auto shuffled = call("shuffle", {S("abcdef")});
  ASSERT_TRUE(shuffled.ok());
  std::string sorted = shuffled->as_string();
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, "abcdef");
}

TEST_F(CryptoTest, PrivateKeys) {
  auto header = [&](const char* type) {
    auto r = call("genPrivateKey", {S(type)});
    if (!r.ok()) return r.error().message;
    const std::string& pem = r->as_string();
    return pem.substr(0, pem.find('\n'));
  };
  EXPECT_EQ(header("ecdsa"), "-----BEGIN EC PRIVATE KEY-----");
  EXPECT_EQ(header("ed25519"), "-----BEGIN PRIVATE KEY-----");
  EXPECT_EQ(header("rsa"), "-----BEGIN RSA PRIVATE KEY-----");
  EXPECT_EQ(run("genPrivateKey", {S("x")}), "Unknown type x");
}

TEST_F(CryptoTest, CertificateChain) {
  auto ca = call("genCA", {S("my-ca"), I(365)});
  ASSERT_TRUE(ca.ok()) << ca.error().message;
  EXPECT_EQ(ca->type_name(), "sprig.certificate");
  std::string ca_cert = ca->as_object().field("Cert")->as_string();
  EXPECT_EQ(ca_cert.substr(0, 27), "-----BEGIN CERTIFICATE-----");
  EXPECT_EQ(ca->as_object().field("Key")->as_string().substr(0, 31), "-----BEGIN RSA PRIVATE KEY-----");
  auto leaf = call("genSignedCert", {S("svc"), L({S("10.0.0.1")}), L({S("svc.local")}), I(30), *ca});
  ASSERT_TRUE(leaf.ok()) << leaf.error().message;
  std::string pem = leaf->as_object().field("Cert")->as_string();
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  ASSERT_NE(cert, nullptr);
  char issuer[256];
  X509_NAME_oneline(X509_get_issuer_name(cert), issuer, sizeof issuer);
  EXPECT_STREQ(issuer, "/CN=my-ca");
  X509_free(cert);
  BIO_free(bio);
  EXPECT_EQ(error("genSelfSignedCert", {S("x"), L({S("not-an-ip")}), Value(), I(1)}), "error parsing ip: not-an-ip");
  EXPECT_EQ(error("genSelfSignedCert", {S("x"), Value(), L({I(1)}), I(1)}),
            "error processing alternate dns name: 1 is not a string");
  EXPECT_EQ(error("genSignedCert", {S("x"), Value(), Value(), I(1), S("ca")}),
            "wrong type for value; expected sprig.certificate; got string");
  EXPECT_EQ(error("genCAWithKey", {S("x"), I(1), S("junk")}), "parsing private key: no PEM data in input");
  EXPECT_EQ(error("buildCustomCert", {S("!!"), S("")}), "unable to decode base64 certificate");
}

TEST_F(CryptoTest, CustomKeysAreKept) {
  auto key = call("genPrivateKey", {S("ecdsa")});
  ASSERT_TRUE(key.ok());
  auto cert = call("genSelfSignedCertWithKey", {S("x"), Value(), Value(), I(1), *key});
  ASSERT_TRUE(cert.ok()) << cert.error().message;
  EXPECT_EQ(cert->as_object().field("Key")->as_string(), key->as_string());
}

}  // namespace
}  // namespace gitops::render::helm::testing
