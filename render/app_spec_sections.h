// The parts of an app spec that the App kind and the Argo CD Application share: the app name,
// the source path, and the helm and jsonnet sections (same field names in both).
#pragma once

#include <string>
#include <string_view>

#include "core/object.h"
#include "render/source.h"
#include "render/spec_reader.h"

namespace gitops::render {

// metadata.name, checked to be a DNS-1123 label.
std::string read_app_name(const core::Json& document, SpecReader& reader);

// parent[key] as a normalised tree path ("." when absent); a problem when it leaves the tree.
std::string read_source_path(const core::Json& parent, std::string_view path, SpecReader& reader);

// Which helm fields a kind accepts beyond the common ones.
enum class HelmDialect { app, argo };

// The helm section at `path` (a map): valueFiles (made relative to the repository root by
// joining `source_path`), values, parameters, releaseName; for Argo CD also valuesObject,
// skipCrds, kubeVersion and apiVersions.
HelmOptions read_helm_section(const core::Json& helm, std::string_view path,
                              const std::string& source_path, HelmDialect dialect,
                              SpecReader& reader);

// The jsonnet section at `path` (a map): tlas, extVars ([{name, value, code}]) and libs.
JsonnetOptions read_jsonnet_section(const core::Json& jsonnet, std::string_view path,
                                    SpecReader& reader);

}  // namespace gitops::render
