// read_objects and validate_objects: documents to objects with origins, List flattening, and every
// validation problem reported on its own line.
#include <gtest/gtest.h>

#include "core/yaml.h"

namespace gitops::core {
namespace {

Objects read(std::string_view yaml, std::string_view file = "app.yaml") {
  auto objects = read_objects(yaml, file);
  EXPECT_TRUE(objects.ok()) << objects.error().message;
  return objects.ok() ? std::move(*objects) : Objects{};
}

std::string validation(const Objects& objects) {
  auto status = validate_objects(objects);
  if (status.ok()) return "ok";
  EXPECT_EQ(status.error().kind, ErrorKind::source);
  return status.error().message;
}

TEST(ReadObjects, SkipsEmptyDocumentsAndKeepsOrigins) {
  Objects objects = read(
      "---\n# nothing\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\n"
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n");
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[0].key().to_string(), "v1 ConfigMap a");
  EXPECT_EQ(objects[0].origin.to_string(), "app.yaml:4:1");
  EXPECT_EQ(objects[1].key().to_string(), "v1 Secret b");
  EXPECT_EQ(objects[1].origin.to_string(), "app.yaml:10:1");
}

TEST(ReadObjects, FlattensListsWithItemOrigins) {
  Objects objects = read(
      "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n"
      "    name: a\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n");
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[0].name(), "a");
  EXPECT_EQ(objects[0].origin.to_string(), "app.yaml:4:3");
  EXPECT_EQ(objects[1].name(), "b");
  EXPECT_EQ(objects[1].origin.to_string(), "app.yaml:8:3");
}

TEST(ReadObjects, FlattensTypedListsAndEmptyLists) {
  Objects objects = read(
      R"({"apiVersion":"v1","kind":"ConfigMapList","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}]})"
      "\n---\napiVersion: v1\nkind: List\nitems: []\n---\napiVersion: v1\nkind: List\nitems:\n");
  ASSERT_EQ(objects.size(), 1u);
  EXPECT_EQ(objects[0].name(), "x");
  EXPECT_EQ(objects[0].origin.to_string(), "app.yaml:1:52");
}

TEST(ReadObjects, KindEndingInListWithoutItemsIsAnObject) {
  Objects objects = read("apiVersion: x.io/v1\nkind: AllowList\nmetadata:\n  name: a\nspec: {}\n");
  ASSERT_EQ(objects.size(), 1u);
  EXPECT_EQ(objects[0].kind(), "AllowList");
}

TEST(ReadObjects, DocumentsThatAreNotMapsAreErrors) {
  auto result = read_objects("- a\n---\nplain\n---\napiVersion: v1\nkind: List\nitems: [1]\n",
                             "app.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::source);
  EXPECT_EQ(result.error().message,
            "app.yaml:1:1: document is a list, not a Kubernetes object (a map)\n"
            "app.yaml:3:1: document is a string, not a Kubernetes object (a map)\n"
            "app.yaml:7:9: item 0 of the List is a number, not an object");
}

TEST(ReadObjects, ParseErrorsPassThrough) {
  auto result = read_objects("a: [\n", "bad.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "bad.yaml:2:1: end of sequence flow not found");
}

TEST(ValidateObjects, AcceptsWellFormedObjects) {
  EXPECT_EQ(validation(read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n"
                            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: b\n")),
            "ok");
  EXPECT_EQ(validation({}), "ok");
}

TEST(ValidateObjects, ReportsEveryMissingOrMistypedField) {
  Objects objects = read(
      "kind: ConfigMap\nmetadata:\n  name: a\n---\n"
      "apiVersion: 1\nkind: ConfigMap\nmetadata: {name: b}\n---\n"
      "apiVersion: v1\nmetadata:\n  name: c\n---\n"
      "apiVersion: v1\nkind: ConfigMap\n---\n"
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x]\n---\n"
      "apiVersion: v1\nkind: ConfigMap\nmetadata: x\n---\n"
      "apiVersion: \"\"\nkind: true\nmetadata:\n  name: \"\"\n");
  EXPECT_EQ(validation(objects),
            "app.yaml:1:1: missing apiVersion\n"
            "app.yaml:5:1: apiVersion is a number, not a string\n"
            "app.yaml:9:1: missing kind\n"
            "app.yaml:13:1: missing metadata.name\n"
            "app.yaml:16:1: metadata.name is a list, not a string\n"
            "app.yaml:21:1: metadata is a string, not a map\n"
            "app.yaml:25:1: missing apiVersion\n"
            "app.yaml:25:1: kind is a boolean, not a string\n"
            "app.yaml:25:1: missing metadata.name");
}

TEST(ValidateObjects, ReportsDuplicatesWithBothOrigins) {
  Objects objects = read("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n",
                         "a.yaml");
  Objects more = read(
      "apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n---\n"
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: other}\n---\n"
      "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n",
      "b.yaml");
  objects.insert(objects.end(), more.begin(), more.end());
  EXPECT_EQ(validation(objects),
            "b.yaml:1:1: duplicate object apps/v1beta1 Deployment shop/web (also defined at "
            "a.yaml:1:1)");
}

TEST(ValidateObjects, ObjectThatIsNotAMap) {
  Objects objects = {Object{Json::array(), Origin{"x.yaml", 2, 1}}};
  EXPECT_EQ(validation(objects), "x.yaml:2:1: object is a list, not a map");
}

}  // namespace
}  // namespace gitops::core
