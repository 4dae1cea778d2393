// Config file reading: split the stream, read each document as an app spec, check duplicates.
#include "agent/config.h"

#include <fstream>
#include <map>
#include <sstream>

#include "core/yaml.h"

namespace gitops::agent {

core::Result<std::vector<ConfigEntry>> parse_agent_config_entries(
    std::string_view text, std::string_view file, const std::string& default_namespace) {
  auto documents = core::parse_yaml_stream(text, file);
  if (!documents) return core::Error{core::ErrorKind::usage, documents.error().message};
  std::vector<ConfigEntry> apps;
  std::string problems;
  auto problem = [&](const std::string& line) {
    if (!problems.empty()) problems += '\n';
    problems += line;
  };
  std::map<std::pair<std::string, std::string>, int> seen;  // (namespace, name) -> document
  int number = 0;
  for (const core::YamlDocument& document : *documents) {
    ++number;
    if (document.value.is_null()) continue;
    const std::string where = std::string(file) + " (document " + std::to_string(number) + ")";
    auto spec = render::parse_app_spec(document.value.dump(), where);
    if (!spec) {
      problem(spec.error().message);
      continue;
    }
    std::string ns = spec->namespace_.empty() ? default_namespace : spec->namespace_;
    auto [it, added] = seen.emplace(std::pair{ns, spec->name}, number);
    if (!added) {
      problem(where + ": app " + spec->name + " in namespace " + ns +
              " is also defined in document " + std::to_string(it->second));
      continue;
    }
    apps.push_back({std::move(*spec), document.value.dump()});
  }
  if (problems.empty() && apps.empty())
    problem(std::string(file) + ": lists no App or Application");
  if (!problems.empty()) return core::Error{core::ErrorKind::usage, problems};
  return apps;
}

core::Result<std::vector<render::AppSpec>> parse_agent_config(
    std::string_view text, std::string_view file, const std::string& default_namespace) {
  auto entries = parse_agent_config_entries(text, file, default_namespace);
  if (!entries) return entries.error();
  std::vector<render::AppSpec> apps;
  for (auto& entry : *entries) apps.push_back(std::move(entry.spec));
  return apps;
}

core::Result<std::string> read_agent_config_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::Error{core::ErrorKind::usage,
                       "reading agent config " + path.string() + ": cannot open the file"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return core::Error{core::ErrorKind::usage,
                       "reading agent config " + path.string() + ": read error"};
  }
  return text.str();
}

core::Result<std::vector<render::AppSpec>> read_agent_config(const std::filesystem::path& path,
                                                             const std::string& default_namespace) {
  auto text = read_agent_config_text(path);
  if (!text) return text.error();
  return parse_agent_config(*text, path.string(), default_namespace);
}

}  // namespace gitops::agent
