// .Capabilities objects: Capabilities, KubeVersion (a Stringer), VersionSet (with Has) and
// BuildInfo (see capabilities.h).
#include "render/helm/capabilities.h"

#include "render/helm/semver.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Func;
using gotemplate::Param;
using gotemplate::Signature;
using gotemplate::Value;

std::string join(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? " " : "") + items[i];
  return out + "]";
}

class KubeVersionObject final : public gotemplate::Object {
 public:
  explicit KubeVersionObject(KubeVersion v) : m_v(std::move(v)) {}
  std::string type_name() const override { return "chartutil.KubeVersion"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "Version") return Value::string(m_v.version);
    if (name == "Major") return Value::string(m_v.major);
    if (name == "Minor") return Value::string(m_v.minor);
    return std::nullopt;
  }
  std::optional<Func> method(std::string_view name) const override {
    if (name != "String" && name != "GitVersion") return std::nullopt;
    std::string v = m_v.version;
    return Func{Signature{}, [v](gotemplate::CallContext&, std::span<const Value>) {
                  return core::Result<Value>(Value::string(v));
                }};
  }
  std::string format() const override { return m_v.version; }
  bool is_stringer() const override { return true; }

 private:
  KubeVersion m_v;
};

class VersionSetObject final : public gotemplate::Object {
 public:
  explicit VersionSetObject(std::vector<std::string> v) : m_v(std::move(v)) {}
  std::string type_name() const override { return "chartutil.VersionSet"; }
  std::string kind_name() const override { return "slice"; }
  std::optional<Value> field(std::string_view) const override { return std::nullopt; }
  std::optional<Func> method(std::string_view name) const override {
    if (name != "Has") return std::nullopt;
    auto versions = m_v;
    return Func{Signature{{Param::string}},
                [versions](gotemplate::CallContext&, std::span<const Value> args) {
                  for (const auto& v : versions) {
                    if (v == args[0].as_string()) return core::Result<Value>(Value::boolean(true));
                  }
                  return core::Result<Value>(Value::boolean(false));
                }};
  }
  std::string format() const override { return join(m_v); }
  bool truth() const override { return !m_v.empty(); }
  std::optional<Value> underlying() const override { return Value::string_list(m_v); }

 private:
  std::vector<std::string> m_v;
};

class BuildInfoObject final : public gotemplate::Object {
 public:
  std::string type_name() const override { return "version.BuildInfo"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "Version") return Value::string("v3.5.4");
    if (name == "GitCommit") return Value::string("1b5edb69df3d3a08df77c9902dc17af864ff05d1");
    if (name == "GitTreeState") return Value::string("clean");
    if (name == "GoVersion") return Value::string("go1.19");
    return std::nullopt;
  }
  std::string format() const override {
    return "{v3.5.4 1b5edb69df3d3a08df77c9902dc17af864ff05d1 clean go1.19}";
  }
};

class CapabilitiesObject final : public gotemplate::Object {
 public:
  explicit CapabilitiesObject(const Capabilities& caps)
      : m_kube(Value::object(std::make_shared<KubeVersionObject>(caps.kube_version))),
        m_apis(Value::object(std::make_shared<VersionSetObject>(caps.api_versions))),
        m_helm(Value::object(std::make_shared<BuildInfoObject>())),
        m_text("&{" + caps.kube_version.version + " " + join(caps.api_versions) + " " +
               m_helm.as_object().format() + "}") {}
  std::string type_name() const override { return "*chartutil.Capabilities"; }
  std::string kind_name() const override { return "ptr"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "KubeVersion") return m_kube;
    if (name == "APIVersions") return m_apis;
    if (name == "HelmVersion") return m_helm;
    return std::nullopt;
  }
  std::string format() const override { return m_text; }

 private:
  Value m_kube;
  Value m_apis;
  Value m_helm;
  std::string m_text;
};

}  // namespace

core::Result<KubeVersion> parse_kube_version(std::string_view text) {
  auto v = parse_semver(text);
  if (!v.ok()) {
    return core::Error{core::ErrorKind::usage, "invalid kube version '" + std::string(text) +
                                                   "': Invalid Semantic Version"};
  }
  return KubeVersion{"v" + v->to_string(), std::to_string(v->major), std::to_string(v->minor)};
}

const std::vector<std::string>& default_api_versions() {
  static const std::vector<std::string> versions = {
      "admissionregistration.k8s.io/v1",      "admissionregistration.k8s.io/v1beta1",
      "apiextensions.k8s.io/v1",              "apiextensions.k8s.io/v1beta1",
      "apps/v1",                              "apps/v1beta1",
      "apps/v1beta2",                         "authentication.k8s.io/v1",
      "authentication.k8s.io/v1beta1",        "authorization.k8s.io/v1",
      "authorization.k8s.io/v1beta1",         "autoscaling/v1",
      "autoscaling/v2beta1",                  "autoscaling/v2beta2",
      "batch/v1",                             "batch/v1beta1",
      "batch/v2alpha1",                       "certificates.k8s.io/v1",
      "certificates.k8s.io/v1beta1",          "coordination.k8s.io/v1",
      "coordination.k8s.io/v1beta1",          "discovery.k8s.io/v1alpha1",
      "discovery.k8s.io/v1beta1",             "events.k8s.io/v1",
      "events.k8s.io/v1beta1",                "extensions/v1beta1",
      "flowcontrol.apiserver.k8s.io/v1alpha1", "flowcontrol.apiserver.k8s.io/v1beta1",
      "internal.apiserver.k8s.io/v1alpha1",   "networking.k8s.io/v1",
      "networking.k8s.io/v1beta1",            "node.k8s.io/v1",
      "node.k8s.io/v1alpha1",                 "node.k8s.io/v1beta1",
      "policy/v1beta1",                       "rbac.authorization.k8s.io/v1",
      "rbac.authorization.k8s.io/v1alpha1",   "rbac.authorization.k8s.io/v1beta1",
      "scheduling.k8s.io/v1",                 "scheduling.k8s.io/v1alpha1",
      "scheduling.k8s.io/v1beta1",            "storage.k8s.io/v1",
      "storage.k8s.io/v1alpha1",              "storage.k8s.io/v1beta1",
      "v1"};
  return versions;
}

Value capabilities_value(const Capabilities& caps) {
  return Value::object(std::make_shared<CapabilitiesObject>(caps));
}

}  // namespace gitops::render::helm
