// validate_values_schema: gojsonschema-style problems under Helm's header, subcharts included.
#include "render/helm/schema.h"

#include <gtest/gtest.h>

#include "render/helm/values_yaml.h"

namespace gitops::render::helm {
namespace {

std::shared_ptr<Chart> chart(const std::string& name, std::string schema) {
  auto c = std::make_shared<Chart>();
  c->metadata = std::make_shared<Metadata>();
  c->metadata->name = name;
  c->schema = std::move(schema);
  return c;
}

gotemplate::Value yaml(std::string_view text) { return *parse_values_yaml(text); }

TEST(Schema, ValidValuesPass) {
  auto c = chart("app", R"({"type":"object","properties":{"n":{"type":"integer","maximum":5}}})");
  EXPECT_TRUE(validate_values_schema(*c, yaml("n: 3\n")).ok());
}

TEST(Schema, ProblemsAreListedPerChart) {
  auto c = chart("app", R"({"required":["name"],"additionalProperties":false,
    "properties":{"size":{"enum":["s","l"]},"count":{"type":"integer","minimum":1}}})");
  c->set_dependencies({chart("sub", R"({"properties":{"port":{"type":"integer"}}})")});
  auto st = validate_values_schema(*c, yaml("size: m\ncount: 0\nextra: 1\nsub: {port: x}\n"));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message,
            "values don't meet the specifications of the schema(s) in the following chart(s):\n"
            "app:\n"
            "- (root): name is required\n"
            "- count: Must be greater than or equal to 1\n"
            "- (root): Additional property extra is not allowed\n"
            "- size: size must be one of the following: \"s\", \"l\"\n"
            "- (root): Additional property sub is not allowed\n"
            "sub:\n"
            "- port: Invalid type. Expected: integer, given: string\n");
}

}  // namespace
}  // namespace gitops::render::helm
