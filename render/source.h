// The options every renderer takes: which kind of source a folder is (SourceType) and the
// per-renderer settings filled from flags or an app spec (SourceOptions). Plain values; the
// conversion from flags validates them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gitops::render {

// The closed set of source kinds; `auto_` asks render() to detect the kind (render/detect.h).
enum class SourceType { auto_, directory, kustomize, helm, jsonnet };

// "auto", "directory", "kustomize", "helm" or "jsonnet".
std::string_view to_string(SourceType type);

// The SourceType named by `text` (as printed by to_string); an error (kind usage) naming the
// accepted values otherwise.
core::Result<SourceType> parse_source_type(std::string_view text);

// As `helm template` takes them; paths are tree paths (relative to the repository root).
struct HelmOptions {
  std::vector<std::string> values_files;  // --values, applied in order
  // Parallel to values_files (may be shorter): a set entry is the bytes of that file, read by the
  // caller (with --local, files named on the command line are read from disk, as helm does);
  // an unset or missing entry means values_files[i] is read from the tree.
  std::vector<std::optional<std::string>> values_contents;
  std::string values_inline;              // inline values YAML (app specs), after values_files
  std::vector<std::string> set;           // --set K=V
  std::vector<std::string> set_string;    // --set-string K=V
  std::string release_name;               // "" means the app name
  std::string kube_version;               // --kube-version
  std::vector<std::string> api_versions;  // --api-versions G/V[/Kind]
  bool include_crds = false;
  bool no_hooks = false;
  std::vector<std::string> show_only;     // --show-only PATH
  // A `helm` program to run instead of the native engine (--helm-binary, KUBECTL_GITOPS_HELM);
  // "" renders natively.
  std::string binary;
  std::chrono::milliseconds timeout = std::chrono::seconds(90);  // for `binary`
};

// As the `jsonnet` CLI takes them; each variable is "KEY=VALUE".
struct JsonnetOptions {
  std::vector<std::string> tla_str;
  std::vector<std::string> tla_code;
  std::vector<std::string> ext_str;
  std::vector<std::string> ext_code;
  // Library folders (--jpath), tree paths; searched after the importing file's folder, the last
  // one first (right-most wins, as in the jsonnet CLI).
  std::vector<std::string> jpath;
};

struct KustomizeOptions {
  // "kubectl" runs `kubectl kustomize DIR`; any other program (a `kustomize` binary, by name on
  // PATH or by path) runs `PROGRAM build DIR`.
  std::string binary = "kubectl";
  // Remote bases (URLs, github.com/... entries) are refused before running unless this is set.
  bool allow_remote_bases = false;
  std::chrono::milliseconds timeout = std::chrono::seconds(90);
};

struct SourceOptions {
  SourceType type = SourceType::auto_;
  std::string path = ".";  // folder inside the tree
  bool recursive = false;  // directory sources: descend into sub-folders
  HelmOptions helm;
  JsonnetOptions jsonnet;
  KustomizeOptions kustomize;
  std::string app_name;
  std::string namespace_;
};

}  // namespace gitops::render
