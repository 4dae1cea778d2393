// Client: typed Kubernetes API operations over a Transport, with retries (retry_policy.h), a
// re-run of the exec plugin or token file after a 401, discovery for the kind -> resource mapping,
// and errors decorated once: "applying v1 ConfigMap shop/web: API server says: ... (reason: ...)".
// Batches (execute_all, apply_all) keep many requests in flight on one HTTP/2 connection.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/object.h"
#include "core/result.h"
#include "kube/client_config.h"
#include "kube/credentials.h"
#include "kube/discovery.h"
#include "kube/retry_policy.h"
#include "kube/transport.h"

namespace gitops::kube {

using Json = core::Json;

struct ClientOptions {
  int max_in_flight = 100;  // concurrent requests (HTTP/2 streams)
  double qps = 0;           // client-side rate limit; 0 = unlimited
  int burst = 0;
  RetryOptions retry;
  std::filesystem::path cache_home;  // discovery cache root; "" = $XDG_CACHE_HOME or ~/.cache
  bool disk_cache = true;
  std::chrono::seconds discovery_ttl{6 * 3600};
  // How the client waits between retries (injectable so tests never sleep).
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<double()> random01;  // retry jitter
};

enum class Force { no, yes };
enum class DryRun { no, yes };

// The field manager of every write (DESIGN.md section 4).
inline constexpr const char* k_field_manager = "kubectl-gitops";

struct ApplyOptions {
  std::string field_manager = k_field_manager;
  Force force = Force::no;
  DryRun dry_run = DryRun::no;
};

struct WriteOptions {
  std::string field_manager = k_field_manager;
  DryRun dry_run = DryRun::no;
};

enum class Propagation { background, foreground, orphan };

struct DeleteOptions {
  Propagation propagation = Propagation::background;
  std::string precondition_uid;               // "" = none
  std::string precondition_resource_version;  // "" = none
  DryRun dry_run = DryRun::no;
};

// What to list or watch: a kind in a namespace ("" = all namespaces, or cluster-scoped).
struct ResourceQuery {
  std::string group;
  std::string version;
  std::string kind;
  std::string namespace_;
};

struct ListOptions {
  std::string label_selector;
  std::string field_selector;
  int limit = 500;  // page size; 0 = no pagination
  std::string continue_token;
};

struct ListPage {
  std::vector<Json> items;
  std::string continue_token;  // "" on the last page
  std::string resource_version;
};

enum class WatchAction { keep_watching, stop };

struct WatchEvent {
  std::string type;  // ADDED, MODIFIED, DELETED, BOOKMARK
  Json object;
};

struct WatchOptions {
  std::string label_selector;
  std::string field_selector;
  std::string resource_version;  // start after this one; "" = current state first
  std::chrono::milliseconds timeout{60'000};
};

class Client {
 public:
  // A client over libcurl for `config`. Fails (kind usage) on an invalid server URL.
  static core::Result<std::unique_ptr<Client>> create(ClientConfig config, ClientOptions options = {});
  // A client over any transport (unit tests use a fake).
  Client(ClientConfig config, std::shared_ptr<CredentialProvider> credentials,
         std::unique_ptr<Transport> transport, ClientOptions options = {});

  const ClientConfig& config() const { return m_config; }
  Discovery& discovery() { return *m_discovery; }
  CredentialProvider& credentials() { return *m_credentials; }

  // Raw requests with retries: an HTTP response (any status) or the transport failure.
  std::vector<core::Result<Response>> execute_all(std::vector<Request> requests);
  core::Result<Response> execute(Request request);

  // GET /version -> gitVersion ("v1.20.2"). Fails (kind cluster) when unreachable.
  core::Result<std::string> server_version();

  // The live object, or nullopt when it does not exist.
  core::Result<std::optional<Json>> get(const core::ObjectKey& key);
  // One page of objects.
  core::Result<ListPage> list(const ResourceQuery& query, const ListOptions& options = {});
  // Every object, following `continue` tokens.
  core::Result<std::vector<Json>> list_all(const ResourceQuery& query, ListOptions options = {});

  // Server-side apply of `object` (PATCH application/apply-patch+yaml); returns the server's
  // result. 409 -> conflict, 4xx -> rejected.
  core::Result<Json> apply(const Json& object, const ApplyOptions& options = {});
  // apply() of every object concurrently; results in input order.
  std::vector<core::Result<Json>> apply_all(const std::vector<Json>& objects,
                                            const ApplyOptions& options = {});
  core::Result<Json> create(const Json& object, const WriteOptions& options = {});
  core::Result<Json> update(const Json& object, const WriteOptions& options = {});
  // Deletes the object; returns false when it was already gone.
  core::Result<bool> delete_object(const core::ObjectKey& key, const DeleteOptions& options = {});

  // Streams watch events to `on_event` until it returns stop (success) or `timeout` passes
  // (kind timeout). Reconnects from the last resourceVersion when the server ends the stream.
  core::Status watch(const ResourceQuery& query, const WatchOptions& options,
                     const std::function<WatchAction(const WatchEvent&)>& on_event);

 private:
  struct Target {
    ApiResource resource;
    std::string path;         // collection or object path, without query
    std::string description;  // "v1 ConfigMap shop/web"
  };
  core::Result<Target> resolve(const std::string& group, const std::string& version,
                               const std::string& kind, const std::string& namespace_,
                               const std::string& name);
  std::vector<Request> prepare_applies(const std::vector<Json>& objects, const ApplyOptions& options,
                                       std::vector<core::Result<Json>>& results,
                                       std::vector<std::size_t>& indices,
                                       std::vector<std::string>& targets);

  ClientConfig m_config;
  ClientOptions m_options;
  std::shared_ptr<CredentialProvider> m_credentials;
  std::unique_ptr<Transport> m_transport;
  RetryPolicy m_retry;
  std::unique_ptr<Discovery> m_discovery;
};

// "v1 ConfigMap shop/web" / "v1 Namespace shop": the object as messages name it.
std::string describe(const core::ObjectKey& key);

// The key of a JSON object (apiVersion, kind, metadata.namespace, metadata.name).
core::ObjectKey key_of(const Json& object);

// Percent-encodes `text` for a URL query value or path segment.
std::string url_escape(std::string_view text);

}  // namespace gitops::kube
