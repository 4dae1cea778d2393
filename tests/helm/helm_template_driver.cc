// helm_template_driver: `helm template CHART [flags]` on top of render::helm::render_chart, for the
// conformance corpus. Reads the chart folder from disk through a small confined FileTree; values
// files are read from disk relative to the current folder. Prints the text, or `Error: MESSAGE` on
// stderr with exit status 1.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/file_tree.h"
#include "render/helm/engine.h"

namespace {

namespace fs = std::filesystem;
using gitops::core::EntryType;
using gitops::core::Error;
using gitops::core::ErrorKind;
using gitops::core::Result;
using gitops::core::TreeEntry;

// A read-only tree over a folder; symlinks that leave it are refused.
class DiskTree final : public gitops::core::FileTree {
 public:
  explicit DiskTree(fs::path root) : m_root(fs::weakly_canonical(root)) {}

  Result<std::vector<TreeEntry>> list(std::string_view dir) const override {
    auto full = resolve(dir);
    if (!full) return full.error();
    std::vector<TreeEntry> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(*full, ec)) {
      auto target = fs::weakly_canonical(e.path(), ec);
      if (!inside(target)) return error("symlink " + e.path().string() + " leaves the chart");
      TreeEntry entry{e.path().filename().string()};
      if (fs::is_directory(target)) entry.type = EntryType::directory;
      else if (!fs::is_regular_file(target)) continue;
      out.push_back(entry);
    }
    if (ec) return error("listing " + full->string() + ": " + ec.message());
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
  }

  Result<std::string> read(std::string_view path) const override {
    auto full = resolve(path);
    if (!full) return full.error();
    std::ifstream in(*full, std::ios::binary);
    if (!in) return error("open " + std::string(path) + ": no such file or directory");
    std::ostringstream data;
    data << in.rdbuf();
    return data.str();
  }

  bool exists(std::string_view path, EntryType* type) const override {
    auto full = resolve(path);
    if (!full || !fs::exists(*full)) return false;
    if (type) *type = fs::is_directory(*full) ? EntryType::directory : EntryType::file;
    return true;
  }

  Result<fs::path> on_disk() const override { return m_root; }
  std::string describe() const override { return "folder " + m_root.string(); }

 private:
  static Error error(std::string message) { return Error{ErrorKind::source, std::move(message)}; }

  bool inside(const fs::path& p) const {
    auto rel = p.lexically_relative(m_root);
    return !rel.empty() && *rel.begin() != "..";
  }

  Result<fs::path> resolve(std::string_view path) const {
    fs::path full = path.empty() || path == "." ? m_root : m_root / fs::path(path);
    auto canonical = fs::weakly_canonical(full);
    if (canonical != m_root && !inside(canonical)) return error(std::string(path) + " leaves the chart");
    return canonical;
  }

  fs::path m_root;
};

std::string read_disk_file(const std::string& name, bool& ok) {
  std::ifstream in(name, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream data;
  if (ok) data << in.rdbuf();
  return data.str();
}

struct Flags {
  std::string chart;
  gitops::render::helm::ChartOptions options;
};

// Parses helm template's flags; returns an error message or "".
std::string parse_flags(int argc, char** argv, Flags& flags) {
  auto& o = flags.options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string value;
    auto take = [&]() -> bool {
      auto eq = a.find('=');
      if (a.rfind("--", 0) == 0 && eq != std::string::npos) {
        value = a.substr(eq + 1);
        a = a.substr(0, eq);
        return true;
      }
      if (i + 1 >= argc) return false;
      value = argv[++i];
      return true;
    };
    auto is = [&](std::initializer_list<const char*> names) {
      auto base = a.substr(0, a.find('='));
      return std::any_of(names.begin(), names.end(), [&](const char* n) { return base == n; });
    };
    if (is({"--include-crds"})) o.include_crds = true;
    else if (is({"--no-hooks"})) o.no_hooks = true;
    else if (is({"--name"}) && take()) o.release_name = value;
    else if (is({"-n", "--namespace"}) && take()) o.namespace_ = value;
    else if (is({"--kube-version"}) && take()) o.kube_version = value;
    else if (is({"-f", "--values"}) && take()) {
      bool ok = false;
      std::string content = read_disk_file(value, ok);
      if (!ok) return "open " + value + ": no such file or directory";
      o.values_files.push_back({value, content});
    } else if (is({"--set"}) && take()) o.set.push_back(value);
    else if (is({"--set-string"}) && take()) o.set_string.push_back(value);
    else if (is({"-a", "--api-versions"}) && take()) o.api_versions.push_back(value);
    else if (is({"-s", "--show-only"}) && take()) o.show_only.push_back(value);
    else if (!a.empty() && a[0] != '-' && flags.chart.empty()) flags.chart = a;
    else return "unknown flag or missing value: " + a;
  }
  if (flags.chart.empty()) return "\"helm template\" requires at least 1 argument";
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (auto message = parse_flags(argc, argv, flags); !message.empty()) {
    std::cerr << "Error: " << message << "\n";
    return 1;
  }
  fs::path chart = fs::absolute(flags.chart).lexically_normal();
  if (chart.filename().empty()) chart = chart.parent_path();
  DiskTree tree(chart.parent_path());
  auto rendered = gitops::render::helm::render_chart(tree, chart.filename().string(), flags.options);
  if (!rendered) {
    std::cerr << "Error: " << rendered.error().message << "\n";
    return 1;
  }
  std::cout << rendered->text;
  return 0;
}
