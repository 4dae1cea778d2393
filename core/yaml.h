// YAML in and out, the way kubectl reads and prints objects (sigs.k8s.io/yaml semantics):
// multi-document streams, YAML 1.1 scalars (yes/on/off are booleans), integers kept exact,
// timestamps kept as strings; canonical output with sorted keys like `kubectl get -o yaml`.
// Hostile input (alias bombs, deep nesting, huge documents, invalid UTF-8) is an error, fast and
// with bounded memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/object.h"
#include "core/result.h"

namespace gitops::core {

struct YamlLimits {
  std::size_t max_document_bytes = 16u << 20;  // 16 MiB per document
  // Nesting of maps and lists. yaml-cpp 0.7 itself stops at 498 levels (a recursion guard
  // compiled into it), so larger values act as 498.
  int max_depth = 256;
  // Nodes per document after alias expansion. Independently, as go-yaml v2 does, a document
  // whose nodes come mostly from aliases is refused ("excessive aliasing").
  std::size_t max_nodes = 4'000'000;
};

// One parsed document and where it started.
struct YamlDocument {
  Json value;  // null for an empty document
  Origin origin;
  // When the root is a map with an "items" list: where each item of that list starts (used to
  // give the objects of a `List` their own origins).
  std::vector<Origin> item_origins;
};

// Parses every document of a YAML (or JSON) stream into JSON as sigs.k8s.io/yaml does: plain
// scalars resolve as in go-yaml v2, non-string map keys become strings ("true", "16"), merge keys
// and aliases are expanded, duplicate keys keep the last value. Errors (kind source) name file,
// line and column ("deploy.yaml:3:7: illegal map value"); among them: invalid UTF-8, control
// characters, the limits above, .inf/.nan (not JSON numbers), null or collection map keys.
// Streams over 1 MiB are parsed in pieces on up to four threads, with the same result.
Result<std::vector<YamlDocument>> parse_yaml_stream(std::string_view text, std::string_view file,
                                                    const YamlLimits& limits = {});

// Reads Kubernetes objects from a YAML/JSON stream: empty documents skipped, `List` kinds
// (kind ending in "List" with items) flattened, each object tagged with its origin.
// Does not validate; see validate_objects().
Result<Objects> read_objects(std::string_view text, std::string_view file,
                             const YamlLimits& limits = {});

// Checks every object has apiVersion, kind and metadata.name (strings), and that no two objects
// share a key (duplicates name both files). Reports every problem, one line each (kind source).
Status validate_objects(const Objects& objects);

// How to_yaml lays text out. The default is exactly what `kubectl get -o yaml` prints.
struct YamlStyle {
  // go-yaml v2 folds a plain or quoted string at a space once a line passes this many characters
  // (the folded text reads back identical); 0 never folds.
  int line_width = 80;
};

// Canonical YAML of one value, byte for byte what sigs.k8s.io/yaml (go-yaml v2) prints: keys in
// go-yaml's natural order ("a2" before "a10"), two-space indent, lists not indented under their
// key, strings double-quoted when they would read back as another type ("true", "1", ""), single-
// quoted when plain text is not allowed (": ", " #", leading "- ", "*", "&", ...), multi-line
// strings as literal blocks (|, |-, |+), {} and [] for empty containers. Never fails.
std::string to_yaml(const Json& value, const YamlStyle& style = {});

// A stream of documents, each preceded by "---\n" except the first.
std::string to_yaml_stream(const std::vector<Json>& values, const YamlStyle& style = {});

}  // namespace gitops::core
