// .Files: the chart's non-template files (Helm's engine.files, a map[string][]byte) with Get,
// GetBytes, Glob (gobwas/glob patterns: `*` within a folder, `**` across folders, `?`, classes,
// `{a,b}`), Lines, AsConfig and AsSecrets (YAML maps of base name to content or base64).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "render/gotemplate/value.h"
#include "render/helm/chart.h"

namespace gitops::render::helm {

// Go's yaml.Marshal of a value as Helm's toYaml prints it (supplied by the engine).
using YamlMarshal = std::function<std::string(const gotemplate::Value&)>;

class FilesObject final : public gotemplate::Object,
                          public std::enable_shared_from_this<FilesObject> {
 public:
  FilesObject(std::map<std::string, std::string, std::less<>> files, YamlMarshal to_yaml);

  std::string type_name() const override { return "engine.files"; }
  std::string kind_name() const override { return "map"; }
  std::optional<gotemplate::Value> field(std::string_view name) const override;
  std::optional<gotemplate::Func> method(std::string_view name) const override;
  std::string format() const override;
  bool truth() const override { return !m_files.empty(); }
  // engine.files is a map[string][]byte: range, len and index see entries().
  std::optional<gotemplate::Value> underlying() const override { return entries(); }

  // The files as a map of name to bytes ([]uint8), for ranging and len.
  gotemplate::Value entries() const;
  // Files.Glob: the files whose name matches `pattern`; an invalid pattern matches everything.
  std::shared_ptr<FilesObject> glob(std::string_view pattern) const;
  // Files.AsConfig / AsSecrets.
  std::string as_config() const;
  std::string as_secrets() const;
  // Files.Lines: the file split on "\n" ([] for a missing file).
  std::vector<std::string> lines(std::string_view name) const;

 private:
  std::map<std::string, std::string, std::less<>> m_files;
  YamlMarshal m_to_yaml;
};

// The .Files value of `chart` (its files, crds/ included).
gotemplate::Value files_value(const Chart& chart, YamlMarshal to_yaml);

// True when `name` matches the gobwas/glob `pattern` with '/' as separator; false for an invalid
// pattern.
core::Result<bool> glob_match(std::string_view pattern, std::string_view name);

}  // namespace gitops::render::helm
