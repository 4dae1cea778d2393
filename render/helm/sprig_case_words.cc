// xstrings' camelCaseToLowerCase (snakecase, kebabcase): the string is cut into words (upper-case
// runs, lower-case words, numbers, connectors, punctuation) and re-joined in lower case.
#include <string>
#include <string_view>

#include "render/helm/go_format.h"
#include "render/helm/sprig_unicode.h"

namespace gitops::render::helm {
namespace {

enum class Word { invalid, number, upper, alphabet, connector, punct, other };

struct Cut {
  Word type = Word::invalid;
  std::string_view word;
  std::string_view rest;
};

bool is_connector(char32_t r) { return r == '-' || r == '_' || unicode_is_space(r); }
bool is_alphabet(char32_t r) { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'); }

// The next rune at the front of `s` and its size, skipping invalid bytes (xstrings' nextValidRune).
char32_t next_valid(std::string_view s, char32_t prev, std::size_t& size) {
  size = 0;
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t start = p;
    char32_t r = decode_rune(s, p);
    size += p - start;
    if (r != 0xFFFD || p - start == 3) return r;
  }
  return prev;
}

Cut next_word(std::string_view str) {
  Cut cut;
  if (str.empty()) return cut;
  std::size_t size = 0;
  std::string_view remaining = str;
  char32_t r = next_valid(remaining, 0xFFFD, size);
  std::size_t offset = size;
  if (r == 0xFFFD) {
    return Cut{Word::invalid, str.substr(0, offset), str.substr(offset)};
  }
  auto run = [&](auto keep) {
    remaining.remove_prefix(size);
    while (!remaining.empty()) {
      r = next_valid(remaining, r, size);
      if (!keep(r)) break;
      offset += size;
      remaining.remove_prefix(size);
    }
  };
  if (is_connector(r)) {
    cut.type = Word::connector;
    run(is_connector);
  } else if (unicode_is_punct(r)) {
    cut.type = Word::punct;
    run(unicode_is_punct);
  } else if (unicode_is_upper(r)) {
    cut.type = Word::upper;
    remaining.remove_prefix(size);
    if (!remaining.empty()) {
      r = next_valid(remaining, r, size);
      if (unicode_is_upper(r)) {
        std::size_t prev_size = size;
        offset += size;
        remaining.remove_prefix(size);
        while (!remaining.empty()) {
          r = next_valid(remaining, r, size);
          if (!unicode_is_upper(r)) break;
          prev_size = size;
          offset += size;
          remaining.remove_prefix(size);
        }
        if (!remaining.empty() && is_alphabet(r)) {
          offset -= prev_size;
          remaining = str.substr(offset);
        }
      } else if (is_alphabet(r)) {
        offset += size;
        remaining.remove_prefix(size);
        while (!remaining.empty()) {
          r = next_valid(remaining, r, size);
          if (!is_alphabet(r) || unicode_is_upper(r)) break;
          offset += size;
          remaining.remove_prefix(size);
        }
      }
    }
  } else if (is_alphabet(r)) {
    cut.type = Word::alphabet;
    run([](char32_t c) { return is_alphabet(c) && !unicode_is_upper(c); });
  } else if (unicode_is_number(r)) {
    cut.type = Word::number;
    run(unicode_is_number);
  } else {
    cut.type = Word::other;
    run([](char32_t c) {
      return !(is_connector(c) || is_alphabet(c) || unicode_is_number(c) || unicode_is_punct(c));
    });
  }
  cut.word = str.substr(0, offset);
  cut.rest = remaining;
  return cut;
}

void to_lower(std::string& buf, Word type, std::string_view word, char32_t connector) {
  if (type != Word::upper && type != Word::connector) {
    buf += word;
    return;
  }
  std::size_t p = 0;
  while (p < word.size()) {
    char32_t r = decode_rune(word, p);
    if (is_connector(r)) {
      append_rune(buf, connector);
    } else {
      append_rune(buf, unicode_is_upper(r) ? unicode_to_lower(r) : r);
    }
  }
}

}  // namespace

std::string xstrings_lower_case(std::string_view str, char32_t connector) {
  if (str.empty()) return "";
  std::string buf;
  Cut c = next_word(str);
  while (!c.rest.empty()) {
    if (c.type != Word::connector) to_lower(buf, c.type, c.word, connector);
    Word prev = c.type;
    std::string_view last = c.word;
    c = next_word(c.rest);
    switch (prev) {
      case Word::number:
        while (c.type == Word::alphabet || c.type == Word::number) {
          to_lower(buf, c.type, c.word, connector);
          c = next_word(c.rest);
        }
        if (c.type != Word::invalid && c.type != Word::punct) append_rune(buf, connector);
        break;
      case Word::connector: to_lower(buf, prev, last, connector); break;
      case Word::punct: break;
      default: {
        if (c.type != Word::number) {
          if (c.type != Word::connector && c.type != Word::punct) append_rune(buf, connector);
          break;
        }
        if (c.rest.empty()) break;
        std::string_view number = c.word;
        c = next_word(c.rest);
        if (c.type != Word::alphabet) {
          to_lower(buf, Word::number, number, connector);
          if (c.type != Word::connector && c.type != Word::punct) append_rune(buf, connector);
          break;
        }
        append_rune(buf, connector);
        to_lower(buf, Word::number, number, connector);
        while (c.type == Word::alphabet || c.type == Word::number) {
          to_lower(buf, c.type, c.word, connector);
          c = next_word(c.rest);
        }
        if (c.type != Word::invalid && c.type != Word::connector && c.type != Word::punct) {
          append_rune(buf, connector);
        }
      }
    }
  }
  to_lower(buf, c.type, c.word, connector);
  return buf;
}

}  // namespace gitops::render::helm
