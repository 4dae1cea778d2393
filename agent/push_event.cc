// Payload reading and URL normalisation.
#include "agent/push_event.h"

#include <algorithm>
#include <cctype>

namespace gitops::agent {
namespace {

void add_url(PushEvent& event, const core::Json& object, const char* key) {
  if (!object.is_object()) return;
  auto it = object.find(key);
  if (it != object.end() && it->is_string() && !it->get<std::string>().empty()) {
    event.repo_urls.push_back(it->get<std::string>());
  }
}

void add_ref(PushEvent& event, const std::string& ref) {
  constexpr std::string_view k_heads = "refs/heads/";
  if (ref.rfind(k_heads, 0) == 0) event.branches.push_back(ref.substr(k_heads.size()));
}

std::string strip_suffixes(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  if (s.size() > 4 && s.compare(s.size() - 4, 4, ".git") == 0) s.resize(s.size() - 4);
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

core::Result<PushEvent> parse_push_event(std::string_view body) {
  core::Json payload = core::Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (payload.is_discarded() || !payload.is_object()) {
    return core::Error{core::ErrorKind::usage, "the payload is not a JSON object"};
  }
  PushEvent event;
  const core::Json repository = payload.value("repository", core::Json::object());
  for (const char* key :
       {"clone_url", "ssh_url", "git_url", "html_url", "url", "git_http_url", "git_ssh_url"}) {
    add_url(event, repository, key);
  }
  const core::Json project = payload.value("project", core::Json::object());
  for (const char* key : {"git_http_url", "git_ssh_url", "web_url"}) add_url(event, project, key);
  if (repository.is_object()) {
    const core::Json links = repository.value("links", core::Json::object());
    for (const auto& clone : links.value("clone", core::Json::array()))
      add_url(event, clone, "href");
    event.default_branch = repository.value("default_branch", "");
  }
  if (event.default_branch.empty() && project.is_object()) {
    event.default_branch = project.value("default_branch", "");
  }
  if (payload.contains("ref") && payload["ref"].is_string())
    add_ref(event, payload["ref"].get<std::string>());
  for (const auto& change : payload.value("changes", core::Json::array())) {
    if (change.is_object() && change.value("ref", core::Json::object()).is_object()) {
      add_ref(event, change["ref"].value("id", ""));
    }
  }
  if (event.repo_urls.empty()) {
    return core::Error{core::ErrorKind::usage, "the payload names no repository"};
  }
  if (event.branches.empty()) {
    return core::Error{core::ErrorKind::usage, "the payload names no branch (refs/heads/...)"};
  }
  return event;
}

std::string normalize_repo_url(std::string_view url_view) {
  std::string url(url_view);
  size_t scheme = url.find("://");
  std::string rest;
  if (scheme != std::string::npos) {
    rest = url.substr(scheme + 3);
  } else if (url.find(':') != std::string::npos && url.find('/') > url.find(':')) {
    rest = url;  // scp-like user@host:path
    rest[rest.find(':')] = '/';
  } else {
    return strip_suffixes(url);  // a local path
  }
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  std::string path = slash == std::string::npos ? "" : rest.substr(slash);
  size_t at = authority.rfind('@');
  if (at != std::string::npos) authority = authority.substr(at + 1);
  if (!authority.empty() && authority.front() != '[')
    authority = authority.substr(0, authority.find(':'));
  std::transform(authority.begin(), authority.end(), authority.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != std::string::npos && url.compare(0, scheme, "file") == 0)
    return strip_suffixes(path);
  return strip_suffixes(authority + path);
}

bool push_matches(const PushEvent& event, const std::string& repo, const std::string& ref) {
  const std::string wanted_repo = normalize_repo_url(repo);
  bool same_repo =
      std::any_of(event.repo_urls.begin(), event.repo_urls.end(),
                  [&](const std::string& u) { return normalize_repo_url(u) == wanted_repo; });
  if (!same_repo) return false;
  std::string branch = ref;
  for (std::string_view prefix : {"refs/heads/", "refs/remotes/origin/", "origin/"}) {
    if (branch.rfind(prefix, 0) == 0) {
      branch = branch.substr(prefix.size());
      break;
    }
  }
  if (branch == "HEAD" || branch.empty()) {
    // Without the default branch in the payload any push may move HEAD: refresh to be safe.
    return event.default_branch.empty() || std::find(event.branches.begin(), event.branches.end(),
                                                     event.default_branch) != event.branches.end();
  }
  return std::find(event.branches.begin(), event.branches.end(), branch) != event.branches.end();
}

}  // namespace gitops::agent
