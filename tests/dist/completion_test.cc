// End-to-end completion: the hidden __complete command as kubectl's plugin completion calls it
// (directly, through completions/kubectl_complete-gitops, and through kubectl itself), against a
// test kubeconfig, a Git repository and the test cluster; then the scripts of `completion bash|
// zsh|fish` driven by the real shells.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "plugin/completion.h"
#include "tests/support/e2e.h"
#include "tests/support/git_repo.h"
#include "tests/support/process.h"

namespace gitops::testing {
namespace {

namespace fs = std::filesystem;

fs::path binary() { return required_env("GITOPS_BINARY"); }
fs::path source_dir() { return required_env("GITOPS_SOURCE_DIR"); }

// PATH with the built plugin and the completion helper first.
std::string plugin_path() {
  const char* path = std::getenv("PATH");
  return binary().parent_path().string() + ":" + (source_dir() / "completions").string() + ":" +
         (path ? path : "/usr/bin:/bin");
}

RunOptions plugin_env(const std::string& kubeconfig = "") {
  RunOptions options;
  options.env["PATH"] = plugin_path();
  options.env["XDG_CACHE_HOME"] =
      (fs::temp_directory_path() / "kubectl-gitops-test-cache").string();
  if (!kubeconfig.empty()) options.env["KUBECONFIG"] = kubeconfig;
  return options;
}

RunResult complete(std::vector<std::string> words, const RunOptions& options) {
  words.insert(words.begin(), {binary().string(), "__complete"});
  return run(words, options);
}

// A kubeconfig whose clusters never answer: one refuses connections, one drops them.
std::string offline_kubeconfig(const TempDir& dir) {
  return dir
      .write("kubeconfig", R"(apiVersion: v1
kind: Config
clusters:
- name: refused
  cluster: {server: "https://127.0.0.1:1"}
- name: unroutable
  cluster: {server: "https://192.0.2.1:443"}
users:
- name: u
  user: {token: t}
contexts:
- name: alpha
  context: {cluster: refused, user: u, namespace: team-a}
- name: arn:aws:eks:eu:1:cluster/prod
  context: {cluster: unroutable, user: u, namespace: prod}
current-context: arn:aws:eks:eu:1:cluster/prod
)")
      .string();
}

// kubectl completes plugins through kubectl_complete-NAME since 1.26.
std::optional<std::string> kubectl_too_old_for_plugin_completion() {
  RunResult r = run({"kubectl", "version", "--client", "-o", "json"});
  std::smatch m;
  if (r.exit_code != 0 || !std::regex_search(r.out, m, std::regex("\"minor\": \"([0-9]+)"))) {
    return "kubectl version --client failed: " + r.err;
  }
  if (std::stoi(m[1]) < 26)
    return "kubectl 1." + std::string(m[1]) + " predates plugin completion (1.26)";
  return std::nullopt;
}

TEST(CompleteCommand, ClosedSetsAndSubcommands) {
  RunResult r = complete({"sync", "--source-type", ""}, plugin_env());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "auto\ndirectory\nkustomize\nhelm\njsonnet\n:4\n");
  EXPECT_EQ(r.err, "");
  r = complete({"--color", "a"}, plugin_env());
  EXPECT_EQ(r.out, "auto\nalways\n:4\n");
  r = complete({"history", "-o", ""}, plugin_env());
  EXPECT_EQ(r.out, "table\njson\n:4\n");
  r = complete({"s"}, plugin_env());
  EXPECT_EQ(
      r.out,
      "sync\tApply a Git ref to the cluster: server-side apply, prune, wait for health, record\n"
      "status\tShow whether an app is Synced with its ref and how healthy its objects are\n:4\n");
}

// The -o values completion offers are the ones each command accepts: its error for an unknown
// format lists them.
TEST(CompleteCommand, OutputFormatsAreTheOnesEachCommandAccepts) {
  for (const std::string command :
       {"render", "diff", "sync", "history", "rollback", "status", "list", "version"}) {
    std::vector<std::string> args = {binary().string(), command, "-o", "bogus"};
    if (command == "history" || command == "rollback") args.push_back("shop");
    RunOptions options = plugin_env("/nonexistent/kubeconfig");
    RunResult r = run(args, options);
    EXPECT_EQ(r.exit_code, 2) << command << ": " << r.err;
    std::vector<std::string> formats = gitops::plugin::output_formats(command);
    ASSERT_GE(formats.size(), 2u) << command;
    std::string list = formats[0];
    for (std::size_t i = 1; i + 1 < formats.size(); ++i) list += ", " + formats[i];
    list += " or " + formats.back();
    EXPECT_EQ(r.err, "kubectl-gitops: error: unknown output format \"bogus\" for " + command +
                         " (use " + list + ")\n");
  }
}

TEST(CompleteCommand, ContextsAndNamespacesFromTheKubeconfigWithinTheTimeout) {
  TempDir dir;
  const std::string kubeconfig = offline_kubeconfig(dir);
  RunResult r = complete({"--kubeconfig", kubeconfig, "--context", ""}, plugin_env());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "alpha\narn:aws:eks:eu:1:cluster/prod\n:4\n");
  r = complete({"--context", "ar"}, plugin_env(kubeconfig));
  EXPECT_EQ(r.out, "arn:aws:eks:eu:1:cluster/prod\n:4\n");
  // The current context's cluster drops packets: namespaces still come, after at most ~2 s.
  auto start = std::chrono::steady_clock::now();
  r = complete({"sync", "-n", ""}, plugin_env(kubeconfig));
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "prod\nteam-a\n:4\n");
  EXPECT_EQ(r.err, "");
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  r = complete({"history", ""}, plugin_env(kubeconfig));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, ":4\n");
  EXPECT_EQ(r.err, "");
}

TEST(CompleteCommand, GitRefsOfTheRepository) {
  GitRepo repo;
  repo.commit({{"app/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"}}, "one");
  repo.git({"branch", "feature"});
  repo.git({"tag", "v1.0.0"});
  RunResult r = complete({"sync", "--repo", repo.path().string(), "--ref", ""}, plugin_env());
  EXPECT_EQ(r.out, "feature\nmain\nv1.0.0\n:4\n");
  RunOptions in_repo = plugin_env();
  in_repo.cwd = repo.path() / "app";
  r = complete({"render", "--ref", "f"}, in_repo);
  EXPECT_EQ(r.out, "feature\n:4\n");
}

class ClusterCompletion : public ::testing::Test {
 protected:
  ClusterCompletion() : ns("complete") {}

  std::string sync_commit(const std::string& value, const std::string& message) {
    std::string sha = repo.commit(
        {{"app/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: \"" +
                            value + "\"\n"}},
        message);
    RunResult r = kubectl_gitops({"sync", "--repo", repo.path().string(), "--path", "app", "--app",
                                  "shop", "-n", ns.name(), "--timeout", "60s"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return sha;
  }

  TestNamespace ns;
  GitRepo repo;
};

TEST_F(ClusterCompletion, AppNamesRevisionsAndNamespacesFromTheCluster) {
  std::string one = sync_commit("1", "one");
  std::string two = sync_commit("2", "two");
  const std::string kubeconfig = test_kubeconfig();
  RunResult r = complete({"history", "-n", ns.name(), ""}, plugin_env(kubeconfig));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "shop\n:4\n");
  r = complete({"delete", "--namespace=" + ns.name(), "sh"}, plugin_env(kubeconfig));
  EXPECT_EQ(r.out, "shop\n:4\n");
  r = complete({"rollback", "-n", ns.name(), "shop", ""}, plugin_env(kubeconfig));
  EXPECT_EQ(r.out, "2\t" + two.substr(0, 7) + " Succeeded two\n1\t" + one.substr(0, 7) +
                       " Succeeded one\n:36\n");
  r = complete({"-n", ""}, plugin_env(kubeconfig));
  for (const std::string& name : {ns.name(), std::string("default"), std::string("kube-system")}) {
    EXPECT_NE(("\n" + r.out).find("\n" + name + "\n"), std::string::npos) << name << " in:\n"
                                                                          << r.out;
  }
  EXPECT_TRUE(r.out.ends_with("\n:4\n")) << r.out;
  // Through kubectl's helper, the way `kubectl gitops <TAB>` reaches the plugin.
  RunOptions options = plugin_env(kubeconfig);
  r = run({"kubectl_complete-gitops", "status", "-n", ns.name(), "s"}, options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "shop\n:4\n");
}

TEST(KubectlPluginCompletion, HelperScriptAnswersForThePlugin) {
  RunResult r =
      run({(source_dir() / "completions/kubectl_complete-gitops").string(), "rollb"}, plugin_env());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "rollback\tRe-apply what an earlier revision applied (default: the one before the "
            "current)\n:4\n");
}

TEST(KubectlPluginCompletion, KubectlItselfCompletesThePlugin) {
  if (auto why = kubectl_too_old_for_plugin_completion()) GTEST_SKIP() << *why;
  RunResult r = run({"kubectl", "__complete", "gitops", "sync", "--source-type", ""}, plugin_env());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "auto\ndirectory\nkustomize\nhelm\njsonnet\n:4\n");
  r = run({"kubectl", "__complete", "gitops", "completion", "z"}, plugin_env());
  EXPECT_EQ(r.out, "zsh\n:4\n");
}

// `kubectl gitops <TAB>` in bash: kubectl's own completion script (which needs the
// bash-completion package) asks kubectl, which asks kubectl_complete-gitops, which asks the plugin.
TEST(KubectlPluginCompletion, KubectlBashCompletionReachesThePlugin) {
  if (auto why = kubectl_too_old_for_plugin_completion()) GTEST_SKIP() << *why;
  const char* bash_completion = "/usr/share/bash-completion/bash_completion";
  ASSERT_TRUE(fs::exists(bash_completion))
      << "the bash-completion package is missing; scripts/install-deps.sh installs it";
  RunOptions options = plugin_env();
  options.unset_env = {"BASH_ENV", "ENV"};
  RunResult r =
      run({"bash", "--norc", "--noprofile", "-c",
           std::string("source ") + bash_completion +
               "\n"
               "source <(kubectl completion bash)\n"
               "c() { COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; shift; COMP_WORDS=(\"$@\");"
               " COMP_CWORD=$(( $# - 1 )); COMPREPLY=();"
               " __start_kubectl kubectl \"${COMP_WORDS[COMP_CWORD]}\" "
               "\"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null;"
               " printf '%s|' \"${COMPREPLY[@]}\"; echo; }\n"
               "c 'kubectl gitops ro' kubectl gitops ro\n"
               "c 'kubectl gitops sync --source-type k' kubectl gitops sync --source-type k\n"
               "c 'kubectl gitops completion ' kubectl gitops completion ''\n"},
          options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "rollback|\nkustomize|\nbash|zsh|fish|\n");
}

// Runs `script` in a clean non-interactive bash that has loaded `kubectl-gitops completion bash`.
RunResult bash(const std::string& script) {
  RunOptions options = plugin_env();
  options.unset_env = {"BASH_ENV", "ENV"};
  return run({"bash", "--norc", "--noprofile", "-c",
              "source <(kubectl-gitops completion bash) || exit 1\n"
              // c LINE WORDS...: what bash sets before calling the function, then the answer.
              "c() { COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; shift; COMP_WORDS=(\"$@\");"
              " COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); __kubectl_gitops_complete;"
              " printf '%s|' \"${COMPREPLY[@]}\"; echo; }\n" +
                  script},
             options);
}

TEST(BashCompletion, RegistersTheFunctionAndCompletesWords) {
  TempDir dir;
  const std::string kubeconfig = offline_kubeconfig(dir);
  RunResult r = bash(
      "complete -p kubectl-gitops\n"
      "c 'kubectl-gitops ro' kubectl-gitops ro\n"
      "c 'kubectl-gitops sync --source-type k' kubectl-gitops sync --source-type k\n"
      "c 'kubectl-gitops sync --so' kubectl-gitops sync --so\n"
      "c 'kubectl-gitops render -o ' kubectl-gitops render -o ''\n"
      "c 'kubectl-gitops completion ' kubectl-gitops completion ''\n"
      // bash splits at = and :, and replaces only its own last piece.
      "c 'kubectl-gitops --color=al' kubectl-gitops --color = al\n"
      "c 'kubectl-gitops --color=' kubectl-gitops --color =\n"
      "c 'kubectl-gitops --kubeconfig " +
      kubeconfig +
      " --context arn:aws:eks:eu:1:c' "
      "kubectl-gitops --kubeconfig " +
      kubeconfig + " --context arn : aws : eks : eu : 1 : c\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "complete -F __kubectl_gitops_complete kubectl-gitops\n"
            "rollback|\n"
            "kustomize|\n"
            "--source-type|\n"
            "yaml|json|raw|\n"
            "bash|zsh|fish|\n"
            "always|\n"
            "=auto|=always|=never|\n"
            "cluster/prod|\n");
}

TEST(BashCompletion, FallsBackToFilesOnlyWhereFilesMakeSense) {
  TempDir dir;
  dir.write("conf/kubeconfig", "");
  dir.write("app.yaml", "");
  dir.write("notes.txt", "");
  RunResult r = bash("cd " + dir.path().string() +
                     "\n"
                     "c 'kubectl-gitops --kubeconfig conf/k' kubectl-gitops --kubeconfig conf/k\n"
                     "c 'kubectl-gitops sync -f ' kubectl-gitops sync -f ''\n"
                     "c 'kubectl-gitops render --local ' kubectl-gitops render --local ''\n"
                     "c 'kubectl-gitops sync --timeout ' kubectl-gitops sync --timeout ''\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "conf/kubeconfig|\nconf|app.yaml|\nconf|\n|\n");
}

TEST(FishCompletion, CompletesThroughTheFishScript) {
  if (run({"sh", "-c", "command -v fish"}).exit_code != 0) {
    GTEST_SKIP() << "fish is not installed (scripts/install-deps.sh installs it)";
  }
  RunOptions options = plugin_env();
  RunResult r = run({"fish", "--no-config", "-c",
                     "kubectl-gitops completion fish | source\n"
                     "complete -C 'kubectl-gitops sync --source-type '\n"
                     "complete -C 'kubectl-gitops rollb'\n"
                     "complete -C 'kubectl-gitops --color=al'\n"},
                    options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out,
      "auto\ndirectory\nhelm\njsonnet\nkustomize\n"
      "rollback\tRe-apply what an earlier revision applied (default: the one before the current)\n"
      "--color=always\n");
}

// An interactive zsh in a private tmux server: type, press Tab, read the screen.
class Zsh {
 public:
  Zsh() : m_socket("gitops-complete-" + std::to_string(getpid())) {
    m_home.write(".zshrc",
                 "PS1='$ '\n"
                 "autoload -Uz compinit && compinit -u\n"
                 "source <(kubectl-gitops completion zsh)\n"
                 "echo zsh-ready\n");
    RunOptions options = plugin_env();
    options.env["HOME"] = m_home.path().string();
    options.env["ZDOTDIR"] = m_home.path().string();
    m_ok = run({"tmux", "-L", m_socket, "-f", "/dev/null", "new-session", "-d", "-x", "200", "-y",
                "50", "zsh -i"},
               options)
               .exit_code == 0;
    // compinit takes a few seconds on its first run.
    m_ok = m_ok && std::regex_search(screen_when(std::regex("zsh-ready\n\\$"), 300),
                                     std::regex("zsh-ready"));
  }
  ~Zsh() { run({"tmux", "-L", m_socket, "kill-server"}); }
  bool ok() const { return m_ok; }

  void type(const std::string& text) { run({"tmux", "-L", m_socket, "send-keys", "-l", text}); }
  void key(const std::string& name) { run({"tmux", "-L", m_socket, "send-keys", name}); }
  // The screen once it matches `pattern` (or after `tries` tenths of a second).
  std::string screen_when(const std::regex& pattern, int tries = 100) {
    std::string text;
    for (int i = 0; i < tries; ++i) {
      text = run({"tmux", "-L", m_socket, "capture-pane", "-p"}).out;
      if (std::regex_search(text, pattern)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return text;
  }

 private:
  TempDir m_home;
  std::string m_socket;
  bool m_ok = false;
};

TEST(ZshCompletion, CompletesInAnInteractiveShell) {
  if (run({"sh", "-c", "command -v zsh && command -v tmux"}).exit_code != 0) {
    GTEST_SKIP() << "zsh or tmux is not installed (scripts/install-deps.sh installs both)";
  }
  Zsh zsh;
  ASSERT_TRUE(zsh.ok());
  zsh.type("kubectl-gitops sync --source-type kus");
  zsh.key("Tab");
  std::string screen = zsh.screen_when(std::regex("--source-type kustomize\n"));
  EXPECT_TRUE(
      std::regex_search(screen, std::regex("\\$ kubectl-gitops sync --source-type kustomize\n")))
      << screen;
  zsh.key("C-u");
  zsh.type("kubectl-gitops completion ");
  zsh.key("Tab");
  screen = zsh.screen_when(std::regex("fish"));
  EXPECT_TRUE(std::regex_search(screen, std::regex("bash +zsh +fish|bash +fish +zsh"))) << screen;
  zsh.key("C-u");
  zsh.type("kubectl-gitops rollb");
  zsh.key("Tab");
  screen = zsh.screen_when(std::regex("rollback\n"));
  EXPECT_TRUE(std::regex_search(screen, std::regex("\\$ kubectl-gitops rollback\n"))) << screen;
}

}  // namespace
}  // namespace gitops::testing
