// `helm template` through a real helm: validate the release name, write the values to a private
// folder, build the argv (no shell, `--flag=VALUE`, `--` before the positional arguments), run it
// under a deadline and keep its stdout.
#include "render/helm_binary.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "render/process.h"

namespace gitops::render {
namespace {

constexpr std::size_t k_max_release_name = 53;

bool is_alnum_lower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

core::Error source_error(std::string message) {
  return core::Error{core::ErrorKind::source, std::move(message)};
}

// A private folder (mode 0700) under the temporary directory, removed with everything in it.
class TempFolder {
 public:
  static core::Result<TempFolder> create() {
    std::error_code ec;
    std::filesystem::path base = std::filesystem::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string pattern = (base / "kubectl-gitops-helm-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      return source_error("creating a folder for helm's values files in " + base.string() + ": " +
                          std::strerror(errno));
    }
    return TempFolder(pattern);
  }
  TempFolder(TempFolder&& other) noexcept : m_path(std::move(other.m_path)) { other.m_path.clear(); }
  TempFolder& operator=(TempFolder&&) = delete;
  TempFolder(const TempFolder&) = delete;
  ~TempFolder() {
    std::error_code ec;
    if (!m_path.empty()) std::filesystem::remove_all(m_path, ec);
  }
  const std::filesystem::path& path() const { return m_path; }

 private:
  explicit TempFolder(std::filesystem::path path) : m_path(std::move(path)) {}
  std::filesystem::path m_path;
};

core::Result<std::vector<std::string>> write_values(const TempFolder& folder,
                                                    const std::vector<std::string>& texts) {
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::filesystem::path file = folder.path() / ("values-" + std::to_string(i + 1) + ".yaml");
    std::ofstream out(file, std::ios::binary);
    out << texts[i];
    out.close();
    if (!out) return source_error("writing " + file.string() + ": " + std::strerror(errno));
    paths.push_back(file.string());
  }
  return paths;
}


core::Status check_run(const ProcessResult& run, std::chrono::milliseconds timeout) {
  switch (run.end) {
    case ProcessEnd::timed_out:
      return source_error("timed out after " + std::to_string(timeout.count() / 1000) +
                          "s (its process group was killed)");
    case ProcessEnd::signalled:
      return source_error("killed by signal " + std::to_string(run.status));
    case ProcessEnd::exited: break;
  }
  if (run.status == 0) return {};
  return source_error(stderr_message(run));
}

}  // namespace

bool is_valid_release_name(std::string_view name) {
  if (name.empty() || name.size() > k_max_release_name) return false;
  char previous = '.';
  for (char c : name) {
    bool separator = c == '-' || c == '.';
    if (!separator && !is_alnum_lower(c)) return false;
    // A label starts and ends with a letter or digit: no '.' or '-' right after a '.', no '.'
    // right after a '-'.
    if (previous == '.' && separator) return false;
    if (previous == '-' && c == '.') return false;
    previous = c;
  }
  return is_alnum_lower(name.back());
}

std::vector<std::string> helm_template_command(const HelmOptions& o, const std::string& namespace_,
                                               const std::filesystem::path& chart_dir,
                                               const std::vector<std::string>& values_paths) {
  std::vector<std::string> argv{o.binary, "template",
                                "--namespace=" + (namespace_.empty() ? "default" : namespace_)};
  if (!o.kube_version.empty()) argv.push_back("--kube-version=" + o.kube_version);
  for (const auto& v : o.api_versions) argv.push_back("--api-versions=" + v);
  for (const auto& v : values_paths) argv.push_back("--values=" + v);
  for (const auto& v : o.set) argv.push_back("--set=" + v);
  for (const auto& v : o.set_string) argv.push_back("--set-string=" + v);
  if (o.include_crds) argv.push_back("--include-crds");
  if (o.no_hooks) argv.push_back("--no-hooks");
  for (const auto& v : o.show_only) argv.push_back("--show-only=" + v);
  argv.push_back("--");
  argv.push_back(o.release_name);
  argv.push_back(chart_dir.string());
  return argv;
}

core::Result<std::string> run_helm_template(const HelmOptions& options,
                                            const std::string& namespace_,
                                            const std::filesystem::path& chart_dir,
                                            const std::vector<std::string>& values_texts) {
  if (!is_valid_release_name(options.release_name)) {
    return core::Error{core::ErrorKind::usage,
                       "invalid release name \"" + options.release_name +
                           "\": use lowercase letters, digits, '-' and '.' (at most 53), starting "
                           "and ending with a letter or digit"};
  }
  auto folder = TempFolder::create();
  if (!folder) return folder.error();
  auto paths = write_values(*folder, values_texts);
  if (!paths) return paths.error();
  auto argv = helm_template_command(options, namespace_, chart_dir, *paths);
  std::string what = "running " + options.binary + " template";
  auto run = run_process(argv, options.timeout);
  if (!run) return run.error().context(what);
  if (auto checked = check_run(*run, options.timeout); !checked) return checked.error().context(what);
  return std::move(run->out);
}

}  // namespace gitops::render
