// A private semantic-version reader and range checker for the chart layer (chart versions,
// kubeVersion, dependency version ranges), following Masterminds/semver v3.1 as Helm 3.5.4 uses
// it: loose versions ("v1.2", "1"), ranges with = != > < >= <= ~ ^ x/* wildcards, hyphen ranges,
// "," and space for AND, "||" for OR, and prereleases matching only ranges that name one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gitops::render::helm {

struct ChartVersion {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  std::uint64_t patch = 0;
  std::string prerelease;
  std::string metadata;

  // "1.2.3-pre+meta".
  std::string to_string() const;
  // -1, 0 or 1, ignoring metadata, prereleases before releases.
  int compare(const ChartVersion& other) const;
};

// The version `text` names, or nullopt when it is not a (loose) semantic version.
std::optional<ChartVersion> parse_chart_version(std::string_view text);

// Helm's IsCompatibleRange: true when `version` parses and satisfies the range `constraint`;
// false when either does not parse.
bool is_compatible_range(std::string_view constraint, std::string_view version);

}  // namespace gitops::render::helm
