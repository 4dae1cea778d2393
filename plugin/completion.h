// Shell completion by Cobra's `__complete` protocol, the one kubectl's plugin completion speaks:
// the words typed so far (the last one is the word being completed) go in; candidates come out one
// per line ("value" or "value\tdescription") followed by ":DIRECTIVE". Subcommands and flags come
// from walking the CLI11 command tree, so every command registered in app.cc completes without a
// list kept here; values that live outside the program (contexts, namespaces, apps, revisions,
// Git refs) come from a CompletionSources, the one edge to the cluster, kubeconfig and Git.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace gitops::plugin {

// Cobra's ShellCompDirective bits, as numbers on the wire.
enum class Directive : int {
  none = 0,             // shells fall back to file names when there are no candidates
  error = 1,            // completion failed; show nothing
  no_space = 2,         // do not add a space after the candidate
  no_file_comp = 4,     // never fall back to file names
  filter_file_ext = 8,  // candidates are file extensions to complete files with
  filter_dirs = 16,     // complete folder names only
  keep_order = 32,      // show candidates in the given order, not sorted
};
constexpr Directive operator|(Directive a, Directive b) {
  return static_cast<Directive>(static_cast<int>(a) | static_cast<int>(b));
}

struct Candidate {
  std::string value;
  std::string description;  // may be empty

  bool operator==(const Candidate&) const = default;
};

struct Completion {
  std::vector<Candidate> candidates;
  Directive directive = Directive::none;
};

// What the words before the cursor said about where to look: the connection flags and the
// repository, as far as they were typed.
struct CompletionScope {
  std::string kubeconfig;
  std::string context;
  std::string namespace_;
  std::string repo;
};

// Values that come from outside the program. Every method returns what it could find within a
// short time and an empty list on any failure: completion never prints errors.
class CompletionSources {
 public:
  virtual ~CompletionSources() = default;
  // Context names of the kubeconfig, sorted.
  virtual std::vector<std::string> contexts(const CompletionScope& scope) = 0;
  // Namespaces of the cluster (when it answers in time) and of the kubeconfig contexts, sorted.
  virtual std::vector<std::string> namespaces(const CompletionScope& scope) = 0;
  // Apps this tool manages in the scope's namespace, sorted.
  virtual std::vector<std::string> apps(const CompletionScope& scope) = 0;
  // Revisions of `app`, newest first, described by commit, status and subject.
  virtual std::vector<Candidate> revisions(const CompletionScope& scope,
                                           const std::string& app) = 0;
  // Branches, remote branches and tags of the scope's repository (the current one when empty).
  virtual std::vector<std::string> refs(const CompletionScope& scope) = 0;
};

// The name of the hidden command kubectl_complete-gitops and the shell scripts call.
inline constexpr const char* k_complete_command = "__complete";

// Completes the last of `words` (the arguments after the program name) against `root`'s tree.
Completion complete(const CLI::App& root, const std::vector<std::string>& words,
                    CompletionSources& sources);

// The protocol text: one candidate per line, then ":DIRECTIVE".
std::string format_completion(const Completion& completion);

// The values -o accepts for `command` (each command validates its own set), or none.
std::vector<std::string> output_formats(const std::string& command);

}  // namespace gitops::plugin
