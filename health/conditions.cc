// Condition and field readers.
#include "health/conditions.h"

namespace gitops::health {

std::optional<Condition> find_condition(const core::Json& live, std::string_view type) {
  auto status = live.find("status");
  if (status == live.end() || !status->is_object()) return std::nullopt;
  auto conditions = status->find("conditions");
  if (conditions == status->end() || !conditions->is_array()) return std::nullopt;
  for (const auto& c : *conditions) {
    if (c.is_object() && c.value("type", "") == type) {
      return Condition{c.value("status", ""), c.value("reason", ""), c.value("message", "")};
    }
  }
  return std::nullopt;
}

long long int_at(const core::Json& live, const char* pointer, long long fallback) {
  core::Json::json_pointer ptr(pointer);
  if (!live.contains(ptr)) return fallback;
  const core::Json& v = live.at(ptr);
  return v.is_number_integer() ? v.get<long long>() : fallback;
}

std::string string_at(const core::Json& live, const char* pointer) {
  core::Json::json_pointer ptr(pointer);
  if (!live.contains(ptr)) return {};
  const core::Json& v = live.at(ptr);
  return v.is_string() ? v.get<std::string>() : std::string();
}

bool generation_behind(const core::Json& live) {
  long long generation = int_at(live, "/metadata/generation", -1);
  long long observed = int_at(live, "/status/observedGeneration", -1);
  if (generation < 0) return false;
  return observed < generation;
}

}  // namespace gitops::health
