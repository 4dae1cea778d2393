// Request logging for the kube client: engines never print, so every line goes to a caller-given
// sink. Verbosity follows kubectl's -v levels: 6 logs each request (method, URL, status, latency),
// 7 adds the request headers (credentials redacted), 8 adds request and response body sizes.
#pragma once

#include <functional>
#include <string_view>

namespace gitops::kube {

using LogSink = std::function<void(std::string_view line)>;

struct Logging {
  int verbosity = 0;
  LogSink sink;  // empty: nothing is logged

  // Whether a line of level `level` would be written.
  bool enabled(int level) const { return sink && verbosity >= level; }
  // Writes `line` when enabled(level).
  void log(int level, std::string_view line) const {
    if (enabled(level)) sink(line);
  }
};

}  // namespace gitops::kube
