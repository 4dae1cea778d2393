// Namespace defaulting, membership labels and port protocol defaults.
#include "diff/prepare.h"

#include <map>

namespace gitops::diff {
namespace {

void fill_ports(core::Json* ports) {
  if (ports == nullptr || !ports->is_array()) return;
  for (auto& port : *ports) {
    if (port.is_object() && !port.contains("protocol")) port["protocol"] = "TCP";
  }
}

core::Json* at(core::Json& object, const char* pointer) {
  core::Json::json_pointer ptr(pointer);
  if (!object.contains(ptr)) return nullptr;
  return &object.at(ptr);
}

void fill_pod_spec(core::Json* spec) {
  if (spec == nullptr || !spec->is_object()) return;
  for (const char* list : {"containers", "initContainers"}) {
    auto it = spec->find(list);
    if (it == spec->end() || !it->is_array()) continue;
    for (auto& container : *it) {
      if (container.is_object() && container.contains("ports")) fill_ports(&container["ports"]);
    }
  }
}

// Scope of kinds defined by CRDs in the render: "group/Kind" -> namespaced.
std::map<std::string, bool> crd_scopes(const core::Objects& rendered) {
  std::map<std::string, bool> scopes;
  for (const auto& object : rendered) {
    const core::Json& b = object.body;
    if (b.value("kind", "") != "CustomResourceDefinition") continue;
    const core::Json spec = b.value("spec", core::Json::object());
    std::string group = spec.value("group", "");
    std::string kind = spec.value("names", core::Json::object()).value("kind", "");
    scopes[group + "/" + kind] = spec.value("scope", "Namespaced") == "Namespaced";
  }
  return scopes;
}

void add_label(core::Json& body, const std::string& key, const std::string& value) {
  core::Json& labels = body["metadata"]["labels"];
  if (!labels.is_object()) labels = core::Json::object();
  labels[key] = value;
}

}  // namespace

void fill_port_protocols(core::Json& object) {
  const std::string kind = object.value("kind", "");
  if (kind == "Service") {
    fill_ports(at(object, "/spec/ports"));
  } else if (kind == "Pod") {
    fill_pod_spec(at(object, "/spec"));
  } else if (kind == "CronJob") {
    fill_pod_spec(at(object, "/spec/jobTemplate/spec/template/spec"));
  } else {
    fill_pod_spec(at(object, "/spec/template/spec"));
  }
}

core::Result<std::vector<PreparedObject>> prepare_objects(const core::Objects& rendered,
                                                          kube::Discovery& discovery,
                                                          const PrepareOptions& options) {
  std::map<std::string, bool> crds = crd_scopes(rendered);
  std::vector<PreparedObject> out;
  std::string problems;
  for (const auto& object : rendered) {
    PreparedObject p{object.body, object.key(), object.origin, false};
    bool namespaced = false;
    auto resource = discovery.find(p.key.group, p.key.version, p.key.kind);
    if (resource) {
      namespaced = resource->namespaced;
    } else if (auto crd = crds.find(p.key.group + "/" + p.key.kind); crd != crds.end()) {
      namespaced = crd->second;
      p.kind_pending = true;
    } else {
      if (!problems.empty()) problems += '\n';
      problems += "preparing " + p.key.to_string() + " (" + object.origin.to_string() +
                  "): " + resource.error().message;
      if (resource.error().kind == core::ErrorKind::cluster) return resource.error();
      continue;
    }
    core::Json& meta = p.body["metadata"];
    if (namespaced && p.key.namespace_.empty()) meta["namespace"] = options.namespace_;
    if (!namespaced) meta.erase("namespace");
    p.key.namespace_ = namespaced ? meta.value("namespace", "") : "";
    if (!options.applyset_id.empty()) {
      add_label(p.body, "applyset.kubernetes.io/part-of", options.applyset_id);
    }
    fill_port_protocols(p.body);
    out.push_back(std::move(p));
  }
  if (!problems.empty()) return core::Error{core::ErrorKind::rejected, problems};
  return out;
}

}  // namespace gitops::diff
