// KUBECTL_EXTERNAL_DIFF, honoured as kubectl honours it: the live and the merged objects are
// written as files named GROUP.VERSION.KIND.NAMESPACE.NAME into two private folders, and the
// program runs (without a shell) on the two folders; its exit status becomes ours.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "diff/plan.h"
#include "diff/report.h"

namespace gitops::plugin {

// The command from KUBECTL_EXTERNAL_DIFF split on spaces; empty when unset.
std::vector<std::string> external_diff_program();

// Runs the program on the plan; returns its exit status (kind usage when it cannot start).
core::Result<int> run_external_diff(const std::vector<std::string>& program, const diff::Plan& plan,
                                    const diff::ReportOptions& options);

}  // namespace gitops::plugin
