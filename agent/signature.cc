// HMAC-SHA256 through OpenSSL and constant-time comparison (CRYPTO_memcmp).
#include "agent/signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>

namespace gitops::agent {
namespace {

// Compares equal-length inputs in time that does not depend on where they differ.
bool same_bytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string hmac_sha256_hex(std::string_view secret, std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(k_hex[digest[i] >> 4]);
    out.push_back(k_hex[digest[i] & 0xf]);
  }
  return out;
}

bool valid_hub_signature(std::string_view secret, std::string_view body, std::string_view header) {
  constexpr std::string_view k_prefix = "sha256=";
  if (secret.empty() || header.substr(0, k_prefix.size()) != k_prefix) return false;
  std::string given(header.substr(k_prefix.size()));
  for (char& c : given) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return same_bytes(given, hmac_sha256_hex(secret, body));
}

bool valid_token(std::string_view secret, std::string_view token) {
  return !secret.empty() && same_bytes(secret, token);
}

}  // namespace gitops::agent
