// Case tables for the scripts Go's unicode package maps one to one that charts actually use.
#include "render/helm/sprig_unicode.h"

namespace gitops::render::helm {
namespace {

// Latin Extended-A pairs upper/lower as even/odd code points, except where the pairing shifts.
bool latin_ext_upper(char32_t r) {
  if (r >= 0x100 && r <= 0x137) return r % 2 == 0;
  if (r >= 0x139 && r <= 0x148) return r % 2 == 1;
  if (r >= 0x14a && r <= 0x177) return r % 2 == 0;
  if (r >= 0x179 && r <= 0x17e) return r % 2 == 1;
  return r == 0x178;
}

bool latin_ext_lower(char32_t r) {
  if (r >= 0x100 && r <= 0x137) return r % 2 == 1;
  if (r >= 0x139 && r <= 0x148) return r % 2 == 0;
  if (r >= 0x14a && r <= 0x177) return r % 2 == 1;
  if (r >= 0x179 && r <= 0x17e) return r % 2 == 0;
  return r == 0x17f || r == 0x138 || r == 0x149;
}

}  // namespace

bool unicode_is_upper(char32_t r) {
  if (r < 0x80) return r >= 'A' && r <= 'Z';
  if (r >= 0xc0 && r <= 0xde) return r != 0xd7;
  if (r >= 0x100 && r <= 0x17f) return latin_ext_upper(r);
  if (r >= 0x391 && r <= 0x3ab) return r != 0x3a2;
  if (r >= 0x400 && r <= 0x42f) return true;
  return false;
}

bool unicode_is_lower(char32_t r) {
  if (r < 0x80) return r >= 'a' && r <= 'z';
  if (r == 0xb5 || r == 0xaa || r == 0xba) return r == 0xb5;
  if (r >= 0xdf && r <= 0xff) return r != 0xf7;
  if (r >= 0x100 && r <= 0x17f) return latin_ext_lower(r);
  if (r >= 0x3ac && r <= 0x3ce) return true;
  if (r >= 0x430 && r <= 0x45f) return true;
  return false;
}

char32_t unicode_to_upper(char32_t r) {
  if (r < 0x80) return r >= 'a' && r <= 'z' ? r - 32 : r;
  if (r == 0xb5) return 0x39c;
  if (r >= 0xe0 && r <= 0xfe && r != 0xf7) return r - 32;
  if (r == 0xff) return 0x178;
  if (r == 0x131) return 'I';
  if (r == 0x17f) return 'S';
  if (r >= 0x100 && r <= 0x17e && latin_ext_lower(r) && r != 0x138 && r != 0x149) return r - 1;
  if (r >= 0x3b1 && r <= 0x3cb) return r == 0x3c2 ? 0x3a3 : r - 32;
  if (r == 0x3ac) return 0x386;
  if (r >= 0x3ad && r <= 0x3af) return r - 37;
  if (r == 0x3cc) return 0x38c;
  if (r == 0x3cd || r == 0x3ce) return r - 63;
  if (r >= 0x430 && r <= 0x44f) return r - 32;
  if (r >= 0x450 && r <= 0x45f) return r - 80;
  return r;
}

char32_t unicode_to_lower(char32_t r) {
  if (r < 0x80) return r >= 'A' && r <= 'Z' ? r + 32 : r;
  if (r >= 0xc0 && r <= 0xde && r != 0xd7) return r + 32;
  if (r == 0x178) return 0xff;
  if (r == 0x130) return 'i';
  if (r >= 0x100 && r <= 0x17e && latin_ext_upper(r)) return r + 1;
  if (r >= 0x391 && r <= 0x3ab && r != 0x3a2) return r + 32;
  if (r == 0x386) return 0x3ac;
  if (r >= 0x388 && r <= 0x38a) return r + 37;
  if (r == 0x38c) return 0x3cc;
  if (r == 0x38e || r == 0x38f) return r + 63;
  if (r >= 0x410 && r <= 0x42f) return r + 32;
  if (r >= 0x400 && r <= 0x40f) return r + 80;
  return r;
}

char32_t unicode_to_title(char32_t r) { return unicode_to_upper(r); }

bool unicode_is_letter(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  if (r == 0xaa || r == 0xb5 || r == 0xba) return true;
  if (r >= 0xc0 && r <= 0x24f) return r != 0xd7 && r != 0xf7;
  if (r >= 0x370 && r <= 0x3ff) return r != 0x375 && r != 0x37e && r != 0x384 && r != 0x385 && r != 0x387;
  if (r >= 0x400 && r <= 0x481) return true;
  if (r >= 0x4e00 && r <= 0x9fff) return true;
  return false;
}

bool unicode_is_space(char32_t r) {
  switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xa0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200a;
  }
}

bool unicode_is_punct(char32_t r) {
  if (r < 0x80) {
    switch (r) {
      case '!': case '"': case '#': case '%': case '&': case '\'': case '(': case ')': case '*':
      case ',': case '-': case '.': case '/': case ':': case ';': case '?': case '@': case '[':
      case '\\': case ']': case '_': case '{': case '}':
        return true;
      default:
        return false;
    }
  }
  return r == 0xa1 || r == 0xa7 || r == 0xab || r == 0xb6 || r == 0xb7 || r == 0xbb ||
         r == 0xbf || (r >= 0x2010 && r <= 0x2027) || (r >= 0x2030 && r <= 0x205e) ||
         (r >= 0x3001 && r <= 0x3003);
}

bool unicode_is_number(char32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return r == 0xb2 || r == 0xb3 || r == 0xb9 || (r >= 0xbc && r <= 0xbe) ||
         (r >= 0x660 && r <= 0x669) || (r >= 0xff10 && r <= 0xff19);
}

}  // namespace gitops::render::helm
