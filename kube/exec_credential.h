// Exec credential plugins (client.authentication.k8s.io/v1 and v1beta1): the ExecCredential a
// plugin prints, the KUBERNETES_EXEC_INFO it receives, and running it with posix_spawn (no shell),
// its stdout captured, its stderr kept for the error message.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "kube/exec_config.h"

namespace gitops::kube {

using TimePoint = std::chrono::system_clock::time_point;

struct ExecCredential {
  std::string token;
  std::string client_certificate_pem;
  std::string client_key_pem;
  std::optional<TimePoint> expiration;  // nullopt: valid until the server answers 401
};

// Parses the plugin's stdout. Fails (kind cluster) when it is not JSON, is not an ExecCredential
// of config.api_version, has neither a token nor a certificate and key, has only one of the
// certificate and key, or has an invalid expirationTimestamp.
core::Result<ExecCredential> parse_exec_credential(std::string_view output, const ExecConfig& config);

// The KUBERNETES_EXEC_INFO value: an ExecCredential with spec.interactive and, when
// config.provide_cluster_info, spec.cluster.
std::string exec_info(const ExecConfig& config, bool interactive);

// Parses an RFC 3339 time ("2026-11-29T19:15:00Z", fractions and offsets allowed); nullopt when
// invalid.
std::optional<TimePoint> parse_rfc3339(std::string_view text);

// The label used in messages: `exec plugin "CMD" of user "NAME"`.
std::string describe_plugin(const ExecConfig& config);

// Runs the plugin and parses its output. Fails (kind cluster) when it cannot start (naming the
// command and the installHint), exits non-zero (with its stderr and the installHint), needs a
// terminal it cannot have (interactiveMode Always), or prints an invalid ExecCredential.
core::Result<ExecCredential> run_exec_plugin(const ExecConfig& config);

using ExecRunner = std::function<core::Result<ExecCredential>(const ExecConfig&)>;

}  // namespace gitops::kube
