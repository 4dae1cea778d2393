// Source flags -> AppSource -> tree -> rendered objects.
#include "plugin/source_loader.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "git/commit_tree.h"
#include "git/redact.h"
#include "git/ref.h"
#include "git/repository.h"
#include "render/app_spec.h"
#include "render/detect.h"
#include "render/local_tree.h"
#include "render/renderer.h"

namespace gitops::plugin {
namespace {

core::Error usage(std::string message) { return {core::ErrorKind::usage, std::move(message)}; }

bool dns_label(const std::string& name) {
  if (name.empty() || name.size() > 53) return false;  // leaves room for "gitops-" and ".vNNN"
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return name.front() != '-' && name.back() != '-';
}

std::string base_name(std::string path) {
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.size() > 4 && path.substr(path.size() - 4) == ".git") path.resize(path.size() - 4);
  auto slash = path.find_last_of("/:");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A packaged chart "web-1.2.3.tgz" (helm package names it NAME-VERSION.tgz) names the app "web".
std::string chart_archive_name(std::string name) {
  name.resize(name.size() - 4);  // ".tgz"
  static const std::regex k_version(R"(-v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]*)?$)");
  return std::regex_replace(name, k_version, "");
}

std::string default_app_name(const AppSource& s) {
  if (render::is_chart_archive_path(s.options.path)) return chart_archive_name(base_name(s.options.path));
  if (s.options.path != "." && !s.options.path.empty()) return base_name(s.options.path);
  if (!s.local.empty()) return base_name(std::filesystem::absolute(s.local).lexically_normal().string());
  std::string repo = s.repo_location == "." || s.repo_location.empty()
                         ? std::filesystem::current_path().string()
                         : s.repo_location;
  return base_name(repo);
}

// "K=V" entries as given, after a check that each has a key.
core::Status check_pairs(const char* flag, const std::vector<std::string>& pairs) {
  for (const auto& p : pairs) {
    if (p.find('=') == std::string::npos || p.front() == '=') {
      return usage(std::string("invalid ") + flag + " \"" + p + "\": expected KEY=VALUE");
    }
  }
  return {};
}

// With --local, the values files named on the command line are read from disk (relative to the
// current folder), as helm reads them; Git sources read them from the commit instead.
core::Status read_local_values(const SourceFlags& f, render::HelmOptions& o) {
  constexpr std::uintmax_t k_max_values_bytes = 64u << 20;
  std::size_t first = o.values_files.size() - f.values.size();
  o.values_contents.resize(o.values_files.size());
  for (std::size_t i = first; i < o.values_files.size(); ++i) {
    const std::string& name = o.values_files[i];
    std::error_code ec;
    auto size = std::filesystem::file_size(name, ec);
    if (ec || !std::filesystem::is_regular_file(name, ec)) {
      return usage("open " + name + ": no such file or directory");
    }
    if (size > k_max_values_bytes) {
      return usage("values file " + name + " is larger than 64 MiB");
    }
    std::ifstream in(name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return usage("reading values file " + name + ": read error");
    o.values_contents[i] = text.str();
  }
  return {};
}

void apply_flags(const SourceFlags& f, render::SourceOptions& o) {
  if (!f.path.empty()) o.path = f.path;
  if (f.recursive) o.recursive = true;
  auto append = [](std::vector<std::string>& to, const std::vector<std::string>& from) {
    to.insert(to.end(), from.begin(), from.end());
  };
  append(o.helm.values_files, f.values);
  append(o.helm.set, f.set);
  append(o.helm.set_string, f.set_string);
  if (!f.release_name.empty()) o.helm.release_name = f.release_name;
  if (!f.kube_version.empty()) o.helm.kube_version = f.kube_version;
  append(o.helm.api_versions, f.api_versions);
  if (f.include_crds) o.helm.include_crds = true;
  if (f.no_hooks) o.helm.no_hooks = true;
  append(o.helm.show_only, f.show_only);
  if (!f.helm_binary.empty()) {
    o.helm.binary = f.helm_binary;
  } else if (const char* env = std::getenv("KUBECTL_GITOPS_HELM"); env != nullptr && *env != '\0') {
    o.helm.binary = env;
  }
  append(o.jsonnet.tla_str, f.tla_str);
  append(o.jsonnet.tla_code, f.tla_code);
  append(o.jsonnet.ext_str, f.ext_str);
  append(o.jsonnet.ext_code, f.ext_code);
  append(o.jsonnet.jpath, f.jpath);
  if (!f.kustomize_binary.empty()) o.kustomize.binary = f.kustomize_binary;
  if (f.allow_remote_bases) o.kustomize.allow_remote_bases = true;
}

}  // namespace

core::Result<AppSource> resolve_source(const SourceFlags& f, const std::string& namespace_flag) {
  AppSource s;
  if (!f.local.empty() && (!f.repo.empty() || !f.ref.empty())) {
    return usage("--local renders a folder on disk and cannot be combined with --repo or --ref");
  }
  std::string ref = "HEAD";
  if (!f.filename.empty()) {
    auto spec = render::read_app_spec(f.filename);
    if (!spec) return spec.error();
    s.options = spec->source;
    s.app = spec->name;
    s.namespace_ = spec->namespace_;
    s.prune = spec->prune;
    s.repo_location = spec->repo;
    ref = spec->ref;
  }
  if (!f.source_type.empty() && f.source_type != "auto") {
    auto type = render::parse_source_type(f.source_type);
    if (!type) return type.error();
    s.options.type = *type;
  }
  apply_flags(f, s.options);
  // --set and --set-string are Helm's strvals syntax, checked by the chart engine in Helm's words.
  for (auto [flag, pairs] : {std::pair{"--tla-str", &f.tla_str}, {"--tla-code", &f.tla_code},
                             {"--ext-str", &f.ext_str}, {"--ext-code", &f.ext_code}}) {
    if (auto st = check_pairs(flag, *pairs); !st) return st.error();
  }
  if (!f.local.empty()) {
    if (auto st = read_local_values(f, s.options.helm); !st) return st.error();
  }
  if (!f.repo.empty()) s.repo_location = f.repo;
  if (!f.ref.empty()) ref = f.ref;
  s.local = f.local;
  s.offline = f.offline;
  if (!f.app.empty()) s.app = f.app;
  if (s.app.empty()) s.app = default_app_name(s);
  if (!dns_label(s.app)) {
    return usage("invalid app name \"" + s.app +
                 "\": use lowercase letters, digits and '-' (at most 53), or set --app");
  }
  if (!namespace_flag.empty()) s.namespace_ = namespace_flag;
  s.options.app_name = s.app;
  s.options.namespace_ = s.namespace_;
  if (s.options.helm.release_name.empty()) s.options.helm.release_name = s.app;
  s.record.repo = s.local.empty() ? git::redact_url(s.repo_location.empty() ? "." : s.repo_location) : "";
  s.record.ref = s.local.empty() ? ref : "";
  s.record.path = s.options.path;
  return s;
}

core::Result<LoadedSource> load_source(AppSource& s) {
  LoadedSource loaded;
  if (!s.local.empty()) {
    auto tree = render::LocalTree::open(s.local);
    if (!tree) return tree.error();
    loaded.tree = std::make_unique<render::LocalTree>(std::move(*tree));
    s.record.repo = std::filesystem::absolute(s.local).lexically_normal().string();
  } else {
    std::string location = s.repo_location.empty() ? "." : s.repo_location;
    auto repo = git::Repository::open(location, {.offline = s.offline});
    if (!repo) return repo.error();
    if (location == "." || repo->kind() == git::LocationKind::local_path) {
      s.record.repo = repo->display_name();
    }
    auto commit = git::resolve_ref(*repo, s.record.ref);
    if (!commit) return commit.error();
    s.record.commit = commit->sha;
    s.record.subject = commit->subject;
    auto tree = git::CommitTree::open(*repo, *commit);
    if (!tree) return tree.error();
    loaded.tree = std::make_unique<git::CommitTree>(std::move(*tree));
    // A packaged chart (.tgz) is a file; every other source is a folder.
    if (render::is_chart_archive_path(s.options.path)) {
      core::EntryType type = core::EntryType::directory;
      if (!loaded.tree->exists(s.options.path, &type) || type != core::EntryType::file) {
        return core::Error{core::ErrorKind::source, "using --path \"" + s.options.path + "\" in " +
                                                        loaded.tree->describe() + ": no such chart archive"};
      }
    } else if (auto folder = git::source_folder(*loaded.tree, s.options.path); !folder) {
      return folder.error();
    }
  }
  auto rendered = render::render(*loaded.tree, s.options);
  if (!rendered) return rendered.error();
  loaded.rendered = std::move(*rendered);
  s.record.source_type = std::string(render::to_string(loaded.rendered.type));
  s.record.options = options_record(s.options);
  return loaded;
}

core::Json options_record(const render::SourceOptions& o) {
  return {{"recursive", o.recursive},
          {"helm",
           {{"valuesFiles", o.helm.values_files}, {"values", o.helm.values_inline},
            {"set", o.helm.set}, {"setString", o.helm.set_string},
            {"releaseName", o.helm.release_name}, {"kubeVersion", o.helm.kube_version},
            {"apiVersions", o.helm.api_versions}, {"includeCrds", o.helm.include_crds},
            {"noHooks", o.helm.no_hooks}, {"showOnly", o.helm.show_only}}},
          {"jsonnet",
           {{"tlaStr", o.jsonnet.tla_str}, {"tlaCode", o.jsonnet.tla_code},
            {"extStr", o.jsonnet.ext_str}, {"extCode", o.jsonnet.ext_code},
            {"jpath", o.jsonnet.jpath}}},
          {"kustomize", {{"binary", o.kustomize.binary},
                         {"allowRemoteBases", o.kustomize.allow_remote_bases}}}};
}

render::SourceOptions options_from_record(const sync::SourceRecord& r) {
  render::SourceOptions o;
  auto type = render::parse_source_type(r.source_type);
  if (type) o.type = *type;
  o.path = r.path.empty() ? "." : r.path;
  const core::Json& j = r.options;
  auto strings = [](const core::Json& v) {
    return v.is_array() ? v.get<std::vector<std::string>>() : std::vector<std::string>{};
  };
  o.recursive = j.value("recursive", false);
  const core::Json h = j.value("helm", core::Json::object());
  o.helm.values_files = strings(h.value("valuesFiles", core::Json::array()));
  o.helm.values_inline = h.value("values", "");
  o.helm.set = strings(h.value("set", core::Json::array()));
  o.helm.set_string = strings(h.value("setString", core::Json::array()));
  o.helm.release_name = h.value("releaseName", "");
  o.helm.kube_version = h.value("kubeVersion", "");
  o.helm.api_versions = strings(h.value("apiVersions", core::Json::array()));
  o.helm.include_crds = h.value("includeCrds", false);
  o.helm.no_hooks = h.value("noHooks", false);
  o.helm.show_only = strings(h.value("showOnly", core::Json::array()));
  const core::Json js = j.value("jsonnet", core::Json::object());
  o.jsonnet.tla_str = strings(js.value("tlaStr", core::Json::array()));
  o.jsonnet.tla_code = strings(js.value("tlaCode", core::Json::array()));
  o.jsonnet.ext_str = strings(js.value("extStr", core::Json::array()));
  o.jsonnet.ext_code = strings(js.value("extCode", core::Json::array()));
  o.jsonnet.jpath = strings(js.value("jpath", core::Json::array()));
  const core::Json k = j.value("kustomize", core::Json::object());
  o.kustomize.binary = k.value("binary", "kubectl");
  o.kustomize.allow_remote_bases = k.value("allowRemoteBases", false);
  return o;
}

}  // namespace gitops::plugin
