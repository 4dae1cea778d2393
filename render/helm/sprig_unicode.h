// The parts of Go's unicode package Sprig's string functions depend on: case mapping and the
// IsSpace/IsUpper/IsLower/IsPunct/IsNumber classes. Covers ASCII, Latin-1, Latin Extended-A,
// Greek and Cyrillic exactly; other scripts are treated as caseless letters.
#pragma once

namespace gitops::render::helm {

char32_t unicode_to_upper(char32_t r);
char32_t unicode_to_lower(char32_t r);
// unicode.ToTitle: the same as upper case for the scripts covered.
char32_t unicode_to_title(char32_t r);
bool unicode_is_upper(char32_t r);
bool unicode_is_lower(char32_t r);
bool unicode_is_letter(char32_t r);
// unicode.IsSpace: '\t' '\n' '\v' '\f' '\r' ' ' U+0085 U+00A0 and the Z category.
bool unicode_is_space(char32_t r);
bool unicode_is_punct(char32_t r);
bool unicode_is_number(char32_t r);

}  // namespace gitops::render::helm
