// Preparing rendered objects for the API server, shared by diff and sync so both send the same
// bytes: namespaces defaulted from discovery (or from a CRD in the same render), dropped on
// cluster-scoped kinds, the ApplySet membership label added, and port entries without
// `protocol` given the server's own default, TCP (servers before 1.21 reject server-side apply
// of such list entries: kubernetes/kubernetes#98576).
#pragma once

#include <string>
#include <vector>

#include "core/object.h"
#include "core/result.h"
#include "kube/discovery.h"

namespace gitops::diff {

struct PrepareOptions {
  std::string namespace_;    // for namespaced objects without one
  std::string applyset_id;   // value of applyset.kubernetes.io/part-of; "" = no label
};

struct PreparedObject {
  core::Json body;
  core::ObjectKey key;
  core::Origin origin;
  // The kind is defined by a CRD of the same render that the server does not serve yet.
  bool kind_pending = false;
};

// Every rendered object as it will be applied, in input order. Fails (kind rejected) listing
// every object whose kind the server does not serve and no CRD of the render defines.
core::Result<std::vector<PreparedObject>> prepare_objects(const core::Objects& rendered,
                                                          kube::Discovery& discovery,
                                                          const PrepareOptions& options);

// Sets `protocol: TCP` on Service ports and container/init-container ports of Pods and Pod
// templates (workloads, Jobs, CronJobs) where it is missing.
void fill_port_protocols(core::Json& object);

}  // namespace gitops::diff
