// TemplateSet: one namespace of definitions across files, Go's replacement rules, lookup and
// execution entry errors.
#include "render/gotemplate/template_set.h"

#include <gtest/gtest.h>

namespace gitops::render::gotemplate {
namespace {

TEST(TemplateSet, LastParsedDefinitionWins) {
  TemplateSet set;
  ASSERT_TRUE(set.parse("_b.tpl", "{{ define \"x\" }}B{{ end }}").ok());
  ASSERT_TRUE(set.parse("_a.tpl", "{{ define \"x\" }}A{{ end }}").ok());
  ASSERT_TRUE(set.parse("t", "{{ template \"x\" }}").ok());
  EXPECT_EQ(*set.execute("t", Value()), "A");
}

TEST(TemplateSet, EmptyDefinitionDoesNotReplace) {
  TemplateSet set;
  ASSERT_TRUE(set.parse("one", "{{ define \"x\" }}X{{ end }}").ok());
  ASSERT_TRUE(set.parse("two", "{{ define \"x\" }} \n {{/* nothing */}}{{ end }}").ok());
  ASSERT_TRUE(set.parse("t", "{{ template \"x\" }}").ok());
  EXPECT_EQ(*set.execute("t", Value()), "X");
}

TEST(TemplateSet, ParseErrorAddsNothing) {
  TemplateSet set;
  auto st = set.parse("bad", "{{ define \"x\" }}X{{ end }}{{ if }}");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "template: bad:1: missing value for if");
  EXPECT_EQ(st.error().kind, core::ErrorKind::source);
  EXPECT_EQ(set.find("x"), nullptr);
  EXPECT_TRUE(set.names().empty());
}

TEST(TemplateSet, UnknownTemplate) {
  TemplateSet set(nullptr, ExecOptions{.name = "gotpl"});
  auto out = set.execute("nope", Value());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().message, "template: no template \"nope\" associated with template \"gotpl\"");
}

TEST(TemplateSet, ErrorsNameTheDefinitionAndItsFile) {
  TemplateSet set(nullptr, ExecOptions{.missing_key = MissingKey::zero});
  ASSERT_TRUE(set.parse("_h.tpl", "{{ define \"d\" }}\n  {{ index . 3 }}{{ end }}").ok());
  ASSERT_TRUE(set.parse("t.yaml", "a\n{{ template \"d\" .l }}").ok());
  Value data = Value::map({{"l", Value::list({})}});
  auto out = set.execute("t.yaml", data);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().message,
            "template: _h.tpl:2:5: executing \"d\" at <index . 3>: error calling index: index out of "
            "range: 3");
}

TEST(TemplateSet, NamesAndClone) {
  TemplateSet set;
  ASSERT_TRUE(set.parse("f", "{{ define \"b\" }}{{ end }}{{ block \"a\" . }}{{ end }}").ok());
  EXPECT_EQ(set.names(), (std::vector<std::string>{"a", "b", "f"}));
  TemplateSet copy = set.clone();
  ASSERT_TRUE(copy.parse("g", "G").ok());
  EXPECT_EQ(set.find("g"), nullptr);
  EXPECT_EQ(*copy.execute("g", Value()), "G");
}

TEST(TemplateSet, PartialOutputStaysOnFailure) {
  TemplateSet set;
  ASSERT_TRUE(set.parse("t", "before{{ len 1 }}after").ok());
  std::string out;
  EXPECT_FALSE(set.execute("t", Value(), out).ok());
  EXPECT_EQ(out, "before");
}

}  // namespace
}  // namespace gitops::render::gotemplate

namespace gitops::render::gotemplate {
namespace {

TEST(TemplateSet, CloneIsIndependentBothWays) {
  TemplateSet set;
  ASSERT_TRUE(set.parse("a", "A1").ok());
  TemplateSet copy = set.clone();
  ASSERT_TRUE(copy.parse("a", "A2").ok());
  ASSERT_TRUE(set.parse("b", "B").ok());
  EXPECT_EQ(*set.execute("a", Value()), "A1");
  EXPECT_EQ(*copy.execute("a", Value()), "A2");
  EXPECT_EQ(copy.find("b"), nullptr);
  TemplateSet second = copy.clone();
  EXPECT_EQ(*second.execute("a", Value()), "A2");
  EXPECT_EQ(second.names(), (std::vector<std::string>{"a"}));
}

}  // namespace
}  // namespace gitops::render::gotemplate

namespace gitops::render::gotemplate {
namespace {

TEST(TemplateSet, BlockIsADefinitionLikeAnyOther) {
  TemplateSet later;
  ASSERT_TRUE(later.parse("page", "<{{ block \"body\" . }}default{{ end }}>").ok());
  ASSERT_TRUE(later.parse("override", "{{ define \"body\" }}custom{{ end }}").ok());
  EXPECT_EQ(*later.execute("page", Value()), "<custom>");

  TemplateSet earlier;
  ASSERT_TRUE(earlier.parse("override", "{{ define \"body\" }}custom{{ end }}").ok());
  ASSERT_TRUE(earlier.parse("page", "<{{ block \"body\" . }}default{{ end }}>").ok());
  EXPECT_EQ(*earlier.execute("page", Value()), "<default>");
}

}  // namespace
}  // namespace gitops::render::gotemplate
