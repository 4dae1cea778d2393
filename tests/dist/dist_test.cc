// The release archive as a user gets it (issue 9): it runs from an empty folder with nothing but
// glibc from the system, its krew manifest follows krew's rules, and a krew-style install runs as
// `kubectl gitops` through kubectl's plugin discovery. The `dist_archive` ctest fixture builds it.
#include <fnmatch.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/support/git_repo.h"
#include "tests/support/process.h"

namespace gitops::testing {
namespace {

namespace fs = std::filesystem;

// The build tree's values, unless the environment names another build.
std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}
std::string version() { return env_or("GITOPS_VERSION", GITOPS_VERSION_DEFAULT); }
fs::path dist_dir() { return env_or("GITOPS_DIST_DIR", GITOPS_DIST_DIR_DEFAULT); }
fs::path source_dir() { return required_env("GITOPS_SOURCE_DIR"); }
fs::path archive() { return dist_dir() / ("kubectl-gitops_" + version() + "_linux_amd64.tar.gz"); }

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Extracts the archive into `dir`; fails the test when tar does.
void extract(const fs::path& dir) {
  RunResult r = run({"tar", "-xzf", archive().string(), "-C", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

bool executable(const fs::path& file) { return access(file.c_str(), X_OK) == 0; }

// The glibc libraries a system provides: the only ones the binary may take from it.
bool is_glibc(const std::string& soname) {
  static const std::regex glibc(
      "(linux-vdso\\.so\\.1|ld-linux-x86-64\\.so\\.2|/lib64/ld-linux-x86-64\\.so\\.2|"
      "lib(c|m|pthread|dl|rt|util|resolv|mvec)\\.so\\.[0-9]+)");
  return std::regex_match(soname, glibc);
}

TEST(DistArchive, HoldsTheBinaryLicenseCompletionHelperAndBundledLibraries) {
  ASSERT_TRUE(fs::exists(archive())) << archive() << " is missing; build the `dist` target";
  RunResult r = run({"tar", "-tzf", archive().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> entries;
  for (const std::string& e : lines(r.out)) entries.insert(e);
  EXPECT_TRUE(entries.count("kubectl-gitops")) << r.out;
  EXPECT_TRUE(entries.count("LICENSE")) << r.out;
  EXPECT_TRUE(entries.count("completions/kubectl_complete-gitops")) << r.out;
  for (const std::string& e : entries) {
    EXPECT_TRUE(e == "kubectl-gitops" || e == "LICENSE" || e.starts_with("completions/") ||
                e.starts_with("lib/"))
        << "unexpected archive entry " << e;
  }
  // The .sha256 file is sha256sum's line for the archive.
  RunResult sum = run({"sha256sum", archive().filename().string()}, {.cwd = dist_dir()});
  ASSERT_EQ(sum.exit_code, 0) << sum.err;
  EXPECT_EQ(read(dist_dir() / (archive().filename().string() + ".sha256")), sum.out);
}

TEST(DistArchive, RunsFromAnEmptyFolderWithOnlyGlibcFromTheSystem) {
  TempDir dir;
  extract(dir.path());
  const fs::path binary = dir.path() / "kubectl-gitops";
  ASSERT_TRUE(executable(binary));
  RunResult r = run({binary.string(), "version", "--client"}, {.unset_env = {"LD_LIBRARY_PATH"}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Client Version: " + version() + "\n");
  EXPECT_EQ(r.err, "");

  // Every library comes from glibc or from the archive's lib/, none from the -dev packages.
  RunResult ldd = run({"ldd", binary.string()}, {.unset_env = {"LD_LIBRARY_PATH"}});
  ASSERT_EQ(ldd.exit_code, 0) << ldd.err;
  std::set<std::string> bundled_used;
  const std::regex resolved("\\s*(\\S+) => (\\S+) \\(0x[0-9a-f]+\\)");
  const std::regex direct("\\s*(\\S+) \\(0x[0-9a-f]+\\)");
  for (const std::string& line : lines(ldd.out)) {
    std::smatch m;
    if (std::regex_match(line, m, resolved)) {
      const fs::path where = m[2].str();
      if (is_glibc(m[1])) continue;
      EXPECT_EQ(where.parent_path(), dir.path() / "lib") << line;
      bundled_used.insert(m[1]);
    } else if (std::regex_match(line, m, direct)) {
      EXPECT_TRUE(is_glibc(m[1])) << line;
    } else {
      ADD_FAILURE() << "unexpected ldd line: " << line;
    }
  }
  // Nothing is shipped that is not used, and what is used is shipped.
  std::set<std::string> shipped;
  if (fs::exists(dir.path() / "lib")) {
    for (const auto& e : fs::directory_iterator(dir.path() / "lib"))
      shipped.insert(e.path().filename());
  }
  EXPECT_EQ(shipped, bundled_used);
  // The dependencies Debian ships as complete static libraries are linked in, not shipped.
  for (const char* linked_in : {"libgit2.so.1.5", "libcurl.so.4", "libssl.so.3", "libcrypto.so.3",
                                "libyaml-cpp.so.0.7", "libre2.so.9", "libarchive.so.13"}) {
    EXPECT_FALSE(shipped.count(linked_in)) << linked_in;
  }
}

// The bundled Jsonnet (with its YAML parser and MD5) and the linked-in libgit2 work from the
// archive.
TEST(DistArchive, RendersJsonnetAndGitSources) {
  TempDir dir;
  extract(dir.path());
  GitRepo repo;
  repo.commit({{"app/main.jsonnet",
                "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' },\n"
                "  data: { md5: std.md5('a'), yaml: std.toString(std.parseYaml('a: 1').a) } }\n"}},
              "one");
  RunResult r = run({(dir.path() / "kubectl-gitops").string(), "render", "--repo",
                     repo.path().string(), "--path", "app", "-n", "demo"},
                    {.unset_env = {"LD_LIBRARY_PATH"}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "apiVersion: v1\ndata:\n  md5: 0cc175b9c0f1b6a831c399e269772661\n  yaml: \"1\"\n"
            "kind: ConfigMap\nmetadata:\n  name: x\n  namespace: demo\n");
}

TEST(DistArchive, StatesTheOldestGlibcItNeeds) {
  TempDir dir;
  extract(dir.path());
  std::vector<std::string> args = {"objdump", "-T", (dir.path() / "kubectl-gitops").string()};
  if (fs::exists(dir.path() / "lib")) {
    for (const auto& e : fs::directory_iterator(dir.path() / "lib")) args.push_back(e.path());
  }
  RunResult r = run(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<int> newest = {0, 0};
  std::string newest_text;
  const std::regex symbol("GLIBC_([0-9]+)\\.([0-9]+)(\\.[0-9]+)?");
  for (std::sregex_iterator it(r.out.begin(), r.out.end(), symbol), end; it != end; ++it) {
    std::vector<int> v = {std::stoi((*it)[1]), std::stoi((*it)[2])};
    if (v > newest) {
      newest = v;
      newest_text = (*it)[1].str() + "." + (*it)[2].str();
    }
  }
  ASSERT_FALSE(newest_text.empty());
  EXPECT_EQ(read(dist_dir() / "glibc-minimum.txt"), newest_text + "\n");
  const std::string readme = read(source_dir() / "README.md");
  EXPECT_NE(readme.find("glibc " + newest_text + " or newer"), std::string::npos)
      << "README.md should state the archive needs glibc " << newest_text << " or newer";
}

TEST(KrewManifest, FollowsKrewsRulesAndNamesTheArchive) {
  const fs::path manifest_file = dist_dir() / "gitops.yaml";
  ASSERT_TRUE(fs::exists(manifest_file));
  YAML::Node m = YAML::LoadFile(manifest_file.string());
  EXPECT_EQ(m["apiVersion"].as<std::string>(), "krew.googlecontainertools.github.com/v1alpha2");
  EXPECT_EQ(m["kind"].as<std::string>(), "Plugin");
  EXPECT_EQ(m["metadata"]["name"].as<std::string>(), manifest_file.stem().string());
  const YAML::Node spec = m["spec"];
  const std::string v = spec["version"].as<std::string>();
  EXPECT_EQ(v, version());
  EXPECT_TRUE(std::regex_match(v, std::regex("v(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
                                             "(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?")))
      << v;
  EXPECT_FALSE(spec["shortDescription"].as<std::string>().empty());
  EXPECT_LE(spec["shortDescription"].as<std::string>().size(), 50u);  // krew-index's review rule
  EXPECT_FALSE(spec["description"].as<std::string>().empty());
  EXPECT_NE(spec["caveats"].as<std::string>().find("kubectl_complete-gitops"), std::string::npos);
  EXPECT_TRUE(spec["homepage"].as<std::string>().starts_with("https://"));

  const std::string sha256 =
      lines(read(dist_dir() / (archive().filename().string() + ".sha256")))[0].substr(0, 64);
  TempDir dir;
  extract(dir.path());
  ASSERT_TRUE(spec["platforms"].IsSequence());
  ASSERT_GE(spec["platforms"].size(), 1u);
  for (const YAML::Node& p : spec["platforms"]) {
    ASSERT_TRUE(p["selector"].IsMap());
    EXPECT_EQ(p["selector"]["matchLabels"]["os"].as<std::string>(), "linux");
    EXPECT_EQ(p["selector"]["matchLabels"]["arch"].as<std::string>(), "amd64");
    const std::string uri = p["uri"].as<std::string>();
    EXPECT_TRUE(uri.starts_with("https://")) << uri;
    EXPECT_TRUE(uri.ends_with("/" + version() + "/" + archive().filename().string())) << uri;
    EXPECT_EQ(p["sha256"].as<std::string>(), sha256);
    ASSERT_TRUE(p["files"].IsSequence());
    for (const YAML::Node& f : p["files"]) {
      const std::string from = f["from"].as<std::string>();
      EXPECT_FALSE(f["to"].as<std::string>().empty());
      int matches = 0;
      for (const auto& e : fs::directory_iterator(dir.path())) {
        if (fnmatch(from.c_str(), e.path().filename().c_str(), 0) == 0) ++matches;
      }
      EXPECT_GT(matches, 0) << "files.from " << from << " matches nothing in the archive";
    }
    const std::string bin = p["bin"].as<std::string>();
    EXPECT_TRUE(executable(dir.path() / bin)) << bin;
  }
}

TEST(KrewManifest, GeneratorRejectsWhatKrewWouldReject) {
  RunResult r = run({(source_dir() / "krew/generate-manifest.sh").string(), "--version", "1.0.0",
                     "--uri", "https://example.com/a.tar.gz", "--sha256", std::string(64, 'a')});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "generate-manifest.sh: error: --version \"1.0.0\" is not a semantic version with a "
            "leading v\n");
  r = run({(source_dir() / "krew/generate-manifest.sh").string(), "--version", "v1.0.0", "--uri",
           "https://example.com/a.tar.gz", "--sha256", "abc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "generate-manifest.sh: error: --sha256 \"abc\" is not 64 lowercase hex digits\n");
}

// kubectl's directory, so PATH can hold it without the build tree.
std::string kubectl_dir() {
  RunResult r = run({"sh", "-c", "command -v kubectl"});
  if (r.exit_code != 0) return "";
  return fs::path(lines(r.out).at(0)).parent_path().string();
}

// What `kubectl krew install --manifest=gitops.yaml --archive=...` does: extract into the store,
// apply files (from "*" to "."), link bin into krew's bin folder on PATH.
TEST(KrewInstall, RunsAsKubectlGitopsThroughPluginDiscovery) {
  const std::string kubectl = kubectl_dir();
  ASSERT_FALSE(kubectl.empty()) << "kubectl is not on PATH; scripts/install-deps.sh installs "
                                   "Debian's kubernetes-client";
  TempDir krew_root;
  const fs::path store = krew_root.path() / "store" / "gitops" / version();
  fs::create_directories(store);
  fs::create_directories(krew_root.path() / "bin");
  extract(store);
  fs::create_symlink(store / "kubectl-gitops", krew_root.path() / "bin" / "kubectl-gitops");

  RunOptions options;
  options.env["PATH"] = (krew_root.path() / "bin").string() + ":" + kubectl + ":/usr/bin:/bin";
  options.env["KREW_ROOT"] = krew_root.path().string();
  options.env["HOME"] = krew_root.path().string();
  options.unset_env = {"LD_LIBRARY_PATH", "KUBECONFIG"};
  RunResult r = run({"kubectl", "gitops", "version", "--client"}, options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Client Version: " + version() + "\n");
  r = run({"kubectl", "plugin", "list", "--name-only"}, options);
  EXPECT_NE(r.out.find("kubectl-gitops"), std::string::npos) << r.out << r.err;

  // The README's one manual step for completion, then the helper answers through the plugin.
  r = run({"bash", "-c",
           "ln -sf \"$(dirname \"$(readlink -f \"$(command -v kubectl-gitops)\")\")/completions/"
           "kubectl_complete-gitops\" \"${KREW_ROOT:-$HOME/.krew}/bin/kubectl_complete-gitops\""},
          options);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({"kubectl_complete-gitops", "completion", ""}, options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "bash\nzsh\nfish\n:4\n");
}

}  // namespace
}  // namespace gitops::testing
