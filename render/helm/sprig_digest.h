// Base64 as Go's encoding/base64 StdEncoding, shared by the random and crypto functions.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace gitops::render::helm {

// StdEncoding.EncodeToString: padded standard base64.
std::string base64_encode(std::string_view data);

// StdEncoding.DecodeString; fails with Go's text ("illegal base64 data at input byte N").
core::Result<std::string> base64_decode(std::string_view text);

}  // namespace gitops::render::helm
