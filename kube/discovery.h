// Discovery: the API groups, versions and resources the server serves (/api, /apis and every
// group-version, fetched concurrently), cached on disk like kubectl's discovery cache
// (${XDG_CACHE_HOME:-~/.cache}/kubectl-gitops/discovery/<host_port>/, default TTL 6h), and the
// mapping (group, version, kind) -> resource. A kind that is not found triggers one refresh from
// the server (a CRD created after the cache was written) before it is reported missing.
// Thread-safe.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "kube/log.h"
#include "kube/transport.h"

namespace gitops::kube {

struct ApiResource {
  std::string group;    // "" for the core group
  std::string version;  // "v1"
  std::string kind;     // "Deployment"
  std::string name;     // plural: "deployments"
  bool namespaced = false;
  std::vector<std::string> verbs;         // as served: get, list, watch, create, patch, ...
  std::vector<std::string> subresources;  // "status", "scale", ...

  // "apps/v1", or "v1" for the core group.
  std::string api_version() const;
  bool has_verb(std::string_view verb) const;
};

// Runs requests with the client's retries; one result per request, in order.
using RequestExecutor =
    std::function<std::vector<core::Result<Response>>(std::vector<Request> requests)>;

struct DiscoveryOptions {
  std::filesystem::path cache_dir;  // "" disables the disk cache
  std::chrono::seconds ttl{6 * 3600};
  Logging logging;
};

// The cache folder for `server` under `cache_home` (~/.cache when XDG_CACHE_HOME is unset):
// cache_home/kubectl-gitops/discovery/127.0.0.1_6443.
std::filesystem::path discovery_cache_dir(const std::string& server,
                                          const std::filesystem::path& cache_home);

class Discovery {
 public:
  Discovery(RequestExecutor execute, DiscoveryOptions options);

  // The resource serving `kind` in group/version (version "" = the group's preferred version).
  // Refreshes once from the server on a miss; then fails (kind rejected) with kubectl's
  // `no matches for kind "K" in version "G/V"`. Fails (kind cluster) when discovery fails.
  core::Result<ApiResource> find(const std::string& group, const std::string& version,
                                 const std::string& kind);

  // Every resource of every served group-version (subresources folded into their parent),
  // sorted by group, version, name.
  core::Result<std::vector<ApiResource>> resources();

  // Fetches everything from the server now and rewrites the disk cache.
  core::Status refresh();

  // Whether the current data came from the disk cache (no discovery request was made).
  bool from_disk_cache() const;

 private:
  core::Status ensure_loaded();
  bool load_cache();
  void save_cache() const;
  const ApiResource* lookup(const std::string& group, const std::string& version,
                            const std::string& kind) const;

  RequestExecutor m_execute;
  DiscoveryOptions m_options;
  mutable std::mutex m_mutex;
  bool m_loaded = false;
  bool m_from_cache = false;
  std::vector<ApiResource> m_resources;
  std::map<std::string, std::string> m_preferred;  // group -> preferred version
  std::set<std::string> m_refreshed_for;           // group/kind misses that already refreshed
};

}  // namespace gitops::kube
