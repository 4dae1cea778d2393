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

std::string ownership_digest(const core::Json& object, std::string_view manager) {
  auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return "";
  auto entries = meta->find("managedFields");
  auto uid = meta->find("uid");
  if (entries == meta->end() || !entries->is_array() || uid == meta->end() || !uid->is_string())
    return "";
  for (const auto& entry : *entries) {
    if (!entry.is_object() || entry.value("manager", "") != manager ||
        entry.value("operation", "") != "Apply" || !entry.value("subresource", "").empty()) {
      continue;
    }
    core::Json owned = {{"uid", *uid},
                        {"apiVersion", entry.value("apiVersion", "")},
                        {"fieldsV1", entry.value("fieldsV1", core::Json::object())}};
    return sha256_hex(owned.dump());
  }
  return "";
}

}  // namespace gitops::diff
