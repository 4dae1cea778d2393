// The lexer as a small state machine over the input, one method per Go lex state. Tokens are
// produced eagerly into a vector; the parser backs up by moving an index.
#include "render/gotemplate/lexer.h"

#include <cstdio>

#include "render/gotemplate/strconv.h"

namespace gitops::render::gotemplate {
namespace {

constexpr std::string_view k_left_delim = "{{";
constexpr std::string_view k_right_delim = "}}";
constexpr std::string_view k_left_comment = "/*";
constexpr std::string_view k_right_comment = "*/";
constexpr std::size_t k_trim_marker_len = 2;  // "- " or " -"
constexpr int k_eof = -1;

bool is_space(int r) { return r == ' ' || r == '\t' || r == '\r' || r == '\n'; }
bool is_alnum(int r) {
  return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') ||
         r >= 0x80;
}
bool has_left_trim_marker(std::string_view s) {
  return s.size() >= 2 && s[0] == '-' && is_space(static_cast<unsigned char>(s[1]));
}
bool has_right_trim_marker(std::string_view s) {
  return s.size() >= 2 && is_space(static_cast<unsigned char>(s[0])) && s[1] == '-';
}
std::size_t right_trim_length(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && is_space(static_cast<unsigned char>(s[s.size() - 1 - n]))) ++n;
  return n;
}
std::size_t left_trim_length(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && is_space(static_cast<unsigned char>(s[n]))) ++n;
  return n;
}

Tok keyword(std::string_view word) {
  static constexpr std::pair<std::string_view, Tok> k_words[] = {
      {"block", Tok::block},   {"break", Tok::break_},   {"continue", Tok::continue_},
      {"define", Tok::define}, {"else", Tok::else_},     {"end", Tok::end},
      {"if", Tok::if_},        {"nil", Tok::nil},        {"range", Tok::range},
      {"template", Tok::template_}, {"with", Tok::with},
  };
  for (const auto& [w, t] : k_words) {
    if (w == word) return t;
  }
  return Tok::eof;
}

class Lexer {
 public:
  explicit Lexer(std::string_view input) : m_in(input) {}

  Lexed run() {
    using State = bool (Lexer::*)();
    State state = &Lexer::lex_text;
    while (true) {
      bool more = (this->*state)();
      if (!more) break;
      state = m_next;
    }
    return std::move(m_out);
  }

 private:
  // Each state returns false when lexing is over, else sets m_next.
  bool go(bool (Lexer::*next)()) {
    m_next = next;
    return true;
  }

  int next() {
    if (m_pos >= m_in.size()) {
      m_width = 0;
      return k_eof;
    }
    m_width = utf8_width(m_in, m_pos);
    int r = decode_rune(m_in.substr(m_pos, m_width));
    m_pos += m_width;
    return r;
  }
  void backup() { m_pos -= m_width; }
  int peek() {
    int r = next();
    backup();
    return r;
  }
  bool accept(std::string_view valid) {
    int r = next();
    if (r != k_eof && r < 0x80 && valid.find(static_cast<char>(r)) != std::string_view::npos) {
      return true;
    }
    backup();
    return false;
  }
  void accept_run(std::string_view valid) {
    while (accept(valid)) {
    }
  }

  std::uint32_t line_at(std::size_t offset) {
    for (; m_line_pos < offset; ++m_line_pos) {
      if (m_in[m_line_pos] == '\n') ++m_line;
    }
    return m_line;
  }
  void emit(Tok type) {
    m_out.tokens.push_back(Token{type, static_cast<std::uint32_t>(m_start), line_at(m_start),
                                 m_in.substr(m_start, m_pos - m_start)});
    m_start = m_pos;
  }
  void ignore() { m_start = m_pos; }
  bool fail(std::string message) {
    m_out.error = std::move(message);
    m_out.tokens.push_back(
        Token{Tok::error, static_cast<std::uint32_t>(m_start), line_at(m_start), {}});
    return false;
  }
  std::string rest() const { return std::string(m_in.substr(m_pos)); }

  // Right delimiter here, possibly preceded by a trim marker: {is delimiter, trims}.
  std::pair<bool, bool> at_right_delim() const {
    std::string_view s = m_in.substr(m_pos);
    if (has_right_trim_marker(s) && s.substr(k_trim_marker_len).starts_with(k_right_delim)) {
      return {true, true};
    }
    return {s.starts_with(k_right_delim), false};
  }

  bool at_terminator() {
    int r = peek();
    if (is_space(r)) return true;
    switch (r) {
      case k_eof: case '.': case ',': case '|': case ':': case ')': case '(':
        return true;
      default:
        return m_in.substr(m_pos).starts_with(k_right_delim);
    }
  }

  bool lex_text() {
    std::size_t x = m_in.find(k_left_delim, m_pos);
    if (x == std::string_view::npos) {
      m_pos = m_in.size();
      if (m_pos > m_start) emit(Tok::text);
      emit(Tok::eof);
      return false;
    }
    std::size_t trim = 0;
    if (has_left_trim_marker(m_in.substr(x + k_left_delim.size()))) {
      trim = right_trim_length(m_in.substr(m_start, x - m_start));
    }
    m_pos = x - trim;
    if (m_pos > m_start) emit(Tok::text);
    m_pos = x;
    ignore();
    return go(&Lexer::lex_left_delim);
  }

  bool lex_left_delim() {
    m_pos += k_left_delim.size();
    bool trim = has_left_trim_marker(m_in.substr(m_pos));
    std::size_t after = trim ? k_trim_marker_len : 0;
    if (m_in.substr(m_pos + after).starts_with(k_left_comment)) {
      m_pos += after;
      ignore();
      return go(&Lexer::lex_comment);
    }
    emit(Tok::left_delim);
    m_pos += after;
    ignore();
    m_paren_depth = 0;
    return go(&Lexer::lex_inside_action);
  }

  bool lex_comment() {
    m_pos += k_left_comment.size();
    std::size_t x = m_in.find(k_right_comment, m_pos);
    if (x == std::string_view::npos) return fail("unclosed comment");
    m_pos = x + k_right_comment.size();
    auto [delim, trim] = at_right_delim();
    if (!delim) return fail("comment ends before closing delimiter");
    emit(Tok::comment);
    if (trim) m_pos += k_trim_marker_len;
    m_pos += k_right_delim.size();
    if (trim) m_pos += left_trim_length(m_in.substr(m_pos));
    ignore();
    return go(&Lexer::lex_text);
  }

  bool lex_right_delim() {
    bool trim = has_right_trim_marker(m_in.substr(m_pos));
    if (trim) {
      m_pos += k_trim_marker_len;
      ignore();
    }
    m_pos += k_right_delim.size();
    emit(Tok::right_delim);
    if (trim) {
      m_pos += left_trim_length(m_in.substr(m_pos));
      ignore();
    }
    return go(&Lexer::lex_text);
  }

  bool lex_inside_action() {
    if (at_right_delim().first) {
      if (m_paren_depth == 0) return go(&Lexer::lex_right_delim);
      return fail("unclosed left paren");
    }
    int r = next();
    if (r == k_eof) return fail("unclosed action");
    if (is_space(r)) {
      backup();
      return go(&Lexer::lex_space);
    }
    switch (r) {
      case '=': emit(Tok::assign); break;
      case ':':
        if (next() != '=') return fail("expected :=");
        emit(Tok::declare);
        break;
      case '|': emit(Tok::pipe); break;
      case '"': return go(&Lexer::lex_quote);
      case '`': return go(&Lexer::lex_raw_quote);
      case '$': return go(&Lexer::lex_variable);
      case '\'': return go(&Lexer::lex_char);
      case '(':
        emit(Tok::left_paren);
        ++m_paren_depth;
        break;
      case ')':
        emit(Tok::right_paren);
        if (--m_paren_depth < 0) return fail("unexpected right paren " + format_unicode(r));
        break;
      default: return lex_other(r);
    }
    return go(&Lexer::lex_inside_action);
  }

  bool lex_other(int r) {
    if (r == '.' && m_pos < m_in.size() && (m_in[m_pos] < '0' || m_in[m_pos] > '9')) {
      return go(&Lexer::lex_field);
    }
    if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
      backup();
      return go(&Lexer::lex_number);
    }
    if (is_alnum(r)) {
      backup();
      return go(&Lexer::lex_identifier);
    }
    if (r < 0x80 && r >= 0x20 && r != 0x7f) {
      emit(Tok::character);
      return go(&Lexer::lex_inside_action);
    }
    return fail("unrecognized character in action: " + format_unicode(r));
  }

  bool lex_space() {
    int spaces = 0;
    while (is_space(peek())) {
      next();
      ++spaces;
    }
    if (has_right_trim_marker(m_in.substr(m_pos - 1)) &&
        m_in.substr(m_pos - 1 + k_trim_marker_len).starts_with(k_right_delim)) {
      backup();
      if (spaces == 1) return go(&Lexer::lex_right_delim);
    }
    emit(Tok::space);
    return go(&Lexer::lex_inside_action);
  }

  bool lex_identifier() {
    int r;
    while (is_alnum(r = next())) {
    }
    backup();
    std::string_view word = m_in.substr(m_start, m_pos - m_start);
    if (!at_terminator()) return fail("bad character " + format_unicode(r));
    if (Tok k = keyword(word); k != Tok::eof) {
      emit(k);
    } else if (word == "true" || word == "false") {
      emit(Tok::boolean);
    } else {
      emit(Tok::identifier);
    }
    return go(&Lexer::lex_inside_action);
  }

  bool lex_field() { return lex_field_or_variable(Tok::field); }

  bool lex_variable() {
    if (at_terminator()) {
      emit(Tok::variable);
      return go(&Lexer::lex_inside_action);
    }
    return lex_field_or_variable(Tok::variable);
  }

  bool lex_field_or_variable(Tok type) {
    if (at_terminator()) {
      emit(type == Tok::variable ? Tok::variable : Tok::dot);
      return go(&Lexer::lex_inside_action);
    }
    int r;
    while (is_alnum(r = next())) {
    }
    backup();
    if (!at_terminator()) return fail("bad character " + format_unicode(r));
    emit(type);
    return go(&Lexer::lex_inside_action);
  }

  bool lex_char() { return lex_quoted('\'', Tok::char_constant, "unterminated character constant"); }
  bool lex_quote() { return lex_quoted('"', Tok::string, "unterminated quoted string"); }

  bool lex_quoted(int quote, Tok type, const char* error) {
    while (true) {
      int r = next();
      if (r == '\\') {
        r = next();
        if (r != k_eof && r != '\n') continue;
      }
      if (r == k_eof || r == '\n') return fail(error);
      if (r == quote) break;
    }
    emit(type);
    return go(&Lexer::lex_inside_action);
  }

  bool lex_raw_quote() {
    std::size_t x = m_in.find('`', m_pos);
    if (x == std::string_view::npos) return fail("unterminated raw quoted string");
    m_pos = x + 1;
    emit(Tok::raw_string);
    return go(&Lexer::lex_inside_action);
  }

  bool lex_number() {
    if (!scan_number()) return fail("bad number syntax: " + quote(m_in.substr(m_start, m_pos - m_start)));
    int sign = peek();
    if (sign == '+' || sign == '-') {
      if (!scan_number() || m_in[m_pos - 1] != 'i') {
        return fail("bad number syntax: " + quote(m_in.substr(m_start, m_pos - m_start)));
      }
      emit(Tok::complex);
    } else {
      emit(Tok::number);
    }
    return go(&Lexer::lex_inside_action);
  }

  bool scan_number() {
    accept("+-");
    std::string_view digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    accept_run(digits);
    if (accept(".")) accept_run(digits);
    if (digits.size() == 11 && accept("eE")) {
      accept("+-");
      accept_run("0123456789_");
    }
    if (digits.size() == 23 && accept("pP")) {
      accept("+-");
      accept_run("0123456789_");
    }
    accept("i");
    if (is_alnum(peek())) {
      next();
      return false;
    }
    return true;
  }

  std::string_view m_in;
  std::size_t m_pos = 0;
  std::size_t m_start = 0;
  std::size_t m_width = 0;
  std::size_t m_line_pos = 0;
  std::uint32_t m_line = 1;
  int m_paren_depth = 0;
  bool (Lexer::*m_next)() = nullptr;
  Lexed m_out;
};

}  // namespace

std::string describe(const Token& token) {
  if (token.type == Tok::eof) return "EOF";
  if (token.type >= Tok::dot) return "<" + std::string(token.value) + ">";
  if (utf8_count(token.value) > 10) return quote(utf8_prefix(token.value, 10)) + "...";
  return quote(token.value);
}

Lexed lex(std::string_view input) { return Lexer(input).run(); }

}  // namespace gitops::render::gotemplate
