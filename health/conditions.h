// Reading status conditions and observed generations, shared by the health rules.
#pragma once

#include <optional>
#include <string>

#include "core/object.h"

namespace gitops::health {

struct Condition {
  std::string status;  // "True", "False", "Unknown"
  std::string reason;
  std::string message;
};

// status.conditions[type == `type`], if present.
std::optional<Condition> find_condition(const core::Json& live, std::string_view type);

// True when metadata.generation is ahead of status.observedGeneration (the controller has not
// seen the latest spec yet). Objects without either field are never behind.
bool generation_behind(const core::Json& live);

// An integer field at a JSON pointer ("/status/readyReplicas"), or `fallback` when absent.
long long int_at(const core::Json& live, const char* pointer, long long fallback = 0);
std::string string_at(const core::Json& live, const char* pointer);

}  // namespace gitops::health
