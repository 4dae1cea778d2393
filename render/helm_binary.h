// Delegation to a real `helm template` (--helm-binary PATH or KUBECTL_GITOPS_HELM), for users who
// want the reference implementation: the same inputs as the native engine, passed without a shell,
// every value as `--flag=VALUE` and the release name and chart after `--`, so nothing a repository
// or a flag holds can become an option of its own.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "render/source.h"

namespace gitops::render {

// Whether `name` is a release name helm accepts: DNS-1123 subdomain labels (lowercase letters,
// digits, '-', '.'), starting and ending with a letter or digit, at most 53 characters.
bool is_valid_release_name(std::string_view name);

// The argv of `helm template` for the chart folder `chart_dir` with values files `values_paths`
// (already on disk, in order) and the other settings of `options`; `namespace_` "" means default.
std::vector<std::string> helm_template_command(const HelmOptions& options,
                                               const std::string& namespace_,
                                               const std::filesystem::path& chart_dir,
                                               const std::vector<std::string>& values_paths);

// Runs `options.binary` as helm_template_command describes, with `values_texts` (the values files'
// contents, in order) written to a private temporary folder removed afterwards, and returns what
// it printed on stdout; fails (kind usage) for an invalid release name, (kind source) when the
// program cannot start, times out, or exits non-zero, with its stderr as the message.
core::Result<std::string> run_helm_template(const HelmOptions& options,
                                            const std::string& namespace_,
                                            const std::filesystem::path& chart_dir,
                                            const std::vector<std::string>& values_texts);

}  // namespace gitops::render
