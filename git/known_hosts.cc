// known_hosts parsing and matching (the subset of OpenSSH's sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"
// a client needs to verify a server key).
#include "git/known_hosts.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <sstream>
#include <vector>

namespace gitops::git {
namespace {

struct Entry {
  bool revoked = false;
  bool cert_authority = false;
  std::string hosts;
  HostKey key;
};

std::string base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return {};
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return {};
  std::size_t padding = 0;
  for (std::size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) ++padding;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

// '*' matches any run, '?' one character (OpenSSH's match_pattern()).
bool wildcard_match(std::string_view text, std::string_view pattern) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (wildcard_match(text.substr(i), pattern.substr(1))) return true;
    }
    return false;
  }
  if (text.empty()) return false;
  char p = pattern.front();
  char t = text.front();
  bool same = p == '?' || std::tolower(static_cast<unsigned char>(p)) ==
                              std::tolower(static_cast<unsigned char>(t));
  return same && wildcard_match(text.substr(1), pattern.substr(1));
}

// "|1|base64(salt)|base64(HMAC-SHA1(salt, name))".
bool hashed_match(std::string_view name, std::string_view pattern) {
  pattern.remove_prefix(3);
  std::size_t bar = pattern.find('|');
  if (bar == std::string_view::npos) return false;
  std::string salt = base64_decode(pattern.substr(0, bar));
  if (salt.empty()) return false;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha1(), salt.data(), static_cast<int>(salt.size()),
       reinterpret_cast<const unsigned char*>(name.data()), name.size(), digest, &size);
  return base64_encode(std::string_view(reinterpret_cast<char*>(digest), size)) ==
         pattern.substr(bar + 1);
}

bool hosts_match(std::string_view name, std::string_view patterns) {
  if (patterns.rfind("|1|", 0) == 0) return hashed_match(name, patterns);
  bool matched = false;
  std::stringstream list{std::string(patterns)};
  std::string pattern;
  while (std::getline(list, pattern, ',')) {
    bool negated = !pattern.empty() && pattern.front() == '!';
    if (negated) pattern.erase(0, 1);
    if (!wildcard_match(name, pattern)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

std::vector<Entry> parse(std::string_view text) {
  std::vector<Entry> entries;
  std::stringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    std::stringstream fields(line);
    Entry entry;
    std::string first;
    if (!(fields >> first) || first.front() == '#') continue;
    if (first == "@revoked" || first == "@cert-authority") {
      entry.revoked = first == "@revoked";
      entry.cert_authority = !entry.revoked;
      if (!(fields >> first)) continue;
    }
    entry.hosts = first;
    if (!(fields >> entry.key.type >> entry.key.base64)) continue;
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::string host_name(std::string_view host, int port) {
  if (port == 22 || port <= 0) return std::string(host);
  return "[" + std::string(host) + "]:" + std::to_string(port);
}

}  // namespace

std::string_view to_string(HostKeyStatus status) {
  switch (status) {
    case HostKeyStatus::trusted:
      return "trusted";
    case HostKeyStatus::unknown_host:
      return "unknown host";
    case HostKeyStatus::mismatch:
      return "mismatch";
    case HostKeyStatus::revoked:
      return "revoked";
  }
  return "unknown host";
}

std::string base64_encode(std::string_view bytes) {
  std::string out((bytes.size() + 2) / 3 * 4 + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

HostKeyStatus check_known_hosts(std::string_view known_hosts, std::string_view host, int port,
                                const HostKey& key) {
  std::string name = host_name(host, port);
  bool trusted = false;
  bool same_type_listed = false;
  for (const Entry& entry : parse(known_hosts)) {
    if (entry.cert_authority || !hosts_match(name, entry.hosts)) continue;
    bool same_key = entry.key.type == key.type && entry.key.base64 == key.base64;
    if (entry.revoked) {
      if (same_key) return HostKeyStatus::revoked;
      continue;
    }
    trusted = trusted || same_key;
    same_type_listed = same_type_listed || entry.key.type == key.type;
  }
  if (trusted) return HostKeyStatus::trusted;
  return same_type_listed ? HostKeyStatus::mismatch : HostKeyStatus::unknown_host;
}

core::Error host_key_error(HostKeyStatus status, std::string_view host, int port,
                           const HostKey& key, const std::filesystem::path& known_hosts_file) {
  std::string name = host_name(host, port);
  std::string message = "refusing SSH host \"" + name + "\": ";
  switch (status) {
    case HostKeyStatus::trusted:
      return core::Error{core::ErrorKind::internal, "host is trusted"};
    case HostKeyStatus::unknown_host:
      message += "no " + key.type + " key for it in " + known_hosts_file.string() +
                 " (add it after checking its fingerprint, e.g. ssh-keyscan -t " + key.type +
                 (port == 22 || port <= 0 ? "" : " -p " + std::to_string(port)) + " " +
                 std::string(host) + " >> " + known_hosts_file.string() + ")";
      break;
    case HostKeyStatus::mismatch:
      message += "its " + key.type + " key does not match the one in " + known_hosts_file.string() +
                 " (the key changed, or someone is intercepting)";
      break;
    case HostKeyStatus::revoked:
      message += "its " + key.type + " key is marked @revoked in " + known_hosts_file.string();
      break;
  }
  return core::Error{core::ErrorKind::source, std::move(message)};
}

}  // namespace gitops::git
