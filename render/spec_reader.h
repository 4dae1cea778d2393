// SpecReader: typed access to the fields of a parsed app spec that records every problem as
// "FILE: FIELD.PATH: what is wrong" instead of stopping at the first, so one run reports them all.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/object.h"
#include "core/result.h"

namespace gitops::render {

class SpecReader {
 public:
  explicit SpecReader(std::string file) : m_file(std::move(file)) {}

  // parent[key] as a string; `fallback` when absent; a problem when not a string.
  std::string string(const core::Json& parent, std::string_view path, std::string_view key,
                     std::string fallback = "");
  // parent[key] as a string that must be present and non-empty.
  std::string required_string(const core::Json& parent, std::string_view path,
                              std::string_view key);
  bool boolean(const core::Json& parent, std::string_view path, std::string_view key,
               bool fallback);
  // parent[key] when it is a map; nullptr when absent or null; a problem when something else.
  const core::Json* map(const core::Json& parent, std::string_view path, std::string_view key);
  // parent[key] when it is a list; nullptr when absent or null; a problem when something else.
  const core::Json* list(const core::Json& parent, std::string_view path, std::string_view key);
  // parent[key] as a list of strings; empty when absent.
  std::vector<std::string> strings(const core::Json& parent, std::string_view path,
                                   std::string_view key);
  // A problem for each key of map `node` not in `known`.
  void only(const core::Json& node, std::string_view path,
            std::initializer_list<std::string_view> known,
            std::string_view message = "unknown field");
  // Records "FILE: PATH: message".
  void problem(std::string_view path, std::string_view message);

  // "PATH.KEY", or "KEY" at the top.
  static std::string field(std::string_view path, std::string_view key);
  // "PATH[INDEX]".
  static std::string item(std::string_view path, std::size_t index);

  // Nothing when no problem was recorded; else an error (kind usage), one line per problem.
  core::Status finish() const;

 private:
  const core::Json* find(const core::Json& parent, std::string_view key) const;

  std::string m_file;
  std::vector<std::string> m_problems;
};

}  // namespace gitops::render
