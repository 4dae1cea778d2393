// The app's history in the cluster: revision Secrets listed with one request, written with
// server-side apply, trimmed to the newest --history-max.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "kube/client.h"
#include "sync/revision.h"

namespace gitops::sync {

// Every revision of `app` in `namespace_`, newest first (one LIST). Corrupt records fail.
// RevisionDetail::summary skips decoding the objects, inventory and results of each record.
core::Result<std::vector<Revision>> list_revisions(kube::Client& client, const std::string& app,
                                                   const std::string& namespace_,
                                                   RevisionDetail detail = RevisionDetail::full);

// One whole revision (one GET); nullopt when it does not exist.
core::Result<std::optional<Revision>> get_revision(kube::Client& client, const std::string& app,
                                                   const std::string& namespace_, int number);

// Writes (creates or replaces) the revision's Secret. A summary_only revision is refused.
core::Status write_revision(kube::Client& client, const Revision& revision);

// Deletes all but the newest `keep` of `revisions` (newest first, as list_revisions returns).
core::Status trim_history(kube::Client& client, const std::vector<Revision>& revisions, int keep);

}  // namespace gitops::sync
