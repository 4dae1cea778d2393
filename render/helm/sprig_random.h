// Random bytes from OpenSSL's CSPRNG, shared by the random and crypto functions.
#pragma once

#include <cstddef>
#include <string>

namespace gitops::render::helm {

// `n` cryptographically random bytes.
std::string random_bytes(std::size_t n);

}  // namespace gitops::render::helm
