// Shared app spec sections: name, path, helm and jsonnet.
#include "render/app_spec_sections.h"

#include <cctype>

#include "core/file_tree.h"
#include "core/yaml.h"
#include "render/source_folder.h"

namespace gitops::render {
namespace {

bool is_dns_label(const std::string& name) {
  if (name.empty() || name.size() > 63) return false;
  auto alnum = [](char c) { return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); };
  if (!alnum(name.front()) || !alnum(name.back())) return false;
  for (char c : name) {
    if (!alnum(c) && c != '-') return false;
  }
  return true;
}

// name=value pairs from [{name, value, code}] into `plain` or (code: true) `code`.
void read_variables(const core::Json& parent, std::string_view path, std::string_view key,
                    SpecReader& reader, std::vector<std::string>& plain,
                    std::vector<std::string>& code) {
  const core::Json* list = reader.list(parent, path, key);
  if (list == nullptr) return;
  std::string at = SpecReader::field(path, key);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const core::Json& entry = (*list)[i];
    std::string where = SpecReader::item(at, i);
    if (!entry.is_object()) {
      reader.problem(where, "expected a map with name and value");
      continue;
    }
    reader.only(entry, where, {"name", "value", "code"});
    std::string name = reader.required_string(entry, where, "name");
    std::string value = reader.string(entry, where, "value");
    bool is_code = reader.boolean(entry, where, "code", false);
    (is_code ? code : plain).push_back(name + "=" + value);
  }
}

void read_parameters(const core::Json& helm, std::string_view path, SpecReader& reader,
                     HelmOptions& options) {
  const core::Json* list = reader.list(helm, path, "parameters");
  if (list == nullptr) return;
  std::string at = SpecReader::field(path, "parameters");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const core::Json& entry = (*list)[i];
    std::string where = SpecReader::item(at, i);
    if (!entry.is_object()) {
      reader.problem(where, "expected a map with name and value");
      continue;
    }
    reader.only(entry, where, {"name", "value", "forceString"});
    std::string name = reader.required_string(entry, where, "name");
    std::string value = reader.string(entry, where, "value");
    bool force_string = reader.boolean(entry, where, "forceString", false);
    (force_string ? options.set_string : options.set).push_back(name + "=" + value);
  }
}

void read_value_files(const core::Json& helm, std::string_view path,
                      const std::string& source_path, SpecReader& reader, HelmOptions& options) {
  std::vector<std::string> files = reader.strings(helm, path, "valueFiles");
  std::string at = SpecReader::field(path, "valueFiles");
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& file = files[i];
    if (file.find("://") != std::string::npos || file.starts_with('$')) {
      reader.problem(SpecReader::item(at, i), "remote value files (\"" + file +
                                                  "\") are not supported");
      continue;
    }
    auto joined = file.starts_with('/') ? core::Result<std::string>(core::Error{})
                                        : core::join_tree_path(source_path, file);
    if (!joined || joined->starts_with("..")) {
      reader.problem(SpecReader::item(at, i), "\"" + file + "\" leaves the repository");
      continue;
    }
    options.values_files.push_back(*joined);
  }
}

// values (a YAML string or a map) into values_inline.
void read_inline_values(const core::Json& helm, std::string_view path, std::string_view key,
                        SpecReader& reader, HelmOptions& options) {
  auto it = helm.find(std::string(key));
  if (it == helm.end() || it->is_null()) return;
  if (it->is_string()) {
    options.values_inline = it->get<std::string>();
  } else if (it->is_object()) {
    options.values_inline = core::to_yaml(*it);
  } else {
    reader.problem(SpecReader::field(path, key), "expected a YAML string or a map");
  }
}

}  // namespace

std::string read_app_name(const core::Json& document, SpecReader& reader) {
  const core::Json* metadata = reader.map(document, "", "metadata");
  if (metadata == nullptr) {
    reader.problem("metadata.name", "required");
    return {};
  }
  std::string name = reader.required_string(*metadata, "metadata", "name");
  if (!name.empty() && !is_dns_label(name)) {
    reader.problem("metadata.name",
                   "\"" + name + "\" is not a DNS-1123 label (lowercase letters, digits and '-', "
                                 "at most 63 characters, starting and ending with a letter or digit)");
  }
  return name;
}

std::string read_source_path(const core::Json& parent, std::string_view path, SpecReader& reader) {
  std::string value = reader.string(parent, path, "path", ".");
  auto normalized = normalize_source_path(value);
  if (!normalized) {
    reader.problem(SpecReader::field(path, "path"), "\"" + value + "\" leaves the repository");
    return ".";
  }
  return normalized->empty() ? "." : *normalized;
}

HelmOptions read_helm_section(const core::Json& helm, std::string_view path,
                              const std::string& source_path, HelmDialect dialect,
                              SpecReader& reader) {
  HelmOptions options;
  if (dialect == HelmDialect::app) {
    reader.only(helm, path, {"valueFiles", "values", "parameters", "releaseName"});
  } else {
    reader.only(helm, path,
                {"valueFiles", "values", "valuesObject", "parameters", "releaseName", "skipCrds",
                 "kubeVersion", "apiVersions"},
                "not supported by kubectl-gitops");
    options.include_crds = !reader.boolean(helm, path, "skipCrds", false);
    options.kube_version = reader.string(helm, path, "kubeVersion");
    options.api_versions = reader.strings(helm, path, "apiVersions");
  }
  read_value_files(helm, path, source_path == "." ? "" : source_path, reader, options);
  read_inline_values(helm, path, "values", reader, options);
  if (dialect == HelmDialect::argo) read_inline_values(helm, path, "valuesObject", reader, options);
  read_parameters(helm, path, reader, options);
  options.release_name = reader.string(helm, path, "releaseName");
  return options;
}

JsonnetOptions read_jsonnet_section(const core::Json& jsonnet, std::string_view path,
                                    SpecReader& reader) {
  JsonnetOptions options;
  reader.only(jsonnet, path, {"tlas", "extVars", "libs"});
  read_variables(jsonnet, path, "tlas", reader, options.tla_str, options.tla_code);
  read_variables(jsonnet, path, "extVars", reader, options.ext_str, options.ext_code);
  std::vector<std::string> libs = reader.strings(jsonnet, path, "libs");
  std::string at = SpecReader::field(path, "libs");
  for (std::size_t i = 0; i < libs.size(); ++i) {
    auto folder = normalize_source_path(libs[i]);
    if (!folder) {
      reader.problem(SpecReader::item(at, i), "\"" + libs[i] + "\" leaves the repository");
      continue;
    }
    options.jpath.push_back(folder->empty() ? "." : *folder);
  }
  return options;
}

}  // namespace gitops::render
