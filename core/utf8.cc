// UTF-8 validation after RFC 3629 table 3-7, with an ASCII fast path (YAML is mostly ASCII).
#include "core/utf8.h"

#include <cstdint>
#include <cstring>

namespace gitops::core {
namespace {

bool in_range(unsigned char byte, unsigned char low, unsigned char high) {
  return byte >= low && byte <= high;
}

// The length of the well-formed sequence at `p` (with `left` bytes available), or 0.
std::size_t sequence_length(const unsigned char* p, std::size_t left) {
  unsigned char lead = p[0];
  if (in_range(lead, 0xC2, 0xDF)) {
    return left >= 2 && in_range(p[1], 0x80, 0xBF) ? 2 : 0;
  }
  if (in_range(lead, 0xE0, 0xEF)) {
    if (left < 3) return 0;
    unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    return in_range(p[1], low, high) && in_range(p[2], 0x80, 0xBF) ? 3 : 0;
  }
  if (in_range(lead, 0xF0, 0xF4)) {
    if (left < 4) return 0;
    unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    return in_range(p[1], low, high) && in_range(p[2], 0x80, 0xBF) &&
                   in_range(p[3], 0x80, 0xBF)
               ? 4
               : 0;
  }
  return 0;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) {
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    if (i + 8 <= size) {
      std::uint64_t word;
      std::memcpy(&word, data + i, sizeof word);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (data[i] < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = sequence_length(data + i, size - i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::size_t find_control_character(std::string_view text) {
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char byte = data[i];
    if (byte >= 0x20 && byte < 0x7F) continue;
    if (byte == '\t' || byte == '\n' || byte == '\r') continue;
    if (byte < 0x80) return i;  // C0 control or DEL
    if (byte == 0xC2 && i + 1 < text.size() && data[i + 1] < 0xA0 && data[i + 1] != 0x85) return i;
    if (byte == 0xEF && i + 2 < text.size() && data[i + 1] == 0xBF && data[i + 2] >= 0xBE) return i;
  }
  return std::string_view::npos;
}

std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    if (data[i] < 0x80) {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t length = sequence_length(data + i, text.size() - i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace gitops::core
