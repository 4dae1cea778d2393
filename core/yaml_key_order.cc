// go-yaml v2's keyList.Less over strings, rune by rune.
#include "core/yaml_key_order.h"

#include <cstdint>
#include <string>

#include "core/utf8.h"

namespace gitops::core {
namespace {

std::u32string runes(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    int width = utf8_width(lead);
    if (i + width > text.size()) width = 1;
    char32_t rune = width == 1 ? lead : lead & (0x7F >> width);
    for (int k = 1; k < width; ++k) rune = (rune << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out.push_back(rune);
    i += width;
  }
  return out;
}

// unicode.IsLetter, exact for ASCII and Latin-1, approximate above (symbols and punctuation blocks
// are not letters; everything else is).
bool is_letter(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  if (r < 0xC0) return r == 0xAA || r == 0xB5 || r == 0xBA;
  if (r < 0x100) return r != 0xD7 && r != 0xF7;
  if (r >= 0x2000 && r <= 0x2BFF) return false;
  if (r >= 0x3000 && r <= 0x303F) return false;
  if (r >= 0xFF00 && r <= 0xFF20) return false;
  if (r >= 0x1F000 && r <= 0x1FAFF) return false;
  return true;
}

bool is_digit(char32_t r) { return r >= '0' && r <= '9'; }

template <typename Text>
bool key_less(const Text& a, const Text& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    char32_t ar = static_cast<char32_t>(a[i]);
    char32_t br = static_cast<char32_t>(b[i]);
    if (ar == br) continue;
    bool a_letter = is_letter(ar);
    bool b_letter = is_letter(br);
    if (a_letter && b_letter) return ar < br;
    if (a_letter || b_letter) return b_letter;
    std::uint64_t an = 0;
    std::uint64_t bn = 0;
    if (ar == '0' || br == '0') {
      for (std::size_t j = i; j-- > 0 && is_digit(static_cast<char32_t>(a[j]));) {
        if (static_cast<char32_t>(a[j]) != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    std::size_t ai = i;
    for (; ai < a.size() && is_digit(static_cast<char32_t>(a[ai])); ++ai) {
      an = an * 10 + (static_cast<char32_t>(a[ai]) - '0');
    }
    std::size_t bi = i;
    for (; bi < b.size() && is_digit(static_cast<char32_t>(b[bi])); ++bi) {
      bn = bn * 10 + (static_cast<char32_t>(b[bi]) - '0');
    }
    if (an != bn) return static_cast<std::int64_t>(an) < static_cast<std::int64_t>(bn);
    if (ai != bi) return ai < bi;
    return ar < br;
  }
  return a.size() < b.size();
}

bool is_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Bytes of an ASCII string, read as unsigned runes.
struct AsciiRunes {
  std::string_view text;
  std::size_t size() const { return text.size(); }
  unsigned char operator[](std::size_t i) const { return static_cast<unsigned char>(text[i]); }
};

}  // namespace

bool yaml_key_less(std::string_view a, std::string_view b) {
  if (is_ascii(a) && is_ascii(b)) return key_less(AsciiRunes{a}, AsciiRunes{b});
  return key_less(runes(a), runes(b));
}

}  // namespace gitops::core
