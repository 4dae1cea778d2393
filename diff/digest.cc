// SHA-256 through OpenSSL.
#include "diff/digest.h"

#include <openssl/sha.h>

namespace gitops::diff {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static constexpr const char* k_hex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char c : digest) {
    out += k_hex[c >> 4];
    out += k_hex[c & 15];
  }
  return out;
}

std::string object_digest(const core::Json& object) { return sha256_hex(object.dump()); }

}  // namespace gitops::diff
