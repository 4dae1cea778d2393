// Masterminds/semver v3.1 as Sprig's semver and semverCompare use it: loose versions ("v1.2",
// "1"), ordering with prerelease rules, and constraints: = != > < >= <= ~ ~> ^, x/X/* wildcards,
// hyphen ranges, "," or space for AND, "||" for OR; a prerelease version only satisfies
// comparisons whose own version names a prerelease.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gitops::render::helm {

struct SemverVersion {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  std::uint64_t patch = 0;
  std::string prerelease;
  std::string metadata;
  std::string original;

  // "1.2.3-pre+meta".
  std::string to_string() const;
};

// semver.NewVersion: fails with "Invalid Semantic Version", "Invalid Prerelease string" or
// "Error parsing version segment: ...".
core::Result<SemverVersion> parse_semver(std::string_view text);

// Version.Compare: -1, 0 or 1; metadata ignored; a prerelease sorts before its release.
int compare_semver(const SemverVersion& a, const SemverVersion& b);

// semver.NewConstraint(text).Check(version); fails with "improper constraint: ...".
core::Result<bool> semver_satisfies(std::string_view constraint, const SemverVersion& version);

// Helm's chartutil.IsCompatibleRange (chart versions, kubeVersion, dependency ranges): true when
// `version` parses and satisfies `constraint`; false when either does not parse.
bool is_compatible_range(std::string_view constraint, std::string_view version);

// Version.IncMajor/IncMinor/IncPatch.
enum class SemverPart { major, minor, patch };
std::string_view to_string(SemverPart part);
SemverVersion increment_semver(const SemverVersion& v, SemverPart part);

// validatePrerelease: numeric identifiers without leading zeros; fails "Invalid Prerelease string".
core::Status validate_prerelease(std::string_view pre);

}  // namespace gitops::render::helm
