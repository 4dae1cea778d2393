// Base64 as kubeconfig `*-data` fields and ExecCredential client certificates use it (standard
// alphabet, padding optional, whitespace ignored).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace gitops::kube {

// The decoded bytes of `text`; fails (kind usage) on a character outside the alphabet, naming
// `what` ("certificate-authority-data of cluster kind").
core::Result<std::string> base64_decode(std::string_view text, std::string_view what);

// The standard padded encoding of `bytes`.
std::string base64_encode(std::string_view bytes);

}  // namespace gitops::kube
