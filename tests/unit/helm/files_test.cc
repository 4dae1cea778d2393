// The .Files object (Glob patterns, Lines, AsConfig) and the .Capabilities helpers.
#include "render/helm/files.h"

#include <gtest/gtest.h>

#include "render/helm/capabilities.h"
#include "render/helm/helm_funcs.h"

namespace gitops::render::helm {
namespace {

bool glob(std::string_view pattern, std::string_view name) {
  auto m = glob_match(pattern, name);
  EXPECT_TRUE(m.ok());
  return m.ok() && *m;
}

TEST(FilesGlob, GobwasPatterns) {
  EXPECT_TRUE(glob("files/*.conf", "files/a.conf"));
  EXPECT_FALSE(glob("files/*.conf", "files/sub/a.conf"));
  EXPECT_TRUE(glob("files/**", "files/sub/a.conf"));
  EXPECT_TRUE(glob("{a,b}/x?", "b/x1"));
  EXPECT_TRUE(glob("[!a]*", "b"));
  EXPECT_FALSE(glob("[!a]*", "a"));
  EXPECT_FALSE(glob_match("{a,b", "a").ok());
}

TEST(FilesObject, GlobLinesAndAsConfig) {
  std::string seen;
  FilesObject files({{"cfg/a.conf", "alpha\n"}, {"cfg/b.conf", "beta"}, {"other.txt", "x"}},
                    [&](const gotemplate::Value& v) {
                      for (const auto& [k, x] : v.as_map()) seen += k + "=" + x.as_string() + ";";
                      return std::string("yaml");
                    });
  auto matched = files.glob("cfg/*");
  EXPECT_EQ(matched->as_config(), "yaml");
  EXPECT_EQ(seen, "a.conf=alpha\n;b.conf=beta;");
  seen.clear();
  EXPECT_EQ(matched->as_secrets(), "yaml");
  EXPECT_EQ(seen, "a.conf=YWxwaGEK;b.conf=YmV0YQ==;");
  EXPECT_EQ(files.lines("cfg/a.conf"), (std::vector<std::string>{"alpha", ""}));
  EXPECT_TRUE(files.lines("missing").empty());
  EXPECT_EQ(files.glob("[")->format(), files.format());
  EXPECT_EQ(files.glob("other.txt")->format(), "map[other.txt:[120]]");
}

TEST(Capabilities, KubeVersionParsing) {
  auto v = parse_kube_version("v1.22");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->version, "v1.22.0");
  EXPECT_EQ(v->major, "1");
  EXPECT_EQ(v->minor, "22");
  EXPECT_EQ(parse_kube_version("1.25.3-gke.100")->version, "v1.25.3-gke.100");
  auto bad = parse_kube_version("not-a-version");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(bad.error().message, "invalid kube version 'not-a-version': Invalid Semantic Version");
  EXPECT_EQ(default_api_versions().size(), 45u);
}

TEST(HelmFuncs, ErrorCleanup) {
  core::Error parse{core::ErrorKind::source, "template: c/templates/t.yaml:3: function \"x\" not defined"};
  EXPECT_EQ(cleanup_parse_error("c/templates/t.yaml", parse).message,
            "parse error at (c/templates/t.yaml:3): function \"x\" not defined");
  core::Error exec{core::ErrorKind::source,
                   "template: c/templates/t.yaml:1:3: executing \"c/templates/t.yaml\" at <required "
                   "\"m\" .x>: error calling required: HELM_ERR_STARTneed xHELM_ERR_END"};
  EXPECT_EQ(cleanup_exec_error("c/templates/t.yaml", exec).message,
            "execution error at (c/templates/t.yaml:1:3): need x");
  core::Error other{core::ErrorKind::source, "template: t:1:1: executing \"t\" at <x>: boom"};
  EXPECT_EQ(cleanup_exec_error("t", other).message, other.message);
  EXPECT_EQ(quote_go("a\"b\n\x01"), "\"a\\\"b\\n\\x01\"");
}

}  // namespace
}  // namespace gitops::render::helm
