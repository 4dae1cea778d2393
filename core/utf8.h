// UTF-8 helpers shared by the YAML reader and writer: validation that names the first bad byte,
// and the width of a character from its lead byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gitops::core {

// The offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are ill-formed), or npos when `text` is valid.
std::size_t find_invalid_utf8(std::string_view text);

// The offset of the first character YAML does not allow in a stream (go-yaml's reader check):
// C0 controls other than tab, LF and CR, DEL, C1 controls other than NEL, U+FFFE and U+FFFF.
// `text` must be valid UTF-8. npos when there is none.
std::size_t find_control_character(std::string_view text);

// `text` with every ill-formed sequence replaced by U+FFFD, as Go does when it encodes a string.
std::string replace_invalid_utf8(std::string_view text);

// The length of the sequence a lead byte starts (1 for ASCII and for stray bytes, so loops advance).
inline int utf8_width(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

}  // namespace gitops::core
