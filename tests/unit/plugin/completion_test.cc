// Completion against the real command tree with recorded fake sources: subcommands, flags,
// closed sets, values from the sources and the scope the typed flags give them.
#include "plugin/completion.h"

#include <gtest/gtest.h>

#include "plugin/command.h"
#include "plugin/completion_scripts.h"

namespace gitops::plugin {
namespace {

class FakeSources : public CompletionSources {
 public:
  std::vector<std::string> contexts(const CompletionScope& scope) override {
    scopes.push_back(scope);
    return {"alpha", "beta", "prod:eu"};
  }
  std::vector<std::string> namespaces(const CompletionScope& scope) override {
    scopes.push_back(scope);
    return {"default", "kube-system", "payments", "prod"};
  }
  std::vector<std::string> apps(const CompletionScope& scope) override {
    scopes.push_back(scope);
    return {"billing", "shop", "shop-admin"};
  }
  std::vector<Candidate> revisions(const CompletionScope& scope, const std::string& app) override {
    scopes.push_back(scope);
    revision_apps.push_back(app);
    return {{"3", "c0ffee1 Succeeded three"},
            {"2", "bead123 Failed two"},
            {"1", "1234567 Succeeded one"}};
  }
  std::vector<std::string> refs(const CompletionScope& scope) override {
    scopes.push_back(scope);
    return {"main", "origin/main", "release-1", "v1.0.0"};
  }

  std::vector<CompletionScope> scopes;
  std::vector<std::string> revision_apps;
};

class Completion : public ::testing::Test {
 protected:
  Completion() : app("test", "kubectl gitops") {
    add_global_flags(app, context.globals);
    add_render_command(app, context);
    add_diff_command(app, context);
    add_sync_command(app, context);
    add_history_command(app, context);
    add_rollback_command(app, context);
    add_status_command(app, context);
    add_list_command(app, context);
    add_delete_command(app, context);
    add_version_command(app, context);
    add_completion_command(app, context);
  }

  std::string answer(const std::vector<std::string>& words) {
    return format_completion(complete(app, words, sources));
  }

  Context context;
  CLI::App app;
  FakeSources sources;
};

TEST_F(Completion, SubcommandsByPrefixWithDescriptions) {
  EXPECT_EQ(
      answer({"r"}),
      "render\tPrint the objects a Git ref (or a local folder) renders to; needs no cluster\n"
      "rollback\tRe-apply what an earlier revision applied (default: the one before the current)\n"
      ":4\n");
  EXPECT_EQ(answer({"comp"}),
            "completion\tPrint a shell completion script (bash, zsh or fish)\n:4\n");
  EXPECT_EQ(answer({"__"}), ":4\n");  // __complete is hidden
}

TEST_F(Completion, EverySubcommandOfTheTreeIsOffered) {
  ::gitops::plugin::Completion all = complete(app, {""}, sources);
  std::vector<std::string> names;
  for (const auto& c : all.candidates) names.push_back(c.value);
  std::vector<std::string> expected;
  for (const CLI::App* sub : app.get_subcommands({})) expected.push_back(sub->get_name());
  EXPECT_EQ(names, expected);
  EXPECT_GE(names.size(), 10u);
}

TEST_F(Completion, FlagsOfTheCommandAndTheGlobalOnes) {
  EXPECT_EQ(answer({"version", "--"}),
            "--client\tOnly the client version; no cluster needed\n"
            "--color\tColour output: auto, always, never\n"
            "--context\tThe kubeconfig context to use\n"
            "--help\tPrint this help message and exit\n"
            "--kubeconfig\tPath to the kubeconfig file\n"
            "--namespace\tDefault namespace for namespaced objects without one; where the app's "
            "records live\n"
            "--no-progress\tNever show live progress on stderr\n"
            "--output\tOutput format (each command lists its own)\n"
            "--request-timeout\tTime to wait for one server request (e.g. 30s, 1m; 0 = no limit)\n"
            "--v\tLog level: 6 logs every request, 8 adds bodies\n"
            ":4\n");
  EXPECT_TRUE(answer({"list", "-"}).starts_with("--all-namespaces\tEvery namespace\n--color\t"));
  EXPECT_NE(answer({"list", "-"}).find("\n-A\tEvery namespace\n"), std::string::npos);
  EXPECT_EQ(answer({"sync", "--dry"}), "--dry-run\tPrint the plan and write nothing\n:4\n");
}

TEST_F(Completion, FlagsAlreadyGivenAreNotOfferedAgainUnlessRepeatable) {
  EXPECT_EQ(answer({"sync", "--dry-run", "--dry"}), ":4\n");
  EXPECT_EQ(answer({"sync", "--set", "a=1", "--set"}),
            "--set\tSet a value: K=V (repeatable)\n"
            "--set-string\tSet a string value: K=V (repeatable)\n:4\n");
}

TEST_F(Completion, ClosedSetsFromTheValidators) {
  EXPECT_EQ(answer({"sync", "--source-type", ""}),
            "auto\ndirectory\nkustomize\nhelm\njsonnet\n:4\n");
  EXPECT_EQ(answer({"render", "--source-type", "j"}), "jsonnet\n:4\n");
  EXPECT_EQ(answer({"diff", "--source-type=k"}), "--source-type=kustomize\n:4\n");
  EXPECT_EQ(answer({"--color", ""}), "auto\nalways\nnever\n:4\n");
  EXPECT_EQ(answer({"status", "--color=n"}), "--color=never\n:4\n");
  EXPECT_EQ(answer({"completion", ""}), "bash\nzsh\nfish\n:4\n");
}

TEST_F(Completion, OutputFormatsPerCommand) {
  EXPECT_EQ(answer({"render", "-o", ""}), "yaml\njson\nraw\n:4\n");
  EXPECT_EQ(answer({"diff", "--output", "t"}), "text\n:4\n");
  EXPECT_EQ(answer({"history", "shop", "-o", ""}), "table\njson\n:4\n");
  EXPECT_EQ(answer({"version", "--output=y"}), "--output=yaml\n:4\n");
  EXPECT_EQ(answer({"delete", "-o", ""}), ":4\n");
}

TEST_F(Completion, ContextsAndNamespacesWithTheTypedKubeconfig) {
  EXPECT_EQ(answer({"--kubeconfig", "/k/config", "--context", ""}), "alpha\nbeta\nprod:eu\n:4\n");
  ASSERT_EQ(sources.scopes.size(), 1u);
  EXPECT_EQ(sources.scopes[0].kubeconfig, "/k/config");
  EXPECT_EQ(answer({"sync", "--context=beta", "-n", "p"}), "payments\nprod\n:4\n");
  ASSERT_EQ(sources.scopes.size(), 2u);
  EXPECT_EQ(sources.scopes[1].context, "beta");
  EXPECT_EQ(answer({"list", "--namespace=k"}), "--namespace=kube-system\n:4\n");
}

TEST_F(Completion, AppNamesForTheAppCommandsInTheTypedNamespace) {
  EXPECT_EQ(answer({"history", ""}), "billing\nshop\nshop-admin\n:4\n");
  EXPECT_EQ(answer({"status", "-n", "team", "sh"}), "shop\nshop-admin\n:4\n");
  EXPECT_EQ(sources.scopes.back().namespace_, "team");
  EXPECT_EQ(answer({"delete", "--yes", "b"}), "billing\n:4\n");
  EXPECT_EQ(answer({"rollback", "-nteam", ""}), "billing\nshop\nshop-admin\n:4\n");
  EXPECT_EQ(sources.scopes.back().namespace_, "team");
  EXPECT_EQ(answer({"sync", "--app", "s"}), "shop\nshop-admin\n:4\n");
  EXPECT_EQ(answer({"history", "shop", ""}), ":4\n");  // one APP only
}

TEST_F(Completion, RevisionsOfTheAppNewestFirst) {
  EXPECT_EQ(answer({"rollback", "shop", ""}),
            "3\tc0ffee1 Succeeded three\n2\tbead123 Failed two\n1\t1234567 Succeeded one\n:36\n");
  EXPECT_EQ(sources.revision_apps, std::vector<std::string>{"shop"});
  EXPECT_EQ(answer({"rollback", "--offline", "shop", "2"}), "2\tbead123 Failed two\n:36\n");
  EXPECT_EQ(answer({"rollback", "shop", "2", ""}), ":4\n");
}

TEST_F(Completion, GitRefsOfTheTypedRepository) {
  EXPECT_EQ(answer({"sync", "--repo", "/src/app", "--ref", "ma"}), "main\n:4\n");
  EXPECT_EQ(sources.scopes.back().repo, "/src/app");
  EXPECT_EQ(answer({"diff", "--ref", ""}), "main\norigin/main\nrelease-1\nv1.0.0\n:4\n");
  EXPECT_EQ(sources.scopes.back().repo, "");
}

TEST_F(Completion, FilesAndFolders) {
  EXPECT_EQ(answer({"sync", "-f", ""}), "yaml\nyml\njson\n:8\n");
  EXPECT_EQ(answer({"sync", "--filename=a"}), "yaml\nyml\njson\n:8\n");
  EXPECT_EQ(answer({"render", "--local", ""}), ":16\n");
  EXPECT_EQ(answer({"render", "--repo", ""}), ":16\n");
  EXPECT_EQ(answer({"--kubeconfig", ""}), ":0\n");
  EXPECT_EQ(answer({"render", "--values", "x"}), ":0\n");
  EXPECT_EQ(answer({"sync", "--timeout", ""}), ":4\n");
}

TEST_F(Completion, AfterDoubleDashEverythingIsPositional) {
  EXPECT_EQ(answer({"history", "--", "-s"}), ":4\n");
  EXPECT_EQ(answer({"history", "--", ""}), "billing\nshop\nshop-admin\n:4\n");
}

TEST_F(Completion, NoWordsAtAllCompletesSubcommands) {
  EXPECT_EQ(complete(app, {}, sources).candidates.size(),
            complete(app, {""}, sources).candidates.size());
}

TEST(CompletionProtocol, FormatsCandidatesDescriptionsAndTheDirective) {
  gitops::plugin::Completion c{{{"a", ""}, {"b", "first line\nsecond"}},
                               Directive::no_space | Directive::keep_order};
  EXPECT_EQ(format_completion(c), "a\nb\tfirst line\n:34\n");
  EXPECT_EQ(format_completion({}), ":0\n");
}

TEST(CompletionScripts, NameTheirShellAndCallTheHiddenCommand) {
  for (Shell shell : {Shell::bash, Shell::zsh, Shell::fish}) {
    EXPECT_EQ(parse_shell(to_string(shell)), shell);
    EXPECT_NE(completion_script(shell).find("__complete"), std::string::npos) << to_string(shell);
  }
  EXPECT_EQ(parse_shell("tcsh"), std::nullopt);
  EXPECT_NE(completion_script(Shell::bash)
                .find("\ncomplete -F __kubectl_gitops_complete kubectl-gitops\n"),
            std::string::npos);
  EXPECT_EQ(completion_script(Shell::zsh).substr(0, 24), "#compdef kubectl-gitops\n");
}

}  // namespace
}  // namespace gitops::plugin
