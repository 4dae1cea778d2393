// Client: request batches with retries, target resolution through discovery, typed operations.
// Watch lives in client_watch.cc.
#include "kube/client.h"

#include <cstdlib>
#include <thread>

#include "kube/api_error.h"
#include "kube/curl_transport.h"

namespace gitops::kube {

namespace {

std::filesystem::path default_cache_home() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') return xdg;
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".cache";
  }
  return {};
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    out += (out.empty() ? "?" : "&") + k + "=" + url_escape(v);
  }
  return out;
}

// The decoded JSON body of a successful response, or the decorated error.
core::Result<Json> decode(core::Result<Response>&& result, const Operation& operation) {
  if (!result) return result.error().context(operation.verb + " " + operation.target);
  if (result->status >= 400) return to_error(parse_api_error(*result), operation);
  Json body = Json::parse(result->body, nullptr, false);
  if (body.is_discarded()) {
    return core::Error{core::ErrorKind::cluster, operation.verb + " " + operation.target +
                                                     ": the API server answered HTTP " +
                                                     std::to_string(result->status) +
                                                     " with a body that is not JSON"};
  }
  return body;
}

}  // namespace

std::string url_escape(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(k_hex[c >> 4]);
      out.push_back(k_hex[c & 15]);
    }
  }
  return out;
}

std::string describe(const core::ObjectKey& key) {
  std::string out = key.group.empty() ? key.version : key.group + "/" + key.version;
  out += " " + key.kind + " ";
  out += key.namespace_.empty() ? key.name : key.namespace_ + "/" + key.name;
  return out;
}

core::ObjectKey key_of(const Json& object) {
  core::ObjectKey key;
  auto text = [](const Json& j, const char* field) {
    auto it = j.find(field);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (!object.is_object()) return key;
  const std::string api_version = text(object, "apiVersion");
  if (auto slash = api_version.find('/'); slash != std::string::npos) {
    key.group = api_version.substr(0, slash);
    key.version = api_version.substr(slash + 1);
  } else {
    key.version = api_version;
  }
  key.kind = text(object, "kind");
  if (auto meta = object.find("metadata"); meta != object.end() && meta->is_object()) {
    key.namespace_ = text(*meta, "namespace");
    key.name = text(*meta, "name");
  }
  return key;
}

core::Result<std::unique_ptr<Client>> Client::create(ClientConfig config, ClientOptions options) {
  auto credentials = std::make_shared<CredentialProvider>(config.auth);
  CurlTransportOptions transport_options;
  transport_options.server = config.server;
  transport_options.tls = config.tls;
  transport_options.proxy_url = config.proxy_url;
  transport_options.request_timeout = config.request_timeout;
  transport_options.max_in_flight = options.max_in_flight;
  transport_options.qps = options.qps;
  transport_options.burst = options.burst;
  transport_options.logging = config.logging;
  auto transport = CurlTransport::create(std::move(transport_options), credentials);
  if (!transport) return transport.error();
  return std::make_unique<Client>(std::move(config), std::move(credentials), std::move(*transport),
                                  std::move(options));
}

Client::Client(ClientConfig config, std::shared_ptr<CredentialProvider> credentials,
               std::unique_ptr<Transport> transport, ClientOptions options)
    : m_config(std::move(config)),
      m_options(std::move(options)),
      m_credentials(std::move(credentials)),
      m_transport(std::move(transport)),
      m_retry(m_options.retry, m_options.random01) {
  if (!m_options.sleep) {
    m_options.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  }
  DiscoveryOptions discovery;
  if (m_options.disk_cache) {
    auto home = m_options.cache_home.empty() ? default_cache_home() : m_options.cache_home;
    if (!home.empty()) discovery.cache_dir = discovery_cache_dir(m_config.server, home);
  }
  discovery.ttl = m_options.discovery_ttl;
  discovery.logging = m_config.logging;
  m_discovery = std::make_unique<Discovery>(
      [this](std::vector<Request> requests) { return execute_all(std::move(requests)); },
      std::move(discovery));
}

std::vector<core::Result<Response>> Client::execute_all(std::vector<Request> requests) {
  std::vector<core::Result<Response>> results(requests.size(),
                                              core::Error{core::ErrorKind::internal, "not run"});
  std::vector<std::size_t> pending(requests.size());
  for (std::size_t i = 0; i < pending.size(); ++i) pending[i] = i;
  bool reauthenticated = false;
  for (int attempt = 1; !pending.empty(); ++attempt) {
    std::vector<Request> round;
    for (std::size_t i : pending) round.push_back(requests[i]);
    std::vector<std::size_t> again;
    std::chrono::milliseconds delay{0};
    bool unauthorized = false;
    m_transport->execute_each(std::move(round), [&](std::size_t slot, Outcome&& outcome) {
      const std::size_t index = pending[slot];
      if (outcome.ok() && outcome.response.status == 401 && !reauthenticated) {
        unauthorized = true;
        again.push_back(index);
        results[index] = std::move(outcome.response);
        return;
      }
      const RetryDecision decision = m_retry.decide(requests[index].idempotency, outcome, attempt);
      if (decision.retry) {
        again.push_back(index);
        delay = std::max(delay, decision.delay);
      }
      if (outcome.ok()) {
        results[index] = std::move(outcome.response);
      } else {
        results[index] = std::move(outcome.failure.error);
      }
    });
    if (unauthorized) {
      reauthenticated = true;
      if (!m_credentials->invalidate()) {
        std::erase_if(again, [&](std::size_t i) { return results[i] && results[i]->status == 401; });
      } else {
        m_config.logging.log(6, "the server answered 401; refreshed the credentials, retrying");
      }
    }
    std::sort(again.begin(), again.end());
    pending = std::move(again);
    if (!pending.empty() && delay.count() > 0) {
      m_config.logging.log(6, "retrying " + std::to_string(pending.size()) + " request(s) in " +
                                  std::to_string(delay.count()) + " milliseconds");
      m_options.sleep(delay);
    }
  }
  return results;
}

core::Result<Response> Client::execute(Request request) {
  std::vector<Request> one;
  one.push_back(std::move(request));
  return std::move(execute_all(std::move(one)).front());
}

core::Result<std::string> Client::server_version() {
  Request request;
  request.path = "/version";
  auto body = decode(execute(std::move(request)), {"getting", "the server version", false});
  if (!body) return body.error();
  if (!body->is_object() || !(*body)["gitVersion"].is_string()) {
    return core::Error{core::ErrorKind::cluster, "getting the server version: no gitVersion in /version"};
  }
  return (*body)["gitVersion"].get<std::string>();
}

core::Result<Client::Target> Client::resolve(const std::string& group, const std::string& version,
                                             const std::string& kind, const std::string& namespace_,
                                             const std::string& name) {
  auto resource = m_discovery->find(group, version, kind);
  if (!resource) return resource.error();
  Target t;
  t.resource = std::move(*resource);
  const ApiResource& r = t.resource;
  t.path = r.group.empty() ? "/api/" + r.version : "/apis/" + r.group + "/" + r.version;
  std::string ns = r.namespaced ? namespace_ : "";
  if (r.namespaced && ns.empty() && !name.empty()) ns = m_config.namespace_;
  if (!ns.empty()) t.path += "/namespaces/" + url_escape(ns);
  t.path += "/" + r.name;
  if (!name.empty()) t.path += "/" + url_escape(name);
  t.description = r.api_version() + " " + kind;
  if (!name.empty()) t.description += " " + (ns.empty() ? name : ns + "/" + name);
  else if (!ns.empty()) t.description += " in namespace " + ns;
  return t;
}

core::Result<std::optional<Json>> Client::get(const core::ObjectKey& key) {
  auto target = resolve(key.group, key.version, key.kind, key.namespace_, key.name);
  if (!target) return target.error().context("getting " + describe(key));
  Request request;
  request.path = target->path;
  auto result = execute(std::move(request));
  if (result && result->status == 404) return std::optional<Json>();
  auto body = decode(std::move(result), {"getting", target->description, false});
  if (!body) return body.error();
  return std::optional<Json>(std::move(*body));
}

core::Result<ListPage> Client::list(const ResourceQuery& query, const ListOptions& options) {
  auto target = resolve(query.group, query.version, query.kind, query.namespace_, "");
  if (!target) return target.error().context("listing " + query.kind);
  Request request;
  request.path = target->path + query_string({{"labelSelector", options.label_selector},
                                              {"fieldSelector", options.field_selector},
                                              {"limit", options.limit > 0 ? std::to_string(options.limit) : ""},
                                              {"continue", options.continue_token}});
  auto body = decode(execute(std::move(request)), {"listing", target->description, false});
  if (!body) return body.error();
  ListPage page;
  if (auto items = body->find("items"); items != body->end() && items->is_array()) {
    // Items of a list carry no apiVersion/kind; restore them so each is a full object.
    for (auto& item : *items) {
      item["apiVersion"] = target->resource.api_version();
      item["kind"] = target->resource.kind;
      page.items.push_back(std::move(item));
    }
  }
  const Json meta = body->value("metadata", Json::object());
  page.continue_token = meta.value("continue", "");
  page.resource_version = meta.value("resourceVersion", "");
  return page;
}

core::Result<std::vector<Json>> Client::list_all(const ResourceQuery& query, ListOptions options) {
  std::vector<Json> all;
  while (true) {
    auto page = list(query, options);
    if (!page) return page.error();
    for (auto& item : page->items) all.push_back(std::move(item));
    if (page->continue_token.empty()) return all;
    options.continue_token = page->continue_token;
  }
}

}  // namespace gitops::kube
