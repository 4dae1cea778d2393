// Go's strconv and unicode/utf8 pieces the template engine needs: UTF-8 decoding, strconv.Quote
// and Unquote, %#U, and FormatFloat ('e', 'f', 'g', shortest or with a precision), matching Go's
// output byte for byte.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gitops::render::gotemplate {

inline constexpr int k_rune_error = 0xFFFD;

// Byte length of the UTF-8 sequence at s[pos] (1 for an invalid byte).
std::size_t utf8_width(std::string_view s, std::size_t pos);
// The rune encoded by `s` (one sequence), or k_rune_error when it is invalid.
int decode_rune(std::string_view s);
// Number of runes in `s`, and the first `n` runes of `s`.
std::size_t utf8_count(std::string_view s);
std::string_view utf8_prefix(std::string_view s, std::size_t n);
// Appends the UTF-8 encoding of `r` (U+FFFD when out of range).
void append_rune(std::string& out, int r);
// Go's unicode.IsPrint (approximated outside Latin-1 by excluding controls and separators).
bool is_print(int r);

// strconv.Quote and strconv.QuoteToASCII, and Go's quoting of one rune ('a', '\n').
std::string quote(std::string_view s);
std::string quote_ascii(std::string_view s);
std::string quote_rune(int r);
// fmt's %#U: "U+0041 'A'", or "U+000A" for a rune that does not print.
std::string format_unicode(int r);

// strconv.Unquote for "...", `...` and '...' literals; nullopt for invalid syntax.
std::optional<std::string> unquote(std::string_view literal);

// strconv.FormatFloat(f, fmt, prec, 64) for fmt 'e', 'E', 'f', 'g', 'G'; prec -1 is shortest.
std::string format_float(double f, char fmt, int prec);

}  // namespace gitops::render::gotemplate
