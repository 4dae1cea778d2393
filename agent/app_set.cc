// Diffing app sets by key and fingerprint.
#include "agent/app_set.h"

namespace gitops::agent {

AppSetChange diff_app_sets(const std::map<AppKey, std::string>& running,
                           const std::map<AppKey, std::string>& wanted) {
  AppSetChange change;
  for (const auto& [key, fingerprint] : wanted) {
    auto it = running.find(key);
    if (it == running.end())
      change.added.push_back(key);
    else if (it->second != fingerprint)
      change.changed.push_back(key);
  }
  for (const auto& [key, fingerprint] : running) {
    if (!wanted.contains(key)) change.removed.push_back(key);
  }
  return change;
}

std::string describe(const AppSetChange& change) {
  std::string out;
  auto part = [&](const std::vector<AppKey>& keys, const char* what) {
    if (keys.empty()) return;
    if (!out.empty()) out += ", ";
    out += std::to_string(keys.size()) + " " + what + " (";
    for (size_t i = 0; i < keys.size(); ++i) out += (i ? ", " : "") + keys[i].to_string();
    out += ")";
  };
  part(change.added, "added");
  part(change.removed, "removed");
  part(change.changed, "changed");
  return out.empty() ? "no app changed" : out;
}

}  // namespace gitops::agent
