// Where a --repo value points: a local folder (opened in place) or a remote URL (mirrored into
// the cache). Command transports (ext::, fd::, any "helper::address") and unknown URL schemes
// are refused here, before libgit2 ever sees them.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace gitops::git {

enum class LocationKind { local_path, remote };
std::string_view to_string(LocationKind kind);

struct Location {
  LocationKind kind = LocationKind::local_path;
  std::string value;  // the path or URL as given
};

// Classifies `text`: https://, http://, ssh://, git://, file:// and scp-like user@host:path are
// remote; anything else is a local path. Fails (kind usage) on an empty value, a command
// transport ("ext::", "fd::", "x::") or an unsupported scheme; messages carry the redacted URL.
core::Result<Location> classify_location(std::string_view text);

// The cache folder name for remote `url`: a readable slug of host and path plus 16 hex digits
// of a SHA-256 over the URL with its credentials masked, e.g. "github.com-org-app.git-3f2c...".
std::string mirror_name(std::string_view url);

}  // namespace gitops::git
