// External diff programs on LIVE and MERGED folders.
#include "plugin/external_diff.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <cstring>
#include <sstream>

#include "diff/mask.h"
#include "diff/normalize.h"

extern char** environ;

namespace gitops::plugin {
namespace {

std::string file_name(const core::ObjectKey& k) {
  std::string group = k.group.empty() ? "" : k.group + ".";
  return group + k.version + "." + k.kind + "." + (k.namespace_.empty() ? "" : k.namespace_ + ".") + k.name;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

std::vector<std::string> external_diff_program() {
  const char* value = std::getenv("KUBECTL_EXTERNAL_DIFF");
  std::vector<std::string> words;
  if (value == nullptr) return words;
  std::istringstream in(value);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

core::Result<int> run_external_diff(const std::vector<std::string>& program, const diff::Plan& plan,
                                    const diff::ReportOptions& options) {
  char pattern[] = "/tmp/kubectl-gitops-diff-XXXXXX";
  if (mkdtemp(pattern) == nullptr) {
    return core::Error{core::ErrorKind::internal, "creating a folder for KUBECTL_EXTERNAL_DIFF failed"};
  }
  std::filesystem::path root = pattern;
  std::filesystem::create_directory(root / "LIVE");
  std::filesystem::create_directory(root / "MERGED");
  for (const auto& change : plan.changes) {
    if (change.action == diff::Action::unchanged || change.action == diff::Action::keep) continue;
    core::Json before = change.live;
    core::Json after = change.action == diff::Action::prune ? core::Json() : change.desired;
    if (options.show_secrets == diff::ShowSecrets::no) diff::mask_secret_pair(before, after);
    if (!before.is_null()) write_file(root / "LIVE" / file_name(change.key), diff::normalized_yaml(before));
    if (!after.is_null()) write_file(root / "MERGED" / file_name(change.key), diff::normalized_yaml(after));
  }
  std::vector<std::string> args = program;
  args.push_back((root / "LIVE").string());
  args.push_back((root / "MERGED").string());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
  int status = 0;
  if (rc == 0) waitpid(pid, &status, 0);
  std::error_code ec;
  std::filesystem::remove_all(root, ec);
  if (rc != 0) {
    return core::Error{core::ErrorKind::usage,
                       "running KUBECTL_EXTERNAL_DIFF program \"" + program.front() + "\": " +
                           std::strerror(rc)};
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}

}  // namespace gitops::plugin
