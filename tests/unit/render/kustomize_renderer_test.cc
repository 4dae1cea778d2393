// The kustomize renderer against the real `kubectl kustomize`, and with fake binaries for the
// command line, failures and timeouts; remote bases refused before anything runs.
#include "render/kustomize_renderer.h"

#include <signal.h>

#include <filesystem>
#include <regex>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "core/yaml.h"
#include "render/local_tree.h"
#include "render/remote_bases.h"
#include "tests/support/process.h"

namespace gitops::render {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_base_deployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
)";

constexpr const char* k_base_service = R"(apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
)";

class KustomizeTest : public ::testing::Test {
 protected:
  void write_overlay() {
    m_dir.write("base/deployment.yaml", k_base_deployment);
    m_dir.write("base/service.yaml", k_base_service);
    m_dir.write("base/kustomization.yaml", "resources:\n- deployment.yaml\n- service.yaml\n");
    m_dir.write("overlays/prod/kustomization.yaml", R"(resources:
- ../../base
namePrefix: prod-
namespace: shop
images:
- name: nginx
  newName: registry.example.com/nginx
  newTag: "1.27"
patches:
- path: replicas.yaml
- target:
    kind: Service
    name: web
  patch: |-
    - op: replace
      path: /spec/ports/0/port
      value: 8080
configMapGenerator:
- name: settings
  literals:
  - mode=prod
  - level=info
secretGenerator:
- name: credentials
  literals:
  - password=hunter2
)");
    m_dir.write("overlays/prod/replicas.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
)");
  }
  core::Result<Rendered> render_at(const std::string& path, KustomizeOptions kustomize = {}) {
    auto tree = LocalTree::open(m_dir.path());
    EXPECT_TRUE(tree.ok());
    return render_kustomize(*tree, SourceOptions{.type = SourceType::kustomize,
                                                 .path = path,
                                                 .kustomize = std::move(kustomize)});
  }
  std::string dir(const std::string& path) { return (fs::canonical(m_dir.path()) / path).string(); }
  // Writes an executable shell script `name` into the temp folder; returns its path.
  std::string script(const std::string& name, const std::string& body) {
    fs::path file = m_dir.write("bin/" + name, "#!/bin/sh\n" + body);
    fs::permissions(file, fs::perms::owner_all);
    return file.string();
  }
  testing::TempDir m_dir;
};

TEST_F(KustomizeTest, OutputEqualsKubectlKustomize) {
  write_overlay();
  auto expected = testing::run({"kubectl", "kustomize", dir("overlays/prod")});
  ASSERT_EQ(expected.exit_code, 0) << expected.err;
  auto rendered = render_at("overlays/prod");
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(rendered->type, SourceType::kustomize);
  EXPECT_EQ(rendered->raw, expected.out);
  auto objects = core::read_objects(expected.out, "x");
  ASSERT_TRUE(objects.ok());
  ASSERT_EQ(rendered->objects.size(), objects->size());
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < objects->size(); ++i) {
    EXPECT_EQ(rendered->objects[i].body, (*objects)[i].body);
    EXPECT_EQ(rendered->objects[i].origin.file, "kustomize output of overlays/prod");
    keys.push_back(rendered->objects[i].key().to_string());
  }
  // The overlay's features really took effect (so the comparison is not of two empty outputs).
  ASSERT_EQ(keys.size(), 4u);
  const core::Json* deployment = nullptr;
  const core::Json* service = nullptr;
  for (const core::Object& object : rendered->objects) {
    if (object.kind() == "Deployment") deployment = &object.body;
    if (object.kind() == "Service") service = &object.body;
    EXPECT_EQ(object.namespace_(), "shop");
    EXPECT_TRUE(object.name().starts_with("prod-")) << object.name();
  }
  ASSERT_NE(deployment, nullptr);
  ASSERT_NE(service, nullptr);
  EXPECT_EQ((*deployment)["spec"]["replicas"], 3);
  EXPECT_EQ((*deployment)["spec"]["template"]["spec"]["containers"][0]["image"],
            "registry.example.com/nginx:1.27");
  EXPECT_EQ((*service)["spec"]["ports"][0]["port"], 8080);
}

TEST_F(KustomizeTest, FailureCarriesKustomizeStderrLineByLine) {
  m_dir.write("app/kustomization.yaml", "resources:\n- missing.yaml\n");
  auto direct = testing::run({"kubectl", "kustomize", dir("app")});
  ASSERT_NE(direct.exit_code, 0);
  std::string expected;
  std::size_t start = 0;
  while (start < direct.err.size()) {
    std::size_t end = direct.err.find('\n', start);
    if (end == std::string::npos) end = direct.err.size();
    std::string line = direct.err.substr(start, end - start);
    if (!line.empty()) {
      expected += (expected.empty() ? "" : "\n") + ("running kubectl kustomize " + dir("app") +
                                                    ": " + line);
    }
    start = end + 1;
  }
  auto rendered = render_at("app");
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  // kubectl's log header (time and pid) differs from run to run.
  std::regex klog_header(R"(: E\d{4} [\d:.]+ +\d+ )");
  EXPECT_EQ(std::regex_replace(rendered.error().message, klog_header, ": E "),
            std::regex_replace(expected, klog_header, ": E "));
  EXPECT_NE(expected.find("missing.yaml"), std::string::npos) << expected;
}

TEST_F(KustomizeTest, LoadRestrictorKeepsFilesInsideTheKustomizationRoot) {
  m_dir.write("shared/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
  m_dir.write("app/kustomization.yaml", "resources:\n- ../shared/cm.yaml\n");
  auto rendered = render_at("app");
  ASSERT_FALSE(rendered.ok());
  EXPECT_NE(rendered.error().message.find("security; file"), std::string::npos)
      << rendered.error().message;
}

TEST_F(KustomizeTest, KustomizeBinaryRunsBuildWithoutExtraFlags) {
  std::string args_file = (m_dir.path() / "args.txt").string();
  std::string binary = script("kustomize", "echo \"$@\" > " + args_file +
                                               "\necho 'apiVersion: v1'\necho 'kind: ConfigMap'\n"
                                               "echo 'metadata: {name: fake}'\n");
  m_dir.write("app/kustomization.yaml", "resources: []\n");
  auto rendered = render_at("app", KustomizeOptions{.binary = binary});
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  ASSERT_EQ(rendered->objects.size(), 1u);
  EXPECT_EQ(rendered->objects[0].name(), "fake");
  std::ifstream args(args_file);
  std::string line;
  std::getline(args, line);
  EXPECT_EQ(line, "build " + dir("app"));
  EXPECT_EQ(kustomize_command(KustomizeOptions{}, "/x"),
            (std::vector<std::string>{"kubectl", "kustomize", "/x"}));
  EXPECT_EQ(kustomize_command(KustomizeOptions{.binary = "/opt/bin/kubectl"}, "/x"),
            (std::vector<std::string>{"/opt/bin/kubectl", "kustomize", "/x"}));
}

TEST_F(KustomizeTest, FailingBinaryWithoutStderrReportsItsStatus) {
  std::string quiet = script("quiet", "exit 4\n");
  std::string noisy = script("noisy", "echo 'Error: first' >&2\necho >&2\necho '  second' >&2\nexit 1\n");
  m_dir.write("app/kustomization.yaml", "resources: []\n");
  auto rendered = render_at("app", KustomizeOptions{.binary = quiet});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().message,
            "running " + quiet + " build " + dir("app") + ": exited with status 4");
  rendered = render_at("app", KustomizeOptions{.binary = noisy});
  ASSERT_FALSE(rendered.ok());
  std::string prefix = "running " + noisy + " build " + dir("app") + ": ";
  EXPECT_EQ(rendered.error().message, prefix + "Error: first\n" + prefix + "  second");
}

TEST_F(KustomizeTest, MissingBinaryCannotStart) {
  m_dir.write("app/kustomization.yaml", "resources: []\n");
  std::string binary = (m_dir.path() / "no-such-kustomize").string();
  auto rendered = render_at("app", KustomizeOptions{.binary = binary});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_EQ(rendered.error().message, "running " + binary + " build " + dir("app") +
                                          ": cannot start " + binary + ": No such file or directory");
}

bool process_gone(pid_t pid) {
  // A killed child may linger as a zombie until its new parent reaps it; that counts as gone.
  for (int i = 0; i < 500; ++i) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string content;
    if (!std::getline(stat, content)) return true;
    auto close = content.rfind(')');
    if (close != std::string::npos && content.size() > close + 2 && content[close + 2] == 'Z') {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

TEST_F(KustomizeTest, TimeoutKillsTheWholeProcessGroup) {
  std::string pid_file = (m_dir.path() / "child.pid").string();
  std::string binary = script("slow", "sleep 1000 &\necho $! > " + pid_file + "\nwait\n");
  m_dir.write("app/kustomization.yaml", "resources: []\n");
  auto rendered =
      render_at("app", KustomizeOptions{.binary = binary, .timeout = std::chrono::milliseconds(300)});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_EQ(rendered.error().message, "running " + binary + " build " + dir("app") +
                                          ": timed out after 300ms (its process group was killed)");
  std::ifstream pid_in(pid_file);
  pid_t child = 0;
  ASSERT_TRUE(pid_in >> child);
  EXPECT_TRUE(process_gone(child));
}

TEST_F(KustomizeTest, RemoteBasesAreRefusedBeforeRunning) {
  std::string ran_file = (m_dir.path() / "ran").string();
  std::string binary = script("kustomize", "touch " + ran_file + "\n");
  m_dir.write("base/kustomization.yaml", "resources: []\n");
  m_dir.write("apps/web/kustomization.yaml", R"(resources:
- ../../base
- github.com/example/shop//deploy?ref=v1.0.0
- https://raw.example.com/x.yaml
bases:
- git@github.com:example/shop.git
components:
- git::https://example.com/c.git
)");
  m_dir.write("other/kustomization.yml", "resources:\n- gitlab.example.org/team/repo/base\n");
  auto rendered = render_at("apps/web", KustomizeOptions{.binary = binary});
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  const std::string tail = "\" is a remote base; remote bases are refused unless --allow-remote-bases";
  EXPECT_EQ(rendered.error().message,
            "apps/web/kustomization.yaml: resources entry \"github.com/example/shop//deploy?ref=v1.0.0" + tail + "\n" +
            "apps/web/kustomization.yaml: resources entry \"https://raw.example.com/x.yaml" + tail + "\n" +
            "apps/web/kustomization.yaml: bases entry \"git@github.com:example/shop.git" + tail + "\n" +
            "apps/web/kustomization.yaml: components entry \"git::https://example.com/c.git" + tail + "\n" +
            "other/kustomization.yml: resources entry \"gitlab.example.org/team/repo/base" + tail);
  EXPECT_FALSE(fs::exists(ran_file));

  auto allowed = render_at("apps/web", KustomizeOptions{.binary = binary, .allow_remote_bases = true});
  ASSERT_TRUE(allowed.ok()) << allowed.error().message;
  EXPECT_TRUE(fs::exists(ran_file));
}

TEST_F(KustomizeTest, HostLikeLocalFoldersAreNotRemote) {
  m_dir.write("app/config.example.com/cm.yaml",
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
  m_dir.write("app/config.example.com/kustomization.yaml", "resources:\n- cm.yaml\n");
  m_dir.write("app/kustomization.yaml", "resources:\n- config.example.com/\n");
  auto rendered = render_at("app");
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  ASSERT_EQ(rendered->objects.size(), 1u);
}

TEST(RemoteEntryTest, ClassifiesEntries) {
  for (const char* remote : {"github.com/org/repo", "https://example.com/a.yaml",
                             "ssh://git@host/repo.git", "git@github.com:org/repo.git",
                             "git::https://x/y", "bitbucket.org/team/repo//path?ref=main"}) {
    EXPECT_TRUE(is_remote_entry(remote)) << remote;
  }
  for (const char* local : {"../base", "deployment.yaml", "./overlays/prod", "config.d/x.yaml",
                            "base", "a.b/", ".hidden/x.yaml"}) {
    EXPECT_FALSE(is_remote_entry(local)) << local;
  }
}

TEST_F(KustomizeTest, InvalidKustomizationFileIsReportedByTheRemoteCheck) {
  m_dir.write("app/kustomization.yaml", "resources: [a\n");
  auto rendered = render_at("app");
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().kind, core::ErrorKind::source);
  EXPECT_TRUE(rendered.error().message.starts_with("app/kustomization.yaml:"))
      << rendered.error().message;
}

}  // namespace
}  // namespace gitops::render
