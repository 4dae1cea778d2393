// App spec files: one YAML document, dispatched on apiVersion and kind to the App reader below
// or to read_argo_application().
#include "render/app_spec.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include "core/yaml.h"
#include "render/app_spec_sections.h"
#include "render/argo_application.h"

namespace gitops::render {
namespace {

constexpr std::string_view k_app_api_version = "gitops.kubectl.dev/v1alpha1";
constexpr std::string_view k_argo_api_version = "argoproj.io/v1alpha1";

void read_app_source(const core::Json& spec, SpecReader& reader, AppSpec& app) {
  std::string type = reader.string(spec, "spec", "sourceType", "auto");
  auto parsed = parse_source_type(type);
  if (parsed) {
    app.source.type = *parsed;
  } else {
    reader.problem("spec.sourceType", parsed.error().message);
  }
  app.source.recursive = reader.boolean(spec, "spec", "recursive", false);
  if (const core::Json* helm = reader.map(spec, "spec", "helm")) {
    app.source.helm = read_helm_section(*helm, "spec.helm", app.source.path, HelmDialect::app,
                                        reader);
  }
  if (const core::Json* jsonnet = reader.map(spec, "spec", "jsonnet")) {
    app.source.jsonnet = read_jsonnet_section(*jsonnet, "spec.jsonnet", reader);
  }
}

AppSpec read_app(const core::Json& document, SpecReader& reader) {
  AppSpec app;
  app.kind = AppSpecKind::app;
  reader.only(document, "", {"apiVersion", "kind", "metadata", "spec"});
  app.name = read_app_name(document, reader);
  const core::Json* spec = reader.map(document, "", "spec");
  if (spec == nullptr) return app;
  reader.only(*spec, "spec",
              {"repo", "ref", "path", "sourceType", "recursive", "namespace", "helm", "jsonnet",
               "prune", "selfHeal", "interval"});
  app.repo = reader.string(*spec, "spec", "repo");
  app.ref = reader.string(*spec, "spec", "ref", "HEAD");
  if (app.ref.empty()) app.ref = "HEAD";
  app.source.path = read_source_path(*spec, "spec", reader);
  read_app_source(*spec, reader, app);
  app.namespace_ = reader.string(*spec, "spec", "namespace");
  app.prune = reader.boolean(*spec, "spec", "prune", true);
  app.self_heal = reader.boolean(*spec, "spec", "selfHeal", false);
  std::string interval = reader.string(*spec, "spec", "interval");
  if (!interval.empty()) {
    auto seconds = parse_duration(interval);
    if (seconds) {
      app.interval = *seconds;
    } else {
      reader.problem("spec.interval", seconds.error().message);
    }
  }
  return app;
}

// The one document of the file; an error naming the file otherwise.
core::Result<core::Json> single_document(std::string_view text, std::string_view file) {
  auto documents = core::parse_yaml_stream(text, file);
  if (!documents) return core::Error{core::ErrorKind::usage, documents.error().message};
  std::vector<core::Json> found;
  for (core::YamlDocument& document : *documents) {
    if (!document.value.is_null()) found.push_back(std::move(document.value));
  }
  if (found.size() != 1) {
    return core::Error{core::ErrorKind::usage,
                       std::string(file) + ": expected one App or Application document, found " +
                           std::to_string(found.size())};
  }
  if (!found.front().is_object()) {
    return core::Error{core::ErrorKind::usage,
                       std::string(file) + ": expected a map with apiVersion and kind"};
  }
  return std::move(found.front());
}

}  // namespace

std::string_view to_string(AppSpecKind kind) {
  return kind == AppSpecKind::app ? "App" : "Application";
}

core::Result<AppSpec> parse_app_spec(std::string_view text, std::string_view file) {
  auto document = single_document(text, file);
  if (!document) return document.error();
  auto field = [&](const char* key) {
    auto it = document->find(key);
    return it != document->end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::string api_version = field("apiVersion");
  std::string kind = field("kind");
  SpecReader reader{std::string(file)};
  AppSpec app;
  if (api_version == k_app_api_version && kind == "App") {
    app = read_app(*document, reader);
  } else if (api_version == k_argo_api_version && kind == "Application") {
    app = read_argo_application(*document, reader);
  } else {
    return core::Error{core::ErrorKind::usage,
                       std::string(file) + ": apiVersion \"" + api_version + "\" kind \"" + kind +
                           "\" is neither an App (" + std::string(k_app_api_version) +
                           ") nor an Argo CD Application (" + std::string(k_argo_api_version) + ")"};
  }
  if (auto status = reader.finish(); !status) return status.error();
  app.source.app_name = app.name;
  app.source.namespace_ = app.namespace_;
  return app;
}

core::Result<AppSpec> read_app_spec(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::Error{core::ErrorKind::usage,
                       "reading app spec " + path.string() + ": cannot open the file"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_app_spec(text.str(), path.string());
}

core::Result<std::chrono::seconds> parse_duration(std::string_view text) {
  auto bad = [&] {
    return core::Error{core::ErrorKind::usage,
                       "\"" + std::string(text) +
                           "\" is not a duration in whole seconds such as 90s, 3m or 1h30m"};
  };
  long long total = 0;
  std::size_t i = 0;
  if (text.empty()) return bad();
  while (i < text.size()) {
    long long number = 0;
    std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      number = number * 10 + (text[i] - '0');
      if (number > 100'000'000) return bad();
      ++i;
    }
    if (i == start || i == text.size()) return bad();
    char unit = text[i++];
    if (unit == 'h') {
      total += number * 3600;
    } else if (unit == 'm') {
      total += number * 60;
    } else if (unit == 's') {
      total += number;
    } else {
      return bad();
    }
  }
  if (total <= 0) return bad();
  return std::chrono::seconds(total);
}

}  // namespace gitops::render
