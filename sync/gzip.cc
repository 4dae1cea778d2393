// zlib deflate/inflate with windowBits 31 (gzip framing).
#include "sync/gzip.h"

#include <zlib.h>

namespace gitops::sync {

std::string gzip_compress(std::string_view data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())) + 32);
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

core::Result<std::string> gzip_decompress(std::string_view data, size_t limit) {
  z_stream zs{};
  if (inflateInit2(&zs, 31) != Z_OK) return core::Error{core::ErrorKind::internal, "inflateInit2 failed"};
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[65536];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return core::Error{core::ErrorKind::source, "corrupt gzip data"};
    }
    out.append(buffer, sizeof buffer - zs.avail_out);
    if (out.size() > limit) {
      inflateEnd(&zs);
      return core::Error{core::ErrorKind::source, "gzip data expands past " + std::to_string(limit) + " bytes"};
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return core::Error{core::ErrorKind::source, "truncated gzip data"};
    }
  }
  inflateEnd(&zs);
  return out;
}

}  // namespace gitops::sync
