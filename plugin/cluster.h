// Connecting to the cluster from the global flags: kubeconfig resolution, request timeout,
// request logging at -v levels (to stderr, credentials redacted by the client).
#pragma once

#include <memory>

#include "core/result.h"
#include "kube/client.h"
#include "plugin/command.h"

namespace gitops::plugin {

// The connection settings the flags name (kind usage on a bad kubeconfig or --request-timeout).
core::Result<kube::ClientConfig> client_config(Context& context);

// A client for the flags' cluster.
core::Result<std::unique_ptr<kube::Client>> connect(Context& context);

// A duration flag value: "30s", "5m", "1h", "500ms", or a plain number of seconds; "0" = none.
core::Result<std::chrono::milliseconds> parse_duration_flag(const std::string& flag,
                                                            const std::string& text);

}  // namespace gitops::plugin
