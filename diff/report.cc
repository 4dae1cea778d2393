// Text and JSON renderings of a plan.
#include "diff/report.h"

#include "diff/mask.h"
#include "diff/normalize.h"
#include "diff/unified.h"

namespace gitops::diff {
namespace {

constexpr const char* k_red = "\033[31m";
constexpr const char* k_green = "\033[32m";
constexpr const char* k_cyan = "\033[36m";
constexpr const char* k_bold = "\033[1m";
constexpr const char* k_reset = "\033[0m";

std::string colorize(const std::string& diff) {
  std::string out;
  size_t start = 0;
  while (start < diff.size()) {
    size_t nl = diff.find('\n', start);
    std::string line = diff.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    const char* color = nullptr;
    if (line.rfind("---", 0) == 0 || line.rfind("+++", 0) == 0) color = k_bold;
    else if (line.rfind("@@", 0) == 0) color = k_cyan;
    else if (!line.empty() && line[0] == '-') color = k_red;
    else if (!line.empty() && line[0] == '+') color = k_green;
    if (color != nullptr) out += std::string(color) + line + k_reset;
    else out += line;
    out += '\n';
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

}  // namespace

std::string change_diff(const Change& change, const ReportOptions& options) {
  if (change.action == Action::unchanged || change.action == Action::keep) return {};
  core::Json before = change.live;
  core::Json after = change.action == Action::prune ? core::Json() : change.desired;
  if (options.show_secrets == ShowSecrets::no) mask_secret_pair(before, after);
  std::string name = change.key.to_string();
  return unified_diff(normalized_yaml(before), normalized_yaml(after),
                      {.before_label = name + " (live)",
                       .after_label = name + " (" + options.after_label + ")"});
}

std::string summary_line(const Counts& c) {
  std::string line = std::to_string(c.create) + " to create, " + std::to_string(c.update) +
                     " to change, " + std::to_string(c.prune) + " to prune, " +
                     std::to_string(c.unchanged) + " unchanged";
  if (c.keep > 0) line += ", " + std::to_string(c.keep) + " kept";
  if (c.hooks > 0) line += ", " + std::to_string(c.hooks) + (c.hooks == 1 ? " hook" : " hooks") + " to run";
  return line;
}

std::string format_text(const Plan& plan, const ReportOptions& options) {
  std::string out;
  for (const auto& change : plan.changes) {
    if (!change.note.empty() && change.action != Action::unchanged) {
      out += "# " + change.key.to_string() + ": " + change.note + "\n";
    }
    std::string diff = change_diff(change, options);
    out += options.color == Color::yes ? colorize(diff) : diff;
  }
  for (const auto& hook : plan.hooks) {
    if (hook.phase.empty()) {
      out += "# hook " + hook.key.to_string() + " is skipped: " + hook.note + "\n";
    } else {
      out += "# " + hook.phase + " hook " + hook.key.to_string() + " will run (" + hook.note + ")\n";
    }
  }
  out += summary_line(plan.counts()) + "\n";
  return out;
}

core::Json format_json(const Plan& plan, const ReportOptions& options) {
  core::Json changes = core::Json::array();
  for (const auto& change : plan.changes) {
    core::Json entry = {{"action", to_string(change.action)},
                        {"group", change.key.group},
                        {"version", change.key.version},
                        {"kind", change.key.kind},
                        {"namespace", change.key.namespace_},
                        {"name", change.key.name},
                        {"changedFields", change.changed_paths},
                        {"diff", change_diff(change, options)}};
    if (!change.note.empty()) entry["note"] = change.note;
    changes.push_back(std::move(entry));
  }
  core::Json hooks = core::Json::array();
  for (const auto& hook : plan.hooks) {
    hooks.push_back({{"phase", hook.phase},
                     {"run", !hook.phase.empty()},
                     {"group", hook.key.group},
                     {"version", hook.key.version},
                     {"kind", hook.key.kind},
                     {"namespace", hook.key.namespace_},
                     {"name", hook.key.name},
                     {"note", hook.note}});
  }
  Counts c = plan.counts();
  return {{"changes", changes},
          {"hooks", hooks},
          {"summary",
           {{"create", c.create}, {"update", c.update}, {"prune", c.prune}, {"keep", c.keep},
            {"unchanged", c.unchanged}, {"hooks", c.hooks}}}};
}

}  // namespace gitops::diff
