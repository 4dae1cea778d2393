// .Capabilities as `helm template` builds it: the Kubernetes version (--kube-version, default
// v1.20.0), the API versions of the Kubernetes 1.20 client scheme plus --api-versions, and Helm's
// own version. Exposed to templates as Go objects with Helm's field and method names.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "render/gotemplate/value.h"

namespace gitops::render::helm {

struct KubeVersion {
  std::string version = "v1.20.0";  // "v" + the parsed semantic version
  std::string major = "1";
  std::string minor = "20";
};

// The KubeVersion `text` ("1.25", "v1.27.4", "1.25.3-gke.100") names; fails (kind usage) with
// "invalid kube version 'x': Invalid Semantic Version".
core::Result<KubeVersion> parse_kube_version(std::string_view text);

// The 45 group/versions of the Kubernetes 1.20 scheme, sorted.
const std::vector<std::string>& default_api_versions();

struct Capabilities {
  KubeVersion kube_version;
  std::vector<std::string> api_versions;  // defaults first, then --api-versions
};

// The .Capabilities value (a *chartutil.Capabilities object).
gotemplate::Value capabilities_value(const Capabilities& caps);

}  // namespace gitops::render::helm
