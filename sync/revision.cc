// Revision records to and from JSON and Secrets.
#include "sync/revision.h"

#include <ctime>

#include "diff/digest.h"
#include "kube/base64.h"
#include "sync/gzip.h"

namespace gitops::sync {
namespace {

core::Json key_json(const core::ObjectKey& k) {
  return {{"group", k.group}, {"version", k.version}, {"kind", k.kind},
          {"namespace", k.namespace_}, {"name", k.name}};
}

core::ObjectKey key_from(const core::Json& j) {
  return {j.value("group", ""), j.value("version", ""), j.value("kind", ""),
          j.value("namespace", ""), j.value("name", "")};
}

}  // namespace

std::string_view to_string(RevisionStatus status) {
  switch (status) {
    case RevisionStatus::running: return "Running";
    case RevisionStatus::succeeded: return "Succeeded";
    case RevisionStatus::failed: return "Failed";
    case RevisionStatus::partially_applied: return "PartiallyApplied";
    case RevisionStatus::interrupted: return "Interrupted";
  }
  return "Failed";
}

std::optional<RevisionStatus> parse_revision_status(std::string_view text) {
  for (auto s : {RevisionStatus::running, RevisionStatus::succeeded, RevisionStatus::failed,
                 RevisionStatus::partially_applied, RevisionStatus::interrupted}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

core::Json Revision::summary_json() const {
  core::Json j = {
      {"revision", number},
      {"app", app},
      {"namespace", namespace_},
      {"source",
       {{"repo", source.repo}, {"ref", source.ref}, {"commit", source.commit},
        {"subject", source.subject}, {"path", source.path}, {"sourceType", source.source_type},
        {"options", source.options}}},
      {"digest", digest},
      {"objectsOmitted", objects_omitted},
      {"startedAt", started_at},
      {"finishedAt", finished_at},
      {"actor", actor},
      {"status", to_string(status)},
      {"message", message},
      {"counts", {{"created", created}, {"configured", configured}, {"pruned", pruned},
                  {"unchanged", unchanged}}}};
  if (rollback_of > 0) j["rollbackOf"] = rollback_of;
  return j;
}

core::Json Revision::to_json() const {
  core::Json j = summary_json();
  core::Json& inv = j["inventory"] = core::Json::array();
  for (const auto& k : inventory) inv.push_back(key_json(k));
  core::Json& res = j["results"] = core::Json::array();
  for (const auto& r : results) {
    core::Json entry = key_json(r.key);
    entry["action"] = r.action;
    if (!r.error.empty()) entry["error"] = r.error;
    res.push_back(std::move(entry));
  }
  j["objects"] = objects_omitted ? core::Json() : core::Json(objects);
  return j;
}

core::Result<Revision> Revision::from_json(const core::Json& j) {
  try {
    Revision r;
    r.number = j.at("revision").get<int>();
    r.app = j.value("app", "");
    r.namespace_ = j.value("namespace", "");
    const core::Json& s = j.at("source");
    r.source = {s.value("repo", ""), s.value("ref", ""), s.value("commit", ""),
                s.value("subject", ""), s.value("path", ""), s.value("sourceType", ""),
                s.value("options", core::Json::object())};
    r.digest = j.value("digest", "");
    r.objects_omitted = j.value("objectsOmitted", false);
    if (j.contains("objects") && j["objects"].is_array()) {
      r.objects = j["objects"].get<std::vector<core::Json>>();
    }
    for (const auto& k : j.value("inventory", core::Json::array())) r.inventory.push_back(key_from(k));
    for (const auto& e : j.value("results", core::Json::array())) {
      r.results.push_back({key_from(e), e.value("action", ""), e.value("error", "")});
    }
    r.started_at = j.value("startedAt", "");
    r.finished_at = j.value("finishedAt", "");
    r.actor = j.value("actor", "");
    auto status = parse_revision_status(j.value("status", ""));
    r.status = status ? *status : RevisionStatus::failed;
    r.message = j.value("message", "");
    r.rollback_of = j.value("rollbackOf", 0);
    const core::Json counts = j.value("counts", core::Json::object());
    r.created = counts.value("created", 0);
    r.configured = counts.value("configured", 0);
    r.pruned = counts.value("pruned", 0);
    r.unchanged = counts.value("unchanged", 0);
    return r;
  } catch (const core::Json::exception& e) {
    return core::Error{core::ErrorKind::source, std::string("corrupt revision record: ") + e.what()};
  }
}

std::string revision_secret_name(const std::string& app, int number) {
  return "gitops-" + app + ".v" + std::to_string(number);
}

core::Json revision_secret(const Revision& revision) {
  std::string packed = gzip_compress(revision.to_json().dump());
  if (packed.size() > k_max_record_bytes && !revision.objects_omitted) {
    Revision smaller = revision;
    smaller.objects.clear();
    smaller.objects_omitted = true;
    packed = gzip_compress(smaller.to_json().dump());
  }
  return {{"apiVersion", "v1"},
          {"kind", "Secret"},
          {"type", k_revision_type},
          {"metadata",
           {{"name", revision_secret_name(revision.app, revision.number)},
            {"namespace", revision.namespace_},
            {"labels",
             {{k_app_label, revision.app},
              {k_revision_label, std::to_string(revision.number)},
              {"kubectl-gitops.dev/status", std::string(to_string(revision.status))}}}}},
          {"data",
           {{"record", kube::base64_encode(packed)},
            {"summary", kube::base64_encode(revision.summary_json().dump())}}}};
}

core::Result<Revision> revision_from_secret(const core::Json& secret, RevisionDetail detail) {
  std::string name = secret.value("metadata", core::Json::object()).value("name", "");
  auto fail = [&](const std::string& why) {
    return core::Error{core::ErrorKind::source, "reading revision " + name + ": " + why};
  };
  const core::Json data = secret.value("data", core::Json::object());
  if (detail == RevisionDetail::summary && data.contains("summary") && data["summary"].is_string()) {
    auto text = kube::base64_decode(data["summary"].get<std::string>(), "summary");
    if (!text) return fail(text.error().message);
    core::Json json = core::Json::parse(*text, nullptr, false);
    if (json.is_discarded()) return fail("the summary is not JSON");
    auto revision = Revision::from_json(json);
    if (!revision) return fail(revision.error().message);
    revision->summary_only = true;
    return revision;
  }
  if (!data.contains("record") || !data["record"].is_string()) return fail("no record in the Secret");
  auto packed = kube::base64_decode(data["record"].get<std::string>(), "record");
  if (!packed) return fail(packed.error().message);
  auto text = gzip_decompress(*packed);
  if (!text) return fail(text.error().message);
  core::Json json = core::Json::parse(*text, nullptr, false);
  if (json.is_discarded()) return fail("the record is not JSON");
  auto revision = Revision::from_json(json);
  if (!revision) return fail(revision.error().message);
  return revision;
}

std::string objects_digest(const std::vector<core::Json>& objects) {
  return diff::sha256_hex(core::Json(objects).dump());
}

std::string now_rfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace gitops::sync
