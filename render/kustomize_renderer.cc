// render_kustomize: refuse remote bases, run kustomize on the folder on disk under a deadline,
// turn its failure into one error line per stderr line, and read its output.
#include "render/kustomize_renderer.h"

#include <filesystem>

#include "core/yaml.h"
#include "render/process.h"
#include "render/remote_bases.h"
#include "render/source_folder.h"

namespace gitops::render {
namespace {

std::string join_words(const std::vector<std::string>& words) {
  std::string line;
  for (const std::string& word : words) {
    if (!line.empty()) line += ' ';
    line += word;
  }
  return line;
}

std::string describe_duration(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + "s";
  return std::to_string(duration.count()) + "ms";
}

// The failure of a finished run, one line per stderr line; nothing when it succeeded.
core::Status check_run(const ProcessResult& run, const KustomizeOptions& options) {
  auto fail = [](std::string message) {
    return core::Error{core::ErrorKind::source, std::move(message)};
  };
  switch (run.end) {
    case ProcessEnd::timed_out:
      return fail("timed out after " + describe_duration(options.timeout) +
                  " (its process group was killed)");
    case ProcessEnd::signalled:
      return fail("killed by signal " + std::to_string(run.status));
    case ProcessEnd::exited:
      break;
  }
  if (run.status == 0) return {};
  return fail(stderr_message(run));
}

}  // namespace

std::vector<std::string> kustomize_command(const KustomizeOptions& options,
                                           const std::string& dir) {
  std::string binary = options.binary.empty() ? "kubectl" : options.binary;
  if (std::filesystem::path(binary).filename() == "kubectl") return {binary, "kustomize", dir};
  return {binary, "build", dir};
}

core::Result<Rendered> render_kustomize(const core::FileTree& tree, const SourceOptions& options) {
  auto folder = normalize_source_path(options.path);
  if (!folder) return folder.error();
  if (auto listed = list_source_folder(tree, *folder); !listed) return listed.error();
  if (!options.kustomize.allow_remote_bases) {
    if (auto checked = refuse_remote_bases(tree); !checked) return checked.error();
  }
  auto root = tree.on_disk();
  if (!root) return root.error();
  std::filesystem::path dir = folder->empty() ? *root : *root / *folder;

  std::vector<std::string> command = kustomize_command(options.kustomize, dir.string());
  std::string what = "running " + join_words(command);
  auto run = run_process(command, options.kustomize.timeout);
  if (!run) return run.error().context(what);
  if (auto checked = check_run(*run, options.kustomize); !checked) {
    return checked.error().context(what);
  }
  std::string origin = "kustomize output of " + (folder->empty() ? "." : *folder);
  auto objects = core::read_objects(run->out, origin);
  if (!objects) return objects.error().context("reading the output of " + join_words(command));
  return Rendered{std::move(*objects), std::move(run->out), SourceType::kustomize};
}

}  // namespace gitops::render
