// History Secrets through the kube client.
#include "sync/history.h"

#include <algorithm>

namespace gitops::sync {

core::Result<std::vector<Revision>> list_revisions(kube::Client& client, const std::string& app,
                                                   const std::string& namespace_,
                                                   RevisionDetail detail) {
  auto items = client.list_all({.group = "", .version = "v1", .kind = "Secret", .namespace_ = namespace_},
                               {.label_selector = std::string(k_app_label) + "=" + app});
  if (!items) return items.error().context("reading the history of " + app);
  std::vector<Revision> revisions;
  for (const auto& item : *items) {
    if (item.value("type", "") != k_revision_type) continue;
    auto revision = revision_from_secret(item, detail);
    if (!revision) return revision.error();
    revisions.push_back(std::move(*revision));
  }
  std::sort(revisions.begin(), revisions.end(),
            [](const Revision& a, const Revision& b) { return a.number > b.number; });
  return revisions;
}

core::Result<std::optional<Revision>> get_revision(kube::Client& client, const std::string& app,
                                                   const std::string& namespace_, int number) {
  auto secret = client.get({"", "v1", "Secret", namespace_, revision_secret_name(app, number)});
  if (!secret) return secret.error().context("reading revision " + std::to_string(number) + " of " + app);
  if (!*secret) return std::optional<Revision>();
  auto revision = revision_from_secret(**secret);
  if (!revision) return revision.error();
  return std::optional<Revision>(std::move(*revision));
}

core::Status write_revision(kube::Client& client, const Revision& revision) {
  if (revision.summary_only) {
    return core::Error{core::ErrorKind::internal,
                       "recording revision " + std::to_string(revision.number) + " of " + revision.app +
                           ": only its summary was read"};
  }
  auto result = client.apply(revision_secret(revision), {.force = kube::Force::yes});
  if (!result) {
    return result.error().context("recording revision " + std::to_string(revision.number) +
                                  " of " + revision.app);
  }
  return {};
}

core::Status trim_history(kube::Client& client, const std::vector<Revision>& revisions, int keep) {
  for (size_t i = static_cast<size_t>(std::max(keep, 0)); i < revisions.size(); ++i) {
    const Revision& r = revisions[i];
    core::ObjectKey key{"", "v1", "Secret", r.namespace_, revision_secret_name(r.app, r.number)};
    auto deleted = client.delete_object(key);
    if (!deleted) return deleted.error().context("trimming the history of " + r.app);
  }
  return {};
}

}  // namespace gitops::sync
