// gzip compression of history records (zlib with a gzip header), bounded on the way back in.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace gitops::sync {

std::string gzip_compress(std::string_view data);
// Fails (kind source) on corrupt input or output larger than `limit` bytes.
core::Result<std::string> gzip_decompress(std::string_view data, size_t limit = 64u << 20);

}  // namespace gitops::sync
