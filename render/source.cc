// Names of the source types, both ways.
#include "render/source.h"

#include <array>
#include <utility>

namespace gitops::render {
namespace {

constexpr std::array<std::pair<SourceType, std::string_view>, 5> k_names = {{
    {SourceType::auto_, "auto"},
    {SourceType::directory, "directory"},
    {SourceType::kustomize, "kustomize"},
    {SourceType::helm, "helm"},
    {SourceType::jsonnet, "jsonnet"},
}};

}  // namespace

std::string_view to_string(SourceType type) {
  for (const auto& [value, name] : k_names) {
    if (value == type) return name;
  }
  return "unknown";
}

core::Result<SourceType> parse_source_type(std::string_view text) {
  for (const auto& [value, name] : k_names) {
    if (name == text) return value;
  }
  return core::Error{core::ErrorKind::usage,
                     "unknown source type \"" + std::string(text) +
                         "\": expected auto, directory, kustomize, helm or jsonnet"};
}

}  // namespace gitops::render
