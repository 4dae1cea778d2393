// URL credential redaction.
#include "git/redact.h"

#include <cctype>

namespace gitops::git {
namespace {

constexpr std::string_view k_mask = "***";

bool is_scheme_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

bool is_http_scheme(std::string_view scheme) {
  std::string lower;
  for (char c : scheme)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower == "http" || lower == "https";
}

// Where the user-info ends (the '@'), or npos. A password may hold a raw '/', so an '@' after
// the first '/' still ends the user-info when a ':' precedes that '/'.
std::size_t user_info_end(std::string_view rest) {
  std::size_t authority_end = rest.find_first_of("/?#");
  std::size_t at = rest.substr(0, authority_end).rfind('@');
  if (at != std::string_view::npos) return at;
  if (authority_end == std::string_view::npos) return std::string_view::npos;
  if (rest.substr(0, authority_end).find(':') == std::string_view::npos) {
    return std::string_view::npos;
  }
  std::size_t query = rest.find_first_of("?#");
  return rest.substr(0, query).rfind('@');
}

}  // namespace

std::string redact_url(std::string_view url) {
  std::size_t sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::string(url);
  for (std::size_t i = 0; i < sep; ++i) {
    if (!is_scheme_char(url[i])) return std::string(url);
  }
  std::string_view scheme = url.substr(0, sep);
  std::string_view rest = url.substr(sep + 3);
  std::size_t at = user_info_end(rest);
  if (at == std::string_view::npos) return std::string(url);
  std::string_view user_info = rest.substr(0, at);
  std::string out(url.substr(0, sep + 3));
  std::size_t colon = user_info.find(':');
  if (colon != std::string_view::npos) {
    out.append(user_info.substr(0, colon)).append(":").append(k_mask);
  } else if (is_http_scheme(scheme)) {
    out.append(k_mask);
  } else {
    out.append(user_info);
  }
  out.append(rest.substr(at));
  return out;
}

std::string redact_urls_in_text(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  std::size_t search = 0;
  while (true) {
    std::size_t sep = text.find("://", search);
    if (sep == std::string_view::npos) break;
    std::size_t start = sep;
    while (start > copied && is_scheme_char(text[start - 1])) --start;
    std::size_t end = text.find_first_of(" \t\r\n'\"<>`", sep);
    if (end == std::string_view::npos) end = text.size();
    out.append(text.substr(copied, start - copied));
    out.append(redact_url(text.substr(start, end - start)));
    copied = end;
    search = end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace gitops::git
