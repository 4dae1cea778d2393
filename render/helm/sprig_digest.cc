// Sprig's encodings and checksums: base64/base32 with Go's StdEncoding rules (padding required,
// CR/LF ignored, "illegal base64 data at input byte N" as the decoded text on bad input), and
// sha1sum/sha256sum/adler32sum over OpenSSL and zlib's definition.
#include <openssl/evp.h>

#include <array>
#include <string>

#include "render/helm/sprig_digest.h"
#include "render/helm/sprig_groups.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

constexpr std::string_view k_b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view k_b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Encodes groups of `in_bytes` bytes as `out_chars` symbols of `bits` bits each, padded with '='.
std::string encode(std::string_view data, std::string_view alphabet, int bits, std::size_t in_bytes,
                   std::size_t out_chars) {
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += in_bytes) {
    std::size_t n = std::min(in_bytes, data.size() - i);
    std::uint64_t group = 0;
    for (std::size_t j = 0; j < in_bytes; ++j) {
      group = (group << 8) | (j < n ? static_cast<unsigned char>(data[i + j]) : 0);
    }
    std::size_t used = (n * 8 + static_cast<std::size_t>(bits) - 1) / static_cast<std::size_t>(bits);
    for (std::size_t k = 0; k < out_chars; ++k) {
      std::size_t shift = (out_chars - 1 - k) * static_cast<std::size_t>(bits);
      out += k < used ? alphabet[(group >> shift) & ((1u << bits) - 1)] : '=';
    }
  }
  return out;
}

// Go's decodeQuantum loop for StdEncoding: the decoded bytes, or "" with `error` set.
std::string decode(std::string_view src, std::string_view alphabet, int bits, std::size_t quantum,
                   const std::string& name, std::string& error) {
  auto corrupt = [&](std::size_t at) {
    error = "illegal " + name + " data at input byte " + std::to_string(at);
    return std::string();
  };
  std::string out;
  std::size_t si = 0;
  auto skip_newlines = [&] {
    while (si < src.size() && (src[si] == '\n' || src[si] == '\r')) ++si;
  };
  while (true) {
    std::uint64_t group = 0;
    std::size_t j = 0;
    std::size_t dlen = quantum;
    bool end = false;
    for (; j < quantum; ++j) {
      skip_newlines();
      if (si == src.size()) {
        if (j == 0) return out;
        return corrupt(si - j);
      }
      char c = src[si++];
      if (c == '=') {
        // Padding: only allowed where a partial quantum may end; the rest must be '='.
        const std::size_t min_chars = 2;
        if (j < min_chars) return corrupt(si - 1);
        for (std::size_t k = j + 1; k < quantum; ++k) {
          skip_newlines();
          if (si == src.size()) return corrupt(src.size());
          if (src[si] != '=') return corrupt(si - 1);
          ++si;
        }
        skip_newlines();
        if (si < src.size()) return corrupt(si);
        dlen = j;
        end = true;
        break;
      }
      auto pos = alphabet.find(c);
      if (pos == std::string_view::npos) return corrupt(si - 1);
      group = (group << bits) | pos;
    }
    for (std::size_t k = dlen; k < quantum; ++k) group <<= bits;
    std::size_t total_bytes = quantum * static_cast<std::size_t>(bits) / 8;
    std::size_t n = dlen * static_cast<std::size_t>(bits) / 8;
    for (std::size_t k = 0; k < n; ++k) {
      out += static_cast<char>((group >> ((total_bytes - 1 - k) * 8)) & 0xff);
    }
    if (end) return out;
  }
}

// Sprig's b64dec/b32dec: the decoded text, or the error text in its place.
std::string decode_or_error(std::string_view src, std::string_view alphabet, int bits,
                            std::size_t quantum, const std::string& name) {
  std::string error;
  std::string out = decode(src, alphabet, bits, quantum, name, error);
  return error.empty() ? out : error;
}

std::string digest_hex(const EVP_MD* md, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), buf.data(), &len, md, nullptr);
  static const char* k_hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += k_hex[buf[i] >> 4];
    out += k_hex[buf[i] & 0xf];
  }
  return out;
}

std::uint32_t adler32(std::string_view data) {
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : data) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

}  // namespace

std::string base64_encode(std::string_view data) { return encode(data, k_b64, 6, 3, 4); }

core::Result<std::string> base64_decode(std::string_view text) {
  std::string error;
  std::string out = decode(text, k_b64, 6, 4, "base64", error);
  if (!error.empty()) return core::Error{core::ErrorKind::source, error};
  return out;
}

void add_sprig_digest_functions(FuncMap& f) {
  const auto S = Param::string;
  f.add("b64enc", sig({S}), [](Args a) -> R { return Value::string(encode(a[0].as_string(), k_b64, 6, 3, 4)); });
  f.add("b64dec", sig({S}), [](Args a) -> R { return Value::string(decode_or_error(a[0].as_string(), k_b64, 6, 4, "base64")); });
  f.add("b32enc", sig({S}), [](Args a) -> R { return Value::string(encode(a[0].as_string(), k_b32, 5, 5, 8)); });
  f.add("b32dec", sig({S}), [](Args a) -> R { return Value::string(decode_or_error(a[0].as_string(), k_b32, 5, 8, "base32")); });
  f.add("sha1sum", sig({S}), [](Args a) -> R { return Value::string(digest_hex(EVP_sha1(), a[0].as_string())); });
  f.add("sha256sum", sig({S}), [](Args a) -> R { return Value::string(digest_hex(EVP_sha256(), a[0].as_string())); });
  f.add("adler32sum", sig({S}), [](Args a) -> R { return Value::string(std::to_string(adler32(a[0].as_string()))); });
}

}  // namespace gitops::render::helm
