// Redaction of credentials before anything is logged or put in an error message: bearer tokens,
// basic-auth passwords and private keys never leave the client in clear text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gitops::kube {

inline constexpr std::string_view k_masked = "<masked>";

// An HTTP header line ("Name: value") with the value masked when it carries a credential
// (Authorization keeps its scheme: "Authorization: Bearer <masked>"); other headers unchanged.
std::string redact_header(std::string_view header);

// `text` with every occurrence of each non-empty string of `secrets` replaced by <masked>.
std::string redact_secrets(std::string text, const std::vector<std::string>& secrets);

}  // namespace gitops::kube
