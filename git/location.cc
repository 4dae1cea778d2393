// Classification of repository locations and the mirror cache name of a URL.
#include "git/location.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "git/redact.h"

namespace gitops::git {
namespace {

constexpr std::array<std::string_view, 7> k_schemes = {"https", "http",    "ssh",    "git",
                                                       "file",  "git+ssh", "ssh+git"};

std::string lower(std::string_view text) {
  std::string out;
  for (char c : text) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

core::Error refuse(std::string_view text, std::string_view why) {
  return core::Error{core::ErrorKind::usage, "refusing repository \"" + redact_urls_in_text(text) +
                                                 "\": " + std::string(why)};
}

// git's "<transport>::<address>" remote-helper syntax, checked before anything else.
core::Status check_transport_prefix(std::string_view text) {
  std::size_t helper = text.find("::");
  if (helper == std::string_view::npos || helper == 0) return {};
  std::string_view name = text.substr(0, helper);
  if (name.find_first_of("/\\") != std::string_view::npos) return {};
  std::string transport = lower(name);
  if (transport == "ext") return refuse(text, "the \"ext\" transport runs commands");
  if (transport == "fd") return refuse(text, "the \"fd\" transport is not supported");
  return refuse(text, "remote helper transports (\"" + transport + "::\") are not supported");
}

// git's rule: a ':' before any '/' makes "host:path" an scp-like SSH address.
bool is_scp_like(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::size_t slash = text.find('/');
  return slash == std::string_view::npos || colon < slash;
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(k_hex[digest[i] >> 4]);
    out.push_back(k_hex[digest[i] & 0xf]);
  }
  return out;
}

// The URL as it identifies the repository: credentials masked, so a new token keeps the mirror.
std::string identity(std::string_view url) {
  std::string out = redact_url(url);
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// Host and path of `id` without scheme or user-info, for a readable folder name.
std::string_view host_and_path(std::string_view id) {
  if (std::size_t sep = id.find("://"); sep != std::string_view::npos) id.remove_prefix(sep + 3);
  std::size_t at = id.find('@');
  if (at != std::string_view::npos && at < id.find('/')) id.remove_prefix(at + 1);
  return id;
}

}  // namespace

std::string_view to_string(LocationKind kind) {
  switch (kind) {
    case LocationKind::local_path:
      return "local path";
    case LocationKind::remote:
      return "remote";
  }
  return "local path";
}

core::Result<Location> classify_location(std::string_view text) {
  if (text.empty()) return core::Error{core::ErrorKind::usage, "empty repository location"};
  if (auto status = check_transport_prefix(text); !status) return status.error();
  std::size_t sep = text.find("://");
  if (sep != std::string_view::npos) {
    std::string scheme = lower(text.substr(0, sep));
    if (std::find(k_schemes.begin(), k_schemes.end(), scheme) == k_schemes.end()) {
      return refuse(text, "unsupported URL scheme \"" + scheme +
                              "\" (use https://, ssh://, git@host:path, git:// or file://)");
    }
    return Location{LocationKind::remote, std::string(text)};
  }
  if (is_scp_like(text)) return Location{LocationKind::remote, std::string(text)};
  return Location{LocationKind::local_path, std::string(text)};
}

std::string mirror_name(std::string_view url) {
  std::string id = identity(url);
  std::string_view readable = host_and_path(id);
  std::string slug;
  for (char c : readable) {
    bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    if (keep) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && (slug.back() == '-' || slug.back() == '.')) slug.pop_back();
  while (!slug.empty() && slug.front() == '.') slug.erase(0, 1);
  if (slug.size() > 48) slug.resize(48);
  if (slug.empty()) slug = "repo";
  return slug + "-" + sha256_hex(id).substr(0, 16);
}

}  // namespace gitops::git
