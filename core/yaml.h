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
  int max_depth = 512;                          // nesting of maps and lists
  std::size_t max_nodes = 4'000'000;            // after alias expansion, per document
};

// One parsed document and where it started.
struct YamlDocument {
  Json value;  // null for an empty document
  Origin origin;
};

// Parses every document of a YAML (or JSON) stream. Errors (kind source) name file, line and column:
// "deploy.yaml:3:7: mapping values are not allowed here".
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

// Canonical YAML of one value: keys sorted, two-space indent, lists not indented under their key
// (as kubectl prints), strings quoted only when YAML would read them as something else.
std::string to_yaml(const Json& value);

// A stream of documents, each preceded by "---\n" except the first.
std::string to_yaml_stream(const std::vector<Json>& values);

}  // namespace gitops::core
