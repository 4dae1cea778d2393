// Sprig's random functions over OpenSSL's CSPRNG: randAlphaNum/randAlpha/randAscii/randNumeric
// (goutils' CryptoRandom alphabets), randBytes (base64 of N random bytes) and uuidv4.
#include <openssl/rand.h>

#include <string>

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

constexpr std::int64_t k_max_random = 1 << 24;

// A uniformly random index below n (rejection sampling over 32-bit draws).
std::uint32_t random_below(std::uint32_t n) {
  std::uint32_t limit = UINT32_MAX - UINT32_MAX % n;
  while (true) {
    std::uint32_t r = 0;
    RAND_bytes(reinterpret_cast<unsigned char*>(&r), sizeof r);
    if (r < limit) return r % n;
  }
}

std::string random_from(std::string_view alphabet, std::int64_t count) {
  std::string out;
  for (std::int64_t i = 0; i < count; ++i) {
    out += alphabet[random_below(static_cast<std::uint32_t>(alphabet.size()))];
  }
  return out;
}

std::string ascii_printable() {
  std::string out;
  for (char c = 32; c <= 126; ++c) out += c;
  return out;
}

R random_string(const Value& count, std::string_view alphabet) {
  std::int64_t n = count.as_int();
  // goutils reports a negative count as an error that Sprig swallows.
  if (n <= 0) return Value::string("");
  if (n > k_max_random) return go_error("random string length " + std::to_string(n) + " is too large");
  return Value::string(random_from(alphabet, n));
}

}  // namespace

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  if (n > 0) RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n));
  return out;
}

void add_sprig_random_functions(FuncMap& f) {
  const auto I = Param::integer;
  static const std::string k_upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static const std::string k_lower = "abcdefghijklmnopqrstuvwxyz";
  static const std::string k_digits = "0123456789";
  static const std::string k_ascii = ascii_printable();
  f.add("randAlphaNum", sig({I}), [](Args a) -> R { return random_string(a[0], k_upper + k_lower + k_digits); });
  f.add("randAlpha", sig({I}), [](Args a) -> R { return random_string(a[0], k_upper + k_lower); });
  f.add("randNumeric", sig({I}), [](Args a) -> R { return random_string(a[0], k_digits); });
  f.add("randAscii", sig({I}), [](Args a) -> R { return random_string(a[0], k_ascii); });
  f.add("randBytes", sig({I}), [](Args a) -> R {
    std::int64_t n = a[0].as_int();
    if (n < 0) return go_error("runtime error: makeslice: len out of range");
    if (n > k_max_random) return go_error("randBytes: " + std::to_string(n) + " bytes is too many");
    return Value::string(base64_encode(random_bytes(static_cast<std::size_t>(n))));
  });
  f.add("uuidv4", sig({}), [](Args) -> R {
    std::string b = random_bytes(16);
    b[6] = static_cast<char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<char>((b[8] & 0x3f) | 0x80);
    static const char* k_hex = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < 16; ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
      out += k_hex[(static_cast<unsigned char>(b[i]) >> 4) & 0xf];
      out += k_hex[static_cast<unsigned char>(b[i]) & 0xf];
    }
    return Value::string(out);
  });
}

}  // namespace gitops::render::helm
