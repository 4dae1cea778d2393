// Chart loading (see chart_loader.h): folder walk with .helmignore, then Helm's LoadFiles sorting
// of files into metadata, values, schema, templates, other files and subcharts.
#include "render/helm/chart_loader.h"

#include <algorithm>
#include <map>

#include "render/helm/archive.h"
#include "render/helm/chart_metadata.h"
#include "render/helm/helmignore.h"
#include "render/helm/values_yaml.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Value;

core::Error source_error(std::string message) {
  return core::Error{core::ErrorKind::source, std::move(message)};
}

struct Walk {
  const core::FileTree& tree;
  std::string root;
  const HelmIgnore& rules;
  std::vector<ChartFile>& files;
  std::size_t total = 0;

  core::Status folder(const std::string& rel) {
    std::string dir = rel.empty() ? root : root.empty() ? rel : root + "/" + rel;
    auto entries = tree.list(dir.empty() ? "." : dir);
    if (!entries) return entries.error();
    for (const auto& e : *entries) {
      std::string path = rel.empty() ? e.name : rel + "/" + e.name;
      bool is_dir = e.type == core::EntryType::directory;
      if (rules.ignored(path, is_dir)) continue;
      if (is_dir) {
        if (auto st = folder(path); !st) return st;
        continue;
      }
      auto data = tree.read(root.empty() ? path : root + "/" + path);
      if (!data) return data.error();
      total += data->size();
      if (total > k_max_archive_bytes) {
        return source_error("chart is larger than " + std::to_string(k_max_archive_bytes) + " bytes");
      }
      if (data->rfind("\xEF\xBB\xBF", 0) == 0) data->erase(0, 3);
      files.push_back(ChartFile{path, std::move(*data)});
    }
    return {};
  }
};

core::Result<std::vector<ChartFile>> read_folder(const core::FileTree& tree, const std::string& root) {
  HelmIgnore rules = HelmIgnore::defaults();
  std::string ignore_path = root.empty() ? ".helmignore" : root + "/.helmignore";
  core::EntryType type{};
  if (tree.exists(ignore_path, &type) && type == core::EntryType::file) {
    auto text = tree.read(ignore_path);
    if (!text) return text.error();
    auto parsed = HelmIgnore::parse(*text);
    if (!parsed) return parsed.error();
    rules = std::move(*parsed);
  }
  std::vector<ChartFile> files;
  Walk walk{tree, root, rules, files};
  if (auto st = walk.folder(""); !st) return st.error();
  return files;
}

core::Status read_metadata(const std::vector<ChartFile>& files, Chart& c) {
  for (const auto& f : files) {
    if (f.name != "Chart.yaml") continue;
    if (!c.metadata) c.metadata = std::make_shared<Metadata>();
    auto doc = parse_values_yaml(f.data);
    core::Status st = doc ? decode_metadata(*doc, *c.metadata) : core::Status(doc.error());
    if (!st) return st.error().context("cannot load Chart.yaml");
    if (c.metadata->api_version.empty()) c.metadata->api_version = "v1";
  }
  return {};
}

core::Status read_values(const ChartFile& f, Chart& c) {
  auto doc = parse_values_yaml(f.data);
  if (!doc) return doc.error().context("cannot load values.yaml");
  if (doc->is_nil()) {
    c.values = empty_map();
  } else if (doc->kind() != gotemplate::Kind::map) {
    return source_error(
        "cannot load values.yaml: error unmarshaling JSON: json: cannot unmarshal array into Go "
        "value of type map[string]interface {}");
  } else {
    c.values = *doc;
  }
  return {};
}

core::Status read_requirements(const ChartFile& f, Chart& c) {
  if (!c.metadata) c.metadata = std::make_shared<Metadata>();
  auto doc = parse_values_yaml(f.data);
  core::Status st = doc ? decode_metadata(*doc, *c.metadata) : core::Status(doc.error());
  if (!st) return st.error().context("cannot load " + f.name);
  if (c.metadata->api_version == "v1") c.files.push_back(f);
  return {};
}

// Sorts `files` into `c`, gathering each subchart's files (names without "charts/").
core::Status sort_files(std::vector<ChartFile>& files, Chart& c,
                        std::map<std::string, std::vector<ChartFile>>& subcharts) {
  for (auto& f : files) {
    if (f.name == "Chart.yaml" || f.name == "Chart.lock") continue;
    if (f.name == "values.yaml") {
      if (auto st = read_values(f, c); !st) return st;
    } else if (f.name == "values.schema.json") {
      c.schema = f.data;
    } else if (f.name == "requirements.yaml") {
      if (auto st = read_requirements(f, c); !st) return st;
    } else if (f.name == "requirements.lock") {
      if (!c.metadata) c.metadata = std::make_shared<Metadata>();
      if (c.metadata->api_version == "v1") c.files.push_back(f);
    } else if (f.name.rfind("templates/", 0) == 0) {
      c.templates.push_back(f);
    } else if (f.name.rfind("charts/", 0) == 0) {
      if (f.name.size() > 5 && f.name.substr(f.name.size() - 5) == ".prov") {
        c.files.push_back(f);
        continue;
      }
      std::string rest = f.name.substr(7);
      std::string sub = rest.substr(0, rest.find('/'));
      subcharts[sub].push_back(ChartFile{rest, std::move(f.data)});
    } else {
      c.files.push_back(f);
    }
  }
  return {};
}

core::Result<std::shared_ptr<Chart>> load_subchart(const std::string& n, std::vector<ChartFile>& files) {
  if (n.size() > 4 && n.substr(n.size() - 4) == ".tgz") return load_chart_archive(files[0].data);
  std::vector<ChartFile> inner;
  for (auto& f : files) {
    auto slash = f.name.find('/');
    if (slash == std::string::npos) continue;
    inner.push_back(ChartFile{f.name.substr(slash + 1), std::move(f.data)});
  }
  return load_chart_files(std::move(inner));
}

}  // namespace

core::Result<std::shared_ptr<Chart>> load_chart_files(std::vector<ChartFile> files) {
  auto c = std::make_shared<Chart>();
  c->values = empty_map();
  if (auto st = read_metadata(files, *c); !st) return st.error();
  std::map<std::string, std::vector<ChartFile>> subcharts;
  if (auto st = sort_files(files, *c, subcharts); !st) return st.error();
  if (!c->metadata) return source_error("Chart.yaml file is missing");
  if (auto st = validate_metadata(*c->metadata); !st) return st.error();
  std::vector<std::shared_ptr<Chart>> deps;
  for (auto& [n, sub_files] : subcharts) {
    if (n.empty() || n[0] == '_' || n[0] == '.') continue;
    if (n.size() > 4 && n.substr(n.size() - 4) == ".tgz" && sub_files[0].name != n) {
      return source_error("error unpacking tar in " + c->name() + ": expected " + n + ", got " +
                          sub_files[0].name);
    }
    auto sub = load_subchart(n, sub_files);
    if (!sub) return sub.error().context("error unpacking " + n + " in " + c->name());
    deps.push_back(*sub);
  }
  c->set_dependencies(std::move(deps));
  return c;
}

core::Result<std::shared_ptr<Chart>> load_chart_archive(std::string_view bytes) {
  auto files = read_chart_archive(bytes);
  if (!files) return files.error();
  return load_chart_files(std::move(*files));
}

core::Result<std::shared_ptr<Chart>> load_chart(const core::FileTree& tree, std::string_view path) {
  std::string dir(path);
  while (dir.rfind("./", 0) == 0) dir.erase(0, 2);
  while (!dir.empty() && dir.back() == '/') dir.pop_back();
  if (dir == ".") dir.clear();
  core::EntryType type{};
  if (!tree.exists(dir.empty() ? "." : dir, &type)) {
    return source_error("path \"" + std::string(path) + "\" not found");
  }
  if (type == core::EntryType::file) {
    auto bytes = tree.read(dir);
    if (!bytes) return bytes.error();
    return load_chart_archive(*bytes);
  }
  auto files = read_folder(tree, dir);
  if (!files) return files.error();
  return load_chart_files(std::move(*files));
}

}  // namespace gitops::render::helm
