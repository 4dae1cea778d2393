// Shard parsing and the stable hash.
#include "agent/shard.h"

#include <charconv>

namespace gitops::agent {

core::Result<Shard> parse_shard(const std::string& text) {
  auto bad = [&] {
    return core::Error{core::ErrorKind::usage,
                       "invalid --shard \"" + text + "\": use N/M with 0 <= N < M, such as 0/3"};
  };
  size_t slash = text.find('/');
  if (slash == std::string::npos) return bad();
  Shard shard;
  const char* begin = text.data();
  auto [n_end, n_ec] = std::from_chars(begin, begin + slash, shard.index);
  auto [m_end, m_ec] = std::from_chars(begin + slash + 1, begin + text.size(), shard.count);
  if (n_ec != std::errc() || n_end != begin + slash || m_ec != std::errc() ||
      m_end != begin + text.size() || shard.count < 1 || shard.index < 0 ||
      shard.index >= shard.count) {
    return bad();
  }
  return shard;
}

std::uint64_t app_hash(const std::string& namespace_, const std::string& name) {
  std::uint64_t hash = 14695981039346656037ull;
  auto mix = [&](unsigned char c) {
    hash ^= c;
    hash *= 1099511628211ull;
  };
  for (char c : namespace_) mix(static_cast<unsigned char>(c));
  mix('/');
  for (char c : name) mix(static_cast<unsigned char>(c));
  return hash;
}

bool in_shard(const Shard& shard, const std::string& namespace_, const std::string& name) {
  return app_hash(namespace_, name) % static_cast<std::uint64_t>(shard.count) ==
         static_cast<std::uint64_t>(shard.index);
}

}  // namespace gitops::agent
