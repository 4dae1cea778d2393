// Client writes: server-side apply (single and batched), create, update, delete.
#include <algorithm>

#include "kube/api_error.h"
#include "kube/client.h"

namespace gitops::kube {
namespace {

std::string write_query(const std::string& field_manager, DryRun dry_run, Force force) {
  std::string q = "?fieldManager=" + url_escape(field_manager);
  if (force == Force::yes) q += "&force=true";
  if (dry_run == DryRun::yes) q += "&dryRun=All";
  return q;
}

Idempotency write_idempotency(DryRun dry_run, Idempotency otherwise) {
  return dry_run == DryRun::yes ? Idempotency::dry_run : otherwise;
}

core::Result<Json> decode_write(core::Result<Response>&& result, const Operation& operation) {
  if (!result) return result.error().context(operation.verb + " " + operation.target);
  if (result->status >= 400) return to_error(parse_api_error(*result), operation);
  Json body = Json::parse(result->body, nullptr, false);
  if (body.is_discarded()) {
    return core::Error{core::ErrorKind::cluster,
                       operation.verb + " " + operation.target + ": the API server answered HTTP " +
                           std::to_string(result->status) + " with a body that is not JSON"};
  }
  return body;
}

std::string_view propagation_name(Propagation p) {
  switch (p) {
    case Propagation::background: return "Background";
    case Propagation::foreground: return "Foreground";
    case Propagation::orphan: return "Orphan";
  }
  return "Background";
}

}  // namespace

std::vector<Request> Client::prepare_applies(const std::vector<Json>& objects,
                                             const ApplyOptions& options,
                                             std::vector<core::Result<Json>>& results,
                                             std::vector<std::size_t>& indices,
                                             std::vector<std::string>& targets) {
  std::vector<Request> requests;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const core::ObjectKey key = key_of(objects[i]);
    if (key.kind.empty() || key.version.empty() || key.name.empty()) {
      results[i] = core::Error{core::ErrorKind::rejected,
                               "applying " + describe(key) + ": the object needs apiVersion, kind and metadata.name"};
      continue;
    }
    auto target = resolve(key.group, key.version, key.kind, key.namespace_, key.name);
    if (!target) {
      results[i] = target.error().context("applying " + describe(key));
      continue;
    }
    Json body = objects[i];
    if (target->resource.namespaced && key.namespace_.empty()) {
      body["metadata"]["namespace"] = m_config.namespace_;
    }
    Request request;
    request.method = Method::patch;
    request.path = target->path + write_query(options.field_manager, options.dry_run, options.force);
    request.body = body.dump();
    request.content_type = "application/apply-patch+yaml";
    request.idempotency = write_idempotency(options.dry_run, Idempotency::idempotent_write);
    requests.push_back(std::move(request));
    indices.push_back(i);
    targets.push_back(target->description);
  }
  return requests;
}

std::vector<core::Result<Json>> Client::apply_all(const std::vector<Json>& objects,
                                                  const ApplyOptions& options) {
  std::vector<core::Result<Json>> results(objects.size(),
                                          core::Error{core::ErrorKind::internal, "not applied"});
  std::vector<std::size_t> indices;
  std::vector<std::string> targets;
  auto requests = prepare_applies(objects, options, results, indices, targets);
  auto responses = execute_all(std::move(requests));
  for (std::size_t j = 0; j < responses.size(); ++j) {
    results[indices[j]] = decode_write(std::move(responses[j]), {"applying", targets[j], true});
  }
  return results;
}

core::Result<Json> Client::apply(const Json& object, const ApplyOptions& options) {
  return std::move(apply_all({object}, options).front());
}

core::Result<Json> Client::create(const Json& object, const WriteOptions& options) {
  const core::ObjectKey key = key_of(object);
  auto target = resolve(key.group, key.version, key.kind, key.namespace_, "");
  if (!target) return target.error().context("creating " + describe(key));
  Json body = object;
  std::string description = target->description + " " + key.name;
  if (target->resource.namespaced && key.namespace_.empty()) {
    body["metadata"]["namespace"] = m_config.namespace_;
    auto again = resolve(key.group, key.version, key.kind, m_config.namespace_, "");
    if (!again) return again.error();
    target = std::move(again);
  }
  if (target->resource.namespaced) {
    description = target->resource.api_version() + " " + key.kind + " " +
                  body["metadata"].value("namespace", "") + "/" + key.name;
  }
  Request request;
  request.method = Method::post;
  request.path = target->path + write_query(options.field_manager, options.dry_run, Force::no);
  request.body = body.dump();
  request.content_type = "application/json";
  request.idempotency = write_idempotency(options.dry_run, Idempotency::write);
  return decode_write(execute(std::move(request)), {"creating", description, true});
}

core::Result<Json> Client::update(const Json& object, const WriteOptions& options) {
  const core::ObjectKey key = key_of(object);
  auto target = resolve(key.group, key.version, key.kind, key.namespace_, key.name);
  if (!target) return target.error().context("updating " + describe(key));
  Json body = object;
  if (target->resource.namespaced && key.namespace_.empty()) {
    body["metadata"]["namespace"] = m_config.namespace_;
  }
  Request request;
  request.method = Method::put;
  request.path = target->path + write_query(options.field_manager, options.dry_run, Force::no);
  request.body = body.dump();
  request.content_type = "application/json";
  request.idempotency = write_idempotency(options.dry_run, Idempotency::idempotent_write);
  return decode_write(execute(std::move(request)), {"updating", target->description, true});
}

core::Result<bool> Client::delete_object(const core::ObjectKey& key, const DeleteOptions& options) {
  auto target = resolve(key.group, key.version, key.kind, key.namespace_, key.name);
  if (!target) return target.error().context("deleting " + describe(key));
  Json body = {{"apiVersion", "v1"},
               {"kind", "DeleteOptions"},
               {"propagationPolicy", propagation_name(options.propagation)}};
  if (!options.precondition_uid.empty()) body["preconditions"]["uid"] = options.precondition_uid;
  if (!options.precondition_resource_version.empty()) {
    body["preconditions"]["resourceVersion"] = options.precondition_resource_version;
  }
  if (options.dry_run == DryRun::yes) body["dryRun"] = Json::array({"All"});
  Request request;
  request.method = Method::delete_;
  request.path = target->path;
  request.body = body.dump();
  request.content_type = "application/json";
  request.idempotency = write_idempotency(options.dry_run, Idempotency::idempotent_write);
  auto result = execute(std::move(request));
  if (result && result->status == 404) return false;
  auto decoded = decode_write(std::move(result), {"deleting", target->description, true});
  if (!decoded) return decoded.error();
  return true;
}

}  // namespace gitops::kube
