// A revision record: what one sync (or rollback) of an app did, stored in the cluster as a Secret
// `gitops-APP.vN` of type kubectl-gitops.dev/revision holding gzip-compressed JSON
// (DESIGN.md section 4). Rendered objects are omitted, and the record says so, when the Secret
// would pass 1 MiB.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/object.h"
#include "core/result.h"

namespace gitops::sync {

enum class RevisionStatus { running, succeeded, failed, partially_applied, interrupted };

std::string_view to_string(RevisionStatus status);  // "Running", "Succeeded", ...
std::optional<RevisionStatus> parse_revision_status(std::string_view text);

struct ObjectResult {
  core::ObjectKey key;
  std::string action;  // created, configured, unchanged, pruned, kept, failed
  std::string error;
};

struct SourceRecord {
  std::string repo;         // credentials redacted
  std::string ref;
  std::string commit;       // full SHA; "" for --local
  std::string subject;      // commit subject when known
  std::string path;
  std::string source_type;
  core::Json options = core::Json::object();  // render options (helm values, jsonnet args...)
};

struct Revision {
  int number = 0;
  std::string app;
  std::string namespace_;
  SourceRecord source;
  std::string digest;  // sha256 of the rendered objects' canonical JSON
  std::vector<core::Json> objects;  // the rendered objects as applied
  bool objects_omitted = false;
  std::vector<core::ObjectKey> inventory;
  std::vector<ObjectResult> results;
  std::string started_at;   // RFC 3339
  std::string finished_at;
  std::string actor;
  RevisionStatus status = RevisionStatus::running;
  std::string message;      // the failure, when there was one
  int rollback_of = 0;      // 0 = not a rollback
  int created = 0, configured = 0, pruned = 0, unchanged = 0;
  // Read from the Secret's summary: objects, inventory and results were not read, and the
  // revision cannot be written back (write_revision refuses it).
  bool summary_only = false;

  core::Json to_json() const;
  core::Json summary_json() const;  // to_json() without objects, inventory and results
  static core::Result<Revision> from_json(const core::Json& json);
};

inline constexpr const char* k_revision_type = "kubectl-gitops.dev/revision";
inline constexpr const char* k_app_label = "kubectl-gitops.dev/app";
inline constexpr const char* k_revision_label = "kubectl-gitops.dev/revision";
inline constexpr size_t k_max_record_bytes = 900u * 1024;  // leaves room under the 1 MiB Secret limit

// "gitops-APP.vN".
std::string revision_secret_name(const std::string& app, int number);

// The Secret storing `revision`; objects are dropped (objects_omitted) when the compressed
// record would not fit.
core::Json revision_secret(const Revision& revision);

// How much of a revision to read. The Secret holds the whole record (data.record) and, for fast
// listing, a small uncompressed summary of it (data.summary): everything but the objects,
// inventory and results.
enum class RevisionDetail { full, summary };

// Reads a revision Secret as the API server returns it. Fails (kind source) on a corrupt record.
// With RevisionDetail::summary a Secret without a summary is read whole.
core::Result<Revision> revision_from_secret(const core::Json& secret,
                                            RevisionDetail detail = RevisionDetail::full);

// sha256 of the canonical JSON of `objects`, hex.
std::string objects_digest(const std::vector<core::Json>& objects);

// The current time as RFC 3339 UTC with seconds ("2024-05-01T10:00:00Z").
std::string now_rfc3339();

}  // namespace gitops::sync
