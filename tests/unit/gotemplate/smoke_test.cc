// Smoke tests: the whole path from text to output.
#include <gtest/gtest.h>

#include "tests/unit/gotemplate/render_helper.h"

namespace gitops::render::gotemplate::testing {
namespace {

TEST(Smoke, TextAndFields) {
  EXPECT_EQ(render("hello {{ .name }}!", dict({{"name", str("world")}})), "hello world!");
  EXPECT_EQ(render("{{ .a.b }}", dict({{"a", dict({{"b", num(1000000)}})}})), "1e+06");
  EXPECT_EQ(render("{{ .missing }}", dict({})), "<no value>");
}

}  // namespace
}  // namespace gitops::render::gotemplate::testing
