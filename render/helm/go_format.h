// Go's fmt and strconv printing of template values, as Sprig's functions see them: %v (fmt.Sprint),
// %q (strconv.Quote), and strconv.FormatFloat's shortest 'g', 'e' and 'f' forms. Everything here is
// pure and deterministic; objects print through Object::format().
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "render/gotemplate/value.h"

namespace gitops::render::helm {

// strconv.FormatFloat(f, 'g', -1, 64), which %v uses: shortest round-trip digits, exponent form
// when the decimal exponent is < -4 or >= 6 ("1e+06", "246913.578", "1e-06", "+Inf", "NaN").
std::string format_float_g(double f);

// strconv.FormatFloat(f, 'f', prec, 64); prec -1 means the shortest round-trip digits.
std::string format_float_f(double f, int prec);

// strconv.FormatFloat(f, 'e', prec, 64); prec -1 means the shortest round-trip digits.
std::string format_float_e(double f, int prec);

// fmt.Sprintf("%v", v): "<nil>", "true", "1e+06", "[a b]", "map[a:1 b:2]", "[104 105]" for bytes.
std::string format_value(const gotemplate::Value& v);

// fmt.Sprint(args...): operands joined, with a space between two operands when neither is a string.
std::string sprint(std::span<const gotemplate::Value> args);

// strconv.Quote(s): double-quoted with Go escapes; invalid UTF-8 bytes as \x.., non-printable runes
// as \u/\U escapes.
std::string go_quote(std::string_view s);

// Sprig's strval: strings and bytes as they are, Stringers through format(), the rest as %v.
std::string to_go_string(const gotemplate::Value& v);

// Decodes one UTF-8 rune at `pos`, advancing it; returns 0xFFFD and advances one byte when invalid.
char32_t decode_rune(std::string_view s, std::size_t& pos);

// Appends the UTF-8 encoding of `r` to `out`.
void append_rune(std::string& out, char32_t r);

}  // namespace gitops::render::helm
