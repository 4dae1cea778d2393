// Sprig's password and cipher functions: derivePassword (the Master Password algorithm: scrypt
// through OpenSSL, then HMAC-SHA256 over the site), bcrypt and htpasswd through libcrypt, and
// encryptAES/decryptAES (AES-256-CBC, zero-padded key, PKCS#7 padding, IV first, base64).
#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <vector>

#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_digest.h"
#include "render/helm/sprig_groups.h"
#include "render/helm/sprig_random.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

constexpr std::string_view k_seed = "com.lyndir.masterpassword";

const std::map<std::string, std::vector<std::string>, std::less<>>& templates() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> k_templates = {
      {"maximum", {"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"}},
      {"long", {"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
                "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
                "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
                "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
                "CvccCvcvCvccno"}},
      {"medium", {"CvcnoCvc", "CvcCvcno"}},
      {"short", {"Cvcn"}},
      {"basic", {"aaanaaan", "aannaaan", "aaannaaa"}},
      {"pin", {"nnnn"}},
  };
  return k_templates;
}

std::string_view template_characters(char c) {
  switch (c) {
    case 'V': return "AEIOU";
    case 'C': return "BCDFGHJKLMNPQRSTVWXYZ";
    case 'v': return "aeiou";
    case 'c': return "bcdfghjklmnpqrstvwxyz";
    case 'A': return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
    case 'a': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
    case 'n': return "0123456789";
    case 'o': return "@&%?,=[]_:-+*$#!'^~;()/.";
    default: return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
  }
}

void append_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

std::string derive_password(std::uint32_t counter, const std::string& type, const std::string& password,
                            const std::string& user, const std::string& site) {
  auto it = templates().find(type);
  if (it == templates().end()) return "cannot find password template " + type;
  std::string salt(k_seed);
  append_u32(salt, static_cast<std::uint32_t>(user.size()));
  salt += user;
  std::array<unsigned char, 64> key{};
  if (EVP_PBE_scrypt(password.data(), password.size(), reinterpret_cast<const unsigned char*>(salt.data()),
                     salt.size(), 32768, 8, 2, 256ull << 20, key.data(), key.size()) != 1) {
    return "failed to derive password: scrypt failed";
  }
  std::string message(k_seed);
  append_u32(message, static_cast<std::uint32_t>(site.size()));
  message += site;
  append_u32(message, counter);
  std::array<unsigned char, EVP_MAX_MD_SIZE> seed{};
  unsigned int seed_len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), seed.data(), &seed_len);
  const auto& choices = it->second;
  const std::string& pattern = choices[seed[0] % choices.size()];
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    std::string_view chars = template_characters(pattern[i]);
    out += chars[seed[i + 1] % chars.size()];
  }
  return out;
}

std::string bcrypt_hash(const std::string& input) {
  std::string random = random_bytes(16);
  std::array<char, CRYPT_GENSALT_OUTPUT_SIZE> salt{};
  if (crypt_gensalt_rn("$2a$", 10, random.data(), static_cast<int>(random.size()), salt.data(),
                       static_cast<int>(salt.size())) == nullptr) {
    return "failed to encrypt string with bcrypt: cannot make a salt";
  }
  // bcrypt reads at most 72 bytes of the password; Go's x/crypto rejects nothing shorter.
  crypt_data data{};
  const char* hash = crypt_r(input.c_str(), salt.data(), &data);
  if (hash == nullptr || hash[0] == '*') return "failed to encrypt string with bcrypt: crypt failed";
  return hash;
}

std::string aes_key(const std::string& password) {
  std::string key(32, '\0');
  std::copy_n(password.begin(), std::min<std::size_t>(32, password.size()), key.begin());
  return key;
}

R encrypt_aes(const std::string& password, const std::string& plaintext) {
  if (plaintext.empty()) return Value::string("");
  std::string key = aes_key(password);
  std::string iv = random_bytes(16);
  std::size_t padding = 16 - plaintext.size() % 16;
  std::string content = plaintext + std::string(padding, static_cast<char>(padding));
  std::string out(content.size(), '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                     reinterpret_cast<const unsigned char*>(iv.data()));
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                    reinterpret_cast<const unsigned char*>(content.data()), static_cast<int>(content.size()));
  return Value::string(base64_encode(iv + out));
}

R decrypt_aes(const std::string& password, const std::string& crypt64) {
  if (crypt64.empty()) return Value::string("");
  auto crypt = base64_decode(crypt64);
  if (!crypt.ok()) return crypt.error();
  if (crypt->size() < 16) {
    return go_error("runtime error: slice bounds out of range [:16] with length " + std::to_string(crypt->size()));
  }
  std::string body = crypt->substr(16);
  if (body.size() % 16 != 0) return go_error("crypto/cipher: input not full blocks");
  if (body.empty()) return go_error("runtime error: index out of range [-1]");
  std::string key = aes_key(password);
  std::string out(body.size(), '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                     reinterpret_cast<const unsigned char*>(crypt->data()));
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                    reinterpret_cast<const unsigned char*>(body.data()), static_cast<int>(body.size()));
  std::size_t pad = static_cast<unsigned char>(out.back());
  if (pad > out.size()) {
    return go_error("runtime error: slice bounds out of range [:" +
                    std::to_string(static_cast<std::int64_t>(out.size()) - static_cast<std::int64_t>(pad)) + "]");
  }
  return Value::string(out.substr(0, out.size() - pad));
}

}  // namespace

void add_sprig_cert_functions(FuncMap& funcs);  // sprig_certs.cc

void add_sprig_crypto_functions(FuncMap& f) {
  const auto S = Param::string;
  f.add("derivePassword", sig({Param::any, S, S, S, S}), [](Args a) -> R {
    // Go's parameter is uint32, which gotemplate::Param cannot name: integers are accepted here.
    if (!a[0].is_integer()) {
      return go_error("wrong type for value; expected uint32; got " + a[0].type_name());
    }
    auto counter = static_cast<std::uint32_t>(a[0].as_int());
    return Value::string(derive_password(counter, a[1].as_string(), a[2].as_string(), a[3].as_string(),
                                         a[4].as_string()));
  });
  f.add("bcrypt", sig({S}), [](Args a) -> R { return Value::string(bcrypt_hash(a[0].as_string())); });
  f.add("htpasswd", sig({S, S}), [](Args a) -> R {
    const std::string& user = a[0].as_string();
    if (user.find(':') != std::string::npos) return Value::string("invalid username: " + user);
    return Value::string(user + ":" + bcrypt_hash(a[1].as_string()));
  });
  f.add("encryptAES", sig({S, S}), [](Args a) -> R { return encrypt_aes(a[0].as_string(), a[1].as_string()); });
  f.add("decryptAES", sig({S, S}), [](Args a) -> R { return decrypt_aes(a[0].as_string(), a[1].as_string()); });
  add_sprig_cert_functions(f);
}

}  // namespace gitops::render::helm
