// Lexing as seen through rendering: trim markers, comments, multi-line actions, lexical errors.
#include "render/gotemplate/lexer.h"

#include <gtest/gtest.h>

#include "tests/unit/gotemplate/render_helper.h"

namespace gitops::render::gotemplate::testing {
namespace {

std::string kinds(std::string_view text) {
  Lexed lexed = lex(text);
  std::string out;
  for (const Token& t : lexed.tokens) {
    if (!out.empty()) out += " ";
    out += t.type == Tok::error ? "error(" + lexed.error + ")" : std::string(t.value);
  }
  return out;
}

TEST(Lexer, SplitsActions) {
  EXPECT_EQ(kinds("a{{ .x.y | f 1 }}b"), "a {{   .x .y   |   f   1   }} b ");
  EXPECT_EQ(kinds("{{$x := 3}}"), "{{ $x   :=   3 }} ");
}

TEST(Lexer, TrimMarkers) {
  EXPECT_EQ(render("a  \n {{- 1 -}} \n\t b"), "a1b");
  EXPECT_EQ(render("a \r\n{{- 1 }}\r\n"), "a1\r\n");
  EXPECT_EQ(render("x\n\n\n{{- /* c */ -}}\n\n\ny"), "xy");
  EXPECT_EQ(render("{{-1}}"), "-1");  // no space: a negative number, not a trim marker
  EXPECT_EQ(render("{{ 3 -}}  x"), "3x");
}

TEST(Lexer, Comments) {
  EXPECT_EQ(render("a{{/* one\ntwo */}}b"), "ab");
  EXPECT_EQ(render("a{{/* x */ }}b"), "ERROR: template: t.yaml:1: comment ends before closing delimiter");
  EXPECT_EQ(render("a{{/* x"), "ERROR: template: t.yaml:1: unclosed comment");
}

TEST(Lexer, MultiLineActions) {
  EXPECT_EQ(render("{{ print\n  1\n  2 }}"), "1 2");
  EXPECT_EQ(render("{{ if\ntrue\n}}y{{ end }}"), "y");
}

TEST(Lexer, Errors) {
  EXPECT_EQ(render("a {{ .x "), "ERROR: template: t.yaml:1: unclosed action");
  EXPECT_EQ(render("a {{ .x\n\n"), "ERROR: template: t.yaml:3: unclosed action started at t.yaml:1");
  EXPECT_EQ(render("{{ .foo-bar }}"), "ERROR: template: t.yaml:1: bad character U+002D '-'");
  EXPECT_EQ(render("{{ \"abc }}"), "ERROR: template: t.yaml:1: unterminated quoted string");
  EXPECT_EQ(render("{{ `abc }}"), "ERROR: template: t.yaml:1: unterminated raw quoted string");
  EXPECT_EQ(render("{{ 3x }}"), "ERROR: template: t.yaml:1: bad number syntax: \"3x\"");
  EXPECT_EQ(render("{{ (1 }}"), "ERROR: template: t.yaml:1: unclosed left paren");
  EXPECT_EQ(render("{{ 1) }}"), "ERROR: template: t.yaml:1: unexpected \")\" in command");
  EXPECT_EQ(render("{{ $ : 1 }}"), "ERROR: template: t.yaml:1: expected :=");
  EXPECT_EQ(kinds("{{ 1) }}"), "{{   1 ) error(unexpected right paren U+0029 ')')");
}

}  // namespace
}  // namespace gitops::render::gotemplate::testing
