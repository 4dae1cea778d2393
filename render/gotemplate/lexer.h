// Lexer: splits template text into Go text/template tokens (Go 1.19's lex.go rules): text,
// `{{`/`}}` with `{{- `/` -}}` trim markers that eat adjacent spaces, tabs, CRs and newlines,
// comments, and the words of actions. A lexical error ends the list with a Tok::error token.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gitops::render::gotemplate {

enum class Tok : std::uint8_t {
  error,          // value is the message
  boolean,        // true, false
  character,      // a printable ASCII character such as ',' (Go's itemChar)
  char_constant,  // 'a'
  complex,        // 1+2i
  assign,         // =
  declare,        // :=
  eof,
  field,        // .Name
  identifier,   // name (a function)
  left_delim,   // {{
  left_paren,   // (
  number,       // 12, 0x1F, 1.5e3
  pipe,         // |
  raw_string,   // `...` (quotes included)
  right_delim,  // }}
  right_paren,  // )
  space,        // a run of spaces, tabs and newlines inside an action
  string,       // "..." (quotes included)
  text,         // text outside actions
  variable,     // $, $x
  comment,      // /* ... */ (delimiters included)
  // Keywords (printed as <word> in errors); keep `dot` first.
  dot,
  block,
  break_,
  continue_,
  define,
  else_,
  end,
  if_,
  nil,
  range,
  template_,
  with,
};

struct Token {
  Tok type = Tok::eof;
  std::uint32_t pos = 0;   // byte offset of the token in the input
  std::uint32_t line = 1;  // 1-based line of the token start
  std::string_view value;  // slice of the input (empty for Tok::error)
};

// Go's item.String() for a non-error token: EOF, <keyword>, or the quoted (maybe cut) value.
std::string describe(const Token& token);

// The tokens of one input; the last is Tok::eof, or Tok::error with its message in `error`.
struct Lexed {
  std::vector<Token> tokens;
  std::string error;
};

// Lexes `input`; token values point into `input`, which must outlive them.
Lexed lex(std::string_view input);

}  // namespace gitops::render::gotemplate
