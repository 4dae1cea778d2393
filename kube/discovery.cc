// Discovery fetch (two concurrent rounds), parsing, the disk cache, and kind lookup.
#include "kube/discovery.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "kube/api_error.h"

namespace gitops::kube {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr const char* k_cache_file = "resources.json";

Request discovery_get(std::string path) {
  Request r;
  r.path = std::move(path);
  return r;
}

core::Error discovery_error(const std::string& path, const core::Result<Response>& result) {
  if (!result) return result.error().context("discovering the API: GET " + path);
  return to_error(parse_api_error(*result), {"discovering the API: GET", path, false});
}

// Resources of one APIResourceList body; subresources ("deployments/status") folded in.
std::vector<ApiResource> parse_resource_list(const Json& list, const std::string& group,
                                             const std::string& version) {
  std::vector<ApiResource> out;
  std::map<std::string, std::vector<std::string>> subresources;
  for (const auto& r : list.value("resources", Json::array())) {
    if (!r.is_object()) continue;
    const std::string name = r.value("name", "");
    if (auto slash = name.find('/'); slash != std::string::npos) {
      subresources[name.substr(0, slash)].push_back(name.substr(slash + 1));
      continue;
    }
    ApiResource res;
    res.group = r.value("group", group);
    res.version = r.value("version", version);
    if (res.group.empty()) res.group = group;
    if (res.version.empty()) res.version = version;
    res.kind = r.value("kind", "");
    res.name = name;
    res.namespaced = r.value("namespaced", false);
    for (const auto& v : r.value("verbs", Json::array())) {
      if (v.is_string()) res.verbs.push_back(v.get<std::string>());
    }
    out.push_back(std::move(res));
  }
  for (auto& res : out) {
    if (auto it = subresources.find(res.name); it != subresources.end()) {
      res.subresources = it->second;
      std::sort(res.subresources.begin(), res.subresources.end());
    }
  }
  return out;
}

Json to_json(const ApiResource& r) {
  return Json{{"group", r.group},           {"version", r.version}, {"kind", r.kind},
              {"name", r.name},             {"namespaced", r.namespaced},
              {"verbs", r.verbs},           {"subresources", r.subresources}};
}

ApiResource from_json(const Json& j) {
  ApiResource r;
  r.group = j.value("group", "");
  r.version = j.value("version", "");
  r.kind = j.value("kind", "");
  r.name = j.value("name", "");
  r.namespaced = j.value("namespaced", false);
  r.verbs = j.value("verbs", std::vector<std::string>{});
  r.subresources = j.value("subresources", std::vector<std::string>{});
  return r;
}

}  // namespace

std::string ApiResource::api_version() const { return group.empty() ? version : group + "/" + version; }

bool ApiResource::has_verb(std::string_view verb) const {
  return std::find(verbs.begin(), verbs.end(), verb) != verbs.end();
}

fs::path discovery_cache_dir(const std::string& server, const fs::path& cache_home) {
  std::string host = server;
  if (auto p = host.find("://"); p != std::string::npos) host = host.substr(p + 3);
  while (!host.empty() && host.back() == '/') host.pop_back();
  for (auto& c : host) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
    if (!keep) c = '_';
  }
  return cache_home / "kubectl-gitops" / "discovery" / host;
}

Discovery::Discovery(RequestExecutor execute, DiscoveryOptions options)
    : m_execute(std::move(execute)), m_options(std::move(options)) {}

bool Discovery::load_cache() {
  if (m_options.cache_dir.empty()) return false;
  const fs::path file = m_options.cache_dir / k_cache_file;
  std::error_code ec;
  const auto mtime = fs::last_write_time(file, ec);
  if (ec || fs::file_time_type::clock::now() - mtime > m_options.ttl) return false;
  std::ifstream in(file);
  Json doc = Json::parse(in, nullptr, false);
  if (!doc.is_object() || !doc.contains("resources") || !doc["resources"].is_array()) return false;
  m_resources.clear();
  for (const auto& r : doc["resources"]) m_resources.push_back(from_json(r));
  m_preferred = doc.value("preferred", std::map<std::string, std::string>{});
  m_options.logging.log(6, "discovery served from the disk cache " + file.string());
  return true;
}

void Discovery::save_cache() const {
  if (m_options.cache_dir.empty()) return;
  std::error_code ec;
  fs::create_directories(m_options.cache_dir, ec);
  if (ec) return;  // a cache is an optimisation: an unwritable one is not an error
  Json doc = {{"preferred", m_preferred}, {"resources", Json::array()}};
  for (const auto& r : m_resources) doc["resources"].push_back(to_json(r));
  const fs::path tmp = m_options.cache_dir / (std::string(k_cache_file) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << doc.dump();
    if (!out) return;
  }
  fs::rename(tmp, m_options.cache_dir / k_cache_file, ec);
}

core::Status Discovery::refresh() {
  std::lock_guard lock(m_mutex);
  std::vector<Request> roots;
  roots.push_back(discovery_get("/api"));
  roots.push_back(discovery_get("/apis"));
  auto root_results = m_execute(std::move(roots));
  for (std::size_t i = 0; i < 2; ++i) {
    if (!root_results[i] || root_results[i]->status != 200) {
      return discovery_error(i == 0 ? "/api" : "/apis", root_results[i]);
    }
  }
  std::vector<std::pair<std::string, std::string>> group_versions;  // (group, version)
  std::map<std::string, std::string> preferred;
  const Json core_versions = Json::parse(root_results[0]->body, nullptr, false);
  for (const auto& v : core_versions.value("versions", Json::array())) {
    if (v.is_string()) group_versions.emplace_back("", v.get<std::string>());
  }
  preferred[""] = "v1";
  const Json groups = Json::parse(root_results[1]->body, nullptr, false);
  for (const auto& g : groups.value("groups", Json::array())) {
    const std::string name = g.value("name", "");
    for (const auto& v : g.value("versions", Json::array())) {
      group_versions.emplace_back(name, v.value("version", ""));
    }
    preferred[name] = g.value("preferredVersion", Json::object()).value("version", "");
  }
  std::vector<Request> lists;
  for (const auto& [group, version] : group_versions) {
    lists.push_back(discovery_get(group.empty() ? "/api/" + version : "/apis/" + group + "/" + version));
  }
  auto list_results = m_execute(std::move(lists));
  std::vector<ApiResource> resources;
  for (std::size_t i = 0; i < group_versions.size(); ++i) {
    const auto& [group, version] = group_versions[i];
    if (!list_results[i] || list_results[i]->status != 200) {
      if (group.empty()) return discovery_error("/api/" + version, list_results[i]);
      // An unavailable aggregated API (metrics.k8s.io without its server) leaves only its group out.
      m_options.logging.log(4, "discovery: skipping unavailable group version " + group + "/" + version);
      continue;
    }
    const Json list = Json::parse(list_results[i]->body, nullptr, false);
    auto parsed = parse_resource_list(list, group, version);
    resources.insert(resources.end(), parsed.begin(), parsed.end());
  }
  std::sort(resources.begin(), resources.end(), [](const ApiResource& a, const ApiResource& b) {
    return std::tie(a.group, a.version, a.name) < std::tie(b.group, b.version, b.name);
  });
  m_resources = std::move(resources);
  m_preferred = std::move(preferred);
  m_loaded = true;
  m_from_cache = false;
  save_cache();
  return {};
}

core::Status Discovery::ensure_loaded() {
  {
    std::lock_guard lock(m_mutex);
    if (m_loaded) return {};
    if (load_cache()) {
      m_loaded = true;
      m_from_cache = true;
      return {};
    }
  }
  return refresh();
}

const ApiResource* Discovery::lookup(const std::string& group, const std::string& version,
                                     const std::string& kind) const {
  std::string want = version;
  if (want.empty()) {
    auto it = m_preferred.find(group);
    if (it != m_preferred.end()) want = it->second;
  }
  for (const auto& r : m_resources) {
    if (r.group == group && r.version == want && r.kind == kind) return &r;
  }
  return nullptr;
}

core::Result<ApiResource> Discovery::find(const std::string& group, const std::string& version,
                                          const std::string& kind) {
  if (auto s = ensure_loaded(); !s) return s.error();
  const std::string key = group + "/" + kind;
  bool refresh_now = false;
  {
    std::lock_guard lock(m_mutex);
    if (const ApiResource* r = lookup(group, version, kind)) return *r;
    refresh_now = m_refreshed_for.insert(key).second;
  }
  if (refresh_now) {
    m_options.logging.log(6, "discovery: kind " + kind + " not found; refreshing from the server");
    if (auto s = refresh(); !s) return s.error();
    std::lock_guard lock(m_mutex);
    if (const ApiResource* r = lookup(group, version, kind)) return *r;
  }
  const std::string gv = group.empty() ? version : group + "/" + version;
  return core::Error{core::ErrorKind::rejected,
                     "no matches for kind \"" + kind + "\" in version \"" + gv + "\""};
}

core::Result<std::vector<ApiResource>> Discovery::resources() {
  if (auto s = ensure_loaded(); !s) return s.error();
  std::lock_guard lock(m_mutex);
  return m_resources;
}

bool Discovery::from_disk_cache() const {
  std::lock_guard lock(m_mutex);
  return m_from_cache;
}

}  // namespace gitops::kube
