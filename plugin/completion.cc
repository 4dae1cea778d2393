// Completion: walk the words before the cursor through the CLI11 tree (subcommands, options and
// their values, positionals), then answer for the word under the cursor.
#include "plugin/completion.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>

namespace gitops::plugin {
namespace {

// Where the words before the cursor led.
struct Walk {
  const CLI::App* command = nullptr;
  std::vector<std::string> positionals;  // words given to `command` as positionals
  const CLI::Option* pending = nullptr;  // the option whose value is being typed, if any
  std::set<const CLI::Option*> used;
  CompletionScope scope;
  bool after_dashdash = false;
};

// CLI11 flags expect no values (their type size is still 1).
bool takes_value(const CLI::Option& option) { return option.get_expected_max() > 0; }

// Flags are offered once; options that collect values (--set, --values) or take the last of
// several (--timeout) are offered again.
bool repeatable(const CLI::Option& option) {
  if (!takes_value(option)) return false;
  return option.get_items_expected_max() > 1 ||
         option.get_multi_option_policy() != CLI::MultiOptionPolicy::Throw;
}

std::string long_name(const CLI::Option& option) {
  return option.get_lnames().empty() ? "" : option.get_lnames().front();
}

// The option `name` ("--ref", "-n") of `command` or of a parent it falls through to.
const CLI::Option* find_option(const CLI::App* command, const std::string& name) {
  for (const CLI::App* app = command; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options()) {
      if (option->nonpositional() && option->check_name(name)) return option;
    }
  }
  return nullptr;
}

const CLI::App* find_subcommand(const CLI::App* command, const std::string& name) {
  for (const CLI::App* sub : command->get_subcommands({})) {
    if (sub->check_name(name)) return sub;
  }
  return nullptr;
}

void record_value(Walk& walk, const CLI::Option& option, const std::string& value) {
  const std::string name = long_name(option);
  if (name == "kubeconfig")
    walk.scope.kubeconfig = value;
  else if (name == "context")
    walk.scope.context = value;
  else if (name == "namespace")
    walk.scope.namespace_ = value;
  else if (name == "repo")
    walk.scope.repo = value;
}

// A word starting with '-': records the option (and its value) it names; returns how many of the
// following words it consumed, or -1 when its value is the word being completed.
int walk_option(Walk& walk, const std::string& word, const std::string* next, bool next_is_cursor) {
  std::string name = word;
  std::optional<std::string> value;
  if (word.starts_with("--")) {
    if (auto eq = word.find('='); eq != std::string::npos) {
      name = word.substr(0, eq);
      value = word.substr(eq + 1);
    }
  } else if (word.size() > 2) {
    name = word.substr(0, 2);
    const CLI::Option* first = find_option(walk.command, name);
    if (first == nullptr || !takes_value(*first)) {
      // Combined short flags such as -Ay.
      for (char c : word.substr(1)) {
        if (const CLI::Option* flag = find_option(walk.command, std::string("-") + c))
          walk.used.insert(flag);
      }
      return 0;
    }
    value = word.substr(word[2] == '=' ? 3 : 2);
  }
  const CLI::Option* option = find_option(walk.command, name);
  if (option == nullptr) return 0;
  walk.used.insert(option);
  if (!takes_value(*option)) return 0;
  if (value) {
    record_value(walk, *option, *value);
    return 0;
  }
  if (next_is_cursor) {
    walk.pending = option;
    return -1;
  }
  if (next != nullptr) record_value(walk, *option, *next);
  return 1;
}

Walk walk_words(const CLI::App& root, const std::vector<std::string>& words) {
  Walk walk;
  walk.command = &root;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string& word = words[i];
    if (!walk.after_dashdash && word == "--") {
      walk.after_dashdash = true;
    } else if (!walk.after_dashdash && word.size() > 1 && word[0] == '-') {
      const bool next_is_cursor = i + 2 == words.size();
      int consumed =
          walk_option(walk, word, next_is_cursor ? nullptr : &words[i + 1], next_is_cursor);
      if (consumed < 0) break;
      i += static_cast<std::size_t>(consumed);
    } else if (const CLI::App* sub =
                   walk.positionals.empty() ? find_subcommand(walk.command, word) : nullptr) {
      walk.command = sub;
    } else {
      walk.positionals.push_back(word);
    }
  }
  return walk;
}

// The members of an IsMember check, which CLI11 shows in the type name as "TEXT:{a,b,c}".
std::vector<std::string> closed_set(const CLI::Option& option) {
  const std::string type = option.get_type_name();
  const auto open = type.find(":{");
  const auto close = type.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  std::vector<std::string> members;
  std::string_view body(type.data() + open + 2, close - open - 2);
  while (!body.empty()) {
    const auto comma = body.find(',');
    members.emplace_back(body.substr(0, comma));
    body = comma == std::string_view::npos ? std::string_view() : body.substr(comma + 1);
  }
  return members;
}

Completion matching(const std::vector<Candidate>& all, const std::string& prefix,
                    Directive directive) {
  Completion result{.directive = directive};
  for (const Candidate& c : all) {
    if (c.value.starts_with(prefix)) result.candidates.push_back(c);
  }
  return result;
}

Completion matching(const std::vector<std::string>& all, const std::string& prefix,
                    Directive directive) {
  std::vector<Candidate> candidates;
  for (const std::string& value : all) candidates.push_back({value, ""});
  return matching(candidates, prefix, directive);
}

Completion complete_value(Walk& walk, const CLI::Option& option, const std::string& prefix,
                          CompletionSources& sources) {
  const std::string name = long_name(option);
  if (auto members = closed_set(option); !members.empty()) {
    return matching(members, prefix, Directive::no_file_comp);
  }
  if (name == "output")
    return matching(output_formats(walk.command->get_name()), prefix, Directive::no_file_comp);
  if (name == "context")
    return matching(sources.contexts(walk.scope), prefix, Directive::no_file_comp);
  if (name == "namespace")
    return matching(sources.namespaces(walk.scope), prefix, Directive::no_file_comp);
  if (name == "app") return matching(sources.apps(walk.scope), prefix, Directive::no_file_comp);
  if (name == "ref") return matching(sources.refs(walk.scope), prefix, Directive::no_file_comp);
  if (name == "filename")
    return {{{"yaml", ""}, {"yml", ""}, {"json", ""}}, Directive::filter_file_ext};
  if (name == "repo" || name == "local" || name == "jpath") return {{}, Directive::filter_dirs};
  if (name == "kubeconfig" || name == "values" || name == "kustomize-binary" || name == "path") {
    return {{}, Directive::none};
  }
  return {{}, Directive::no_file_comp};
}

Completion complete_flags(const Walk& walk, const std::string& prefix) {
  std::map<std::string, std::string> flags;  // name -> description; the nearest command wins
  for (const CLI::App* app = walk.command; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options()) {
      if (!option->nonpositional() || option->get_group().empty()) continue;
      if (walk.used.count(option) && !repeatable(*option)) continue;
      for (const std::string& l : option->get_lnames())
        flags.emplace("--" + l, option->get_description());
      if (prefix.starts_with("--")) continue;
      for (const std::string& s : option->get_snames())
        flags.emplace("-" + s, option->get_description());
    }
  }
  std::vector<Candidate> all;
  for (auto& [name, description] : flags) all.push_back({name, description});
  return matching(all, prefix, Directive::no_file_comp);
}

Completion complete_positional(Walk& walk, const std::string& prefix, CompletionSources& sources) {
  std::vector<Candidate> subcommands;
  if (walk.positionals.empty()) {
    for (const CLI::App* sub : walk.command->get_subcommands({})) {
      if (!sub->get_group().empty())
        subcommands.push_back({sub->get_name(), sub->get_description()});
    }
  }
  if (!subcommands.empty()) return matching(subcommands, prefix, Directive::no_file_comp);
  std::vector<const CLI::Option*> positionals =
      walk.command->get_options([](const CLI::Option* o) { return !o->nonpositional(); });
  if (walk.positionals.size() >= positionals.size()) return {{}, Directive::no_file_comp};
  const CLI::Option& positional = *positionals[walk.positionals.size()];
  if (auto members = closed_set(positional); !members.empty()) {
    return matching(members, prefix, Directive::no_file_comp);
  }
  if (positional.get_name() == "APP")
    return matching(sources.apps(walk.scope), prefix, Directive::no_file_comp);
  if (positional.get_name() == "REVISION" && !walk.positionals.empty()) {
    return matching(sources.revisions(walk.scope, walk.positionals.front()), prefix,
                    Directive::no_file_comp | Directive::keep_order);
  }
  return {{}, Directive::no_file_comp};
}

}  // namespace

std::vector<std::string> output_formats(const std::string& command) {
  static const std::map<std::string, std::vector<std::string>> k_formats = {
      {"render", {"yaml", "json", "raw"}}, {"diff", {"text", "json"}},
      {"sync", {"text", "json"}},          {"rollback", {"text", "json"}},
      {"history", {"table", "json"}},      {"status", {"table", "json"}},
      {"list", {"table", "json"}},         {"version", {"json", "yaml"}},
  };
  auto it = k_formats.find(command);
  return it == k_formats.end() ? std::vector<std::string>{} : it->second;
}

Completion complete(const CLI::App& root, const std::vector<std::string>& words,
                    CompletionSources& sources) {
  Walk walk = walk_words(root, words);
  const std::string cursor = words.empty() ? "" : words.back();
  if (walk.pending != nullptr) return complete_value(walk, *walk.pending, cursor, sources);
  if (!walk.after_dashdash && cursor.starts_with("--")) {
    if (auto eq = cursor.find('='); eq != std::string::npos) {
      const CLI::Option* option = find_option(walk.command, cursor.substr(0, eq));
      if (option == nullptr || !takes_value(*option)) return {{}, Directive::no_file_comp};
      Completion values = complete_value(walk, *option, cursor.substr(eq + 1), sources);
      if (values.directive == Directive::filter_file_ext ||
          values.directive == Directive::filter_dirs) {
        return values;
      }
      for (Candidate& c : values.candidates) c.value = cursor.substr(0, eq + 1) + c.value;
      return values;
    }
  }
  if (!walk.after_dashdash && cursor.starts_with("-")) return complete_flags(walk, cursor);
  return complete_positional(walk, cursor, sources);
}

std::string format_completion(const Completion& completion) {
  std::string text;
  for (const Candidate& c : completion.candidates) {
    text += c.value;
    if (!c.description.empty()) text += "\t" + c.description.substr(0, c.description.find('\n'));
    text += "\n";
  }
  text += ":" + std::to_string(static_cast<int>(completion.directive)) + "\n";
  return text;
}

}  // namespace gitops::plugin
