// Sharding: `--shard N/M` splits a large fleet of apps over M agent deployments by a stable hash
// of each app's namespace and name, so every app has exactly one shard whatever the order of the
// config file and however many replicas each shard runs.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace gitops::agent {

struct Shard {
  int index = 0;  // N, from 0
  int count = 1;  // M
};

// "N/M" with 0 <= N < M; kind usage naming the flag otherwise.
core::Result<Shard> parse_shard(const std::string& text);

// FNV-1a (64-bit) of "NAMESPACE/NAME".
std::uint64_t app_hash(const std::string& namespace_, const std::string& name);

// Whether the app belongs to `shard`.
bool in_shard(const Shard& shard, const std::string& namespace_, const std::string& name);

}  // namespace gitops::agent
