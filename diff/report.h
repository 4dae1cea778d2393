// Printing a plan: a unified diff of canonical YAML per changed object, headed by the object's
// `group/version Kind namespace/name`, then a summary line; or a machine-readable JSON plan.
// Secret values are masked unless show_secrets.
#pragma once

#include <string>

#include "core/object.h"
#include "diff/plan.h"

namespace gitops::diff {

enum class ShowSecrets { no, yes };
enum class Color { no, yes };

struct ReportOptions {
  ShowSecrets show_secrets = ShowSecrets::no;
  Color color = Color::no;
  std::string after_label = "after sync";
};

// The unified diff text of one change (empty for unchanged).
std::string change_diff(const Change& change, const ReportOptions& options);

// Every changed object's diff, notes as "# " lines, the hooks ("# pre-sync hook KEY will run
// (ANNOTATION)" or "# hook KEY is skipped: WHY"), then the summary line.
std::string format_text(const Plan& plan, const ReportOptions& options);

// "2 to create, 3 to change, 1 to prune, 40 unchanged" (+ ", 1 kept" when objects are kept,
// + ", 2 hooks to run" when hooks run).
std::string summary_line(const Counts& counts);

// {"changes": [{action, group, version, kind, namespace, name, changedFields, diff, note}],
//  "hooks": [{phase, run, group, version, kind, namespace, name, note}],
//  "summary": {create, update, prune, keep, unchanged, hooks}}.
core::Json format_json(const Plan& plan, const ReportOptions& options);

}  // namespace gitops::diff
