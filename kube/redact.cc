// Header and free-text redaction.
#include "kube/redact.h"

#include <algorithm>
#include <cctype>

namespace gitops::kube {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string redact_header(std::string_view header) {
  auto colon = header.find(':');
  if (colon == std::string_view::npos) return std::string(header);
  std::string_view name = header.substr(0, colon);
  if (iequals(name, "Authorization") || iequals(name, "Proxy-Authorization")) {
    std::string_view value = header.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    auto space = value.find(' ');
    std::string out(name);
    out += ": ";
    if (space != std::string_view::npos) out.append(value.substr(0, space)).push_back(' ');
    out += k_masked;
    return out;
  }
  if (iequals(name, "Cookie") || iequals(name, "Set-Cookie")) {
    return std::string(name) + ": " + std::string(k_masked);
  }
  return std::string(header);
}

std::string redact_secrets(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.empty()) continue;
    std::size_t pos = 0;
    while ((pos = text.find(secret, pos)) != std::string::npos) {
      text.replace(pos, secret.size(), k_masked);
      pos += k_masked.size();
    }
  }
  return text;
}

}  // namespace gitops::kube
