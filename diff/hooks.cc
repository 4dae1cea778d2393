// Reading Helm's and Argo CD's hook annotations.
#include "diff/hooks.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <tuple>

#include "core/annotations.h"

namespace gitops::diff {
namespace {

constexpr const char* k_argocd_delete_policy = "argocd.argoproj.io/hook-delete-policy";

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t b = item.find_first_not_of(" \t");
    size_t e = item.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

int parse_weight(const std::string& text) {
  int value = 0;
  if (text.empty()) return 0;
  const char* begin = text.data();
  if (*begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return 0;
  return value;
}

// Helm's hook events mapped to the phase they run in for `operation`; nullopt when the event
// belongs to another operation (or none).
std::optional<HookPhase> helm_phase(const std::string& event, Operation operation) {
  switch (operation) {
    case Operation::install:
      if (event == "pre-install") return HookPhase::pre_sync;
      if (event == "post-install") return HookPhase::post_sync;
      break;
    case Operation::upgrade:
      if (event == "pre-upgrade") return HookPhase::pre_sync;
      if (event == "post-upgrade") return HookPhase::post_sync;
      break;
    case Operation::rollback:
      if (event == "pre-rollback") return HookPhase::pre_sync;
      if (event == "post-rollback") return HookPhase::post_sync;
      break;
  }
  return std::nullopt;
}

bool known_helm_event(const std::string& event) {
  static const std::vector<std::string> events = {
      "pre-install",  "post-install",  "pre-delete", "post-delete", "pre-upgrade",
      "post-upgrade", "pre-rollback", "post-rollback", "test", "test-success"};
  return std::find(events.begin(), events.end(), event) != events.end();
}

std::optional<HookPhase> argocd_phase(const std::string& value) {
  if (value == "PreSync") return HookPhase::pre_sync;
  if (value == "Sync") return HookPhase::sync;
  if (value == "PostSync") return HookPhase::post_sync;
  if (value == "SyncFail") return HookPhase::sync_fail;
  return std::nullopt;
}

struct Policies {
  bool before_creation = true, on_success = false, on_failure = false;
};

// Helm spells the policies before-hook-creation, hook-succeeded, hook-failed; Argo CD
// BeforeHookCreation, HookSucceeded, HookFailed. Without the annotation: before-hook-creation.
Policies read_policies(const std::string& text, bool argocd) {
  Policies p;
  std::vector<std::string> items = split_list(text);
  if (items.empty()) return p;
  p.before_creation = false;
  for (const auto& item : items) {
    if (item == (argocd ? "BeforeHookCreation" : "before-hook-creation")) p.before_creation = true;
    if (item == (argocd ? "HookSucceeded" : "hook-succeeded")) p.on_success = true;
    if (item == (argocd ? "HookFailed" : "hook-failed")) p.on_failure = true;
  }
  return p;
}

std::string operation_name(Operation operation) {
  switch (operation) {
    case Operation::install: return "an install";
    case Operation::upgrade: return "an upgrade";
    case Operation::rollback: return "a rollback";
  }
  return "";
}

}  // namespace

std::string_view to_string(HookPhase phase) {
  switch (phase) {
    case HookPhase::pre_sync: return "pre-sync";
    case HookPhase::sync: return "sync";
    case HookPhase::post_sync: return "post-sync";
    case HookPhase::sync_fail: return "sync-fail";
  }
  return "";
}

SplitRender split_hooks(const core::Objects& rendered, Operation operation) {
  SplitRender out;
  for (const core::Object& object : rendered) {
    std::string argocd = object.annotation(core::k_argocd_hook);
    std::string helm = object.annotation(core::k_helm_hook);
    if (argocd.empty() && helm.empty()) {
      out.members.push_back(object);
      continue;
    }
    const bool is_argocd = !argocd.empty();
    const std::string key = is_argocd ? core::k_argocd_hook : core::k_helm_hook;
    const std::string value = is_argocd ? argocd : helm;
    const std::string annotation = key + ": " + value;
    int weight = parse_weight(object.annotation(is_argocd ? core::k_argocd_sync_wave : core::k_helm_hook_weight));
    Policies policies = read_policies(
        object.annotation(is_argocd ? k_argocd_delete_policy : core::k_helm_hook_delete_policy), is_argocd);

    std::vector<HookPhase> phases;
    bool skip = false, test = false, known = false;
    for (const std::string& item : split_list(value)) {
      std::optional<HookPhase> phase;
      if (is_argocd) {
        if (item == "Skip") skip = true;
        phase = argocd_phase(item);
        known = known || phase || item == "Skip" || item == "PostDelete";
      } else {
        if (item == "test" || item == "test-success") test = true;
        phase = helm_phase(item, operation);
        known = known || known_helm_event(item);
      }
      if (phase && std::find(phases.begin(), phases.end(), *phase) == phases.end()) {
        phases.push_back(*phase);
      }
    }
    if (skip) {
      out.skipped.push_back({object, annotation + " (not applied)"});
      continue;
    }
    if (phases.empty()) {
      std::string reason = annotation + (test     ? " (test hooks are never applied)"
                                         : !known ? " (no hook of that name; not applied)"
                                                  : " (does not run in " + operation_name(operation) + ")");
      out.skipped.push_back({object, reason});
      continue;
    }
    for (HookPhase phase : phases) {
      out.hooks.push_back(Hook{.object = object,
                               .phase = phase,
                               .weight = weight,
                               .delete_before_creation = policies.before_creation,
                               .delete_on_success = policies.on_success,
                               .delete_on_failure = policies.on_failure,
                               .annotation = annotation});
    }
  }
  std::stable_sort(out.hooks.begin(), out.hooks.end(), [](const Hook& a, const Hook& b) {
    auto rank = [](const Hook& h) {
      return std::make_tuple(static_cast<int>(h.phase), h.weight, h.object.name(), h.object.kind(),
                             h.object.namespace_());
    };
    return rank(a) < rank(b);
  });
  return out;
}

}  // namespace gitops::diff
