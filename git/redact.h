// Credential redaction for everything this module says: URLs lose their password or token
// before they reach a message, a log line or an error.
//   https://user:secret@host/x  ->  https://user:***@host/x   (password replaced)
//   https://TOKEN@host/x        ->  https://***@host/x        (http(s) user alone may be a token)
//   ssh://git@host/x, git@host:x, /local/path                 (unchanged: nothing secret)
#pragma once

#include <string>
#include <string_view>

namespace gitops::git {

// `url` with the password (or a lone http(s) user name) of its user-info replaced by "***";
// anything that is not a scheme://authority URL is returned unchanged.
std::string redact_url(std::string_view url);

// `text` with every scheme://... URL inside it passed through redact_url().
std::string redact_urls_in_text(std::string_view text);

}  // namespace gitops::git
