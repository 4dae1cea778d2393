// SpecReader: each accessor looks one key up and records a problem on a type mismatch.
#include "render/spec_reader.h"

namespace gitops::render {

const core::Json* SpecReader::find(const core::Json& parent, std::string_view key) const {
  if (!parent.is_object()) return nullptr;
  auto it = parent.find(std::string(key));
  if (it == parent.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string SpecReader::field(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return std::string(path) + "." + std::string(key);
}

std::string SpecReader::item(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

void SpecReader::problem(std::string_view path, std::string_view message) {
  m_problems.push_back(m_file + ": " + std::string(path) + ": " + std::string(message));
}

std::string SpecReader::string(const core::Json& parent, std::string_view path,
                               std::string_view key, std::string fallback) {
  const core::Json* value = find(parent, key);
  if (value == nullptr) return fallback;
  if (!value->is_string()) {
    problem(field(path, key), "expected a string");
    return fallback;
  }
  return value->get<std::string>();
}

std::string SpecReader::required_string(const core::Json& parent, std::string_view path,
                                        std::string_view key) {
  const core::Json* value = find(parent, key);
  if (value == nullptr || (value->is_string() && value->get<std::string>().empty())) {
    problem(field(path, key), "required");
    return {};
  }
  return string(parent, path, key);
}

bool SpecReader::boolean(const core::Json& parent, std::string_view path, std::string_view key,
                         bool fallback) {
  const core::Json* value = find(parent, key);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) {
    problem(field(path, key), "expected true or false");
    return fallback;
  }
  return value->get<bool>();
}

const core::Json* SpecReader::map(const core::Json& parent, std::string_view path,
                                  std::string_view key) {
  const core::Json* value = find(parent, key);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    problem(field(path, key), "expected a map");
    return nullptr;
  }
  return value;
}

const core::Json* SpecReader::list(const core::Json& parent, std::string_view path,
                                   std::string_view key) {
  const core::Json* value = find(parent, key);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    problem(field(path, key), "expected a list");
    return nullptr;
  }
  return value;
}

std::vector<std::string> SpecReader::strings(const core::Json& parent, std::string_view path,
                                             std::string_view key) {
  std::vector<std::string> out;
  const core::Json* values = list(parent, path, key);
  if (values == nullptr) return out;
  for (std::size_t i = 0; i < values->size(); ++i) {
    if (!(*values)[i].is_string()) {
      problem(item(field(path, key), i), "expected a string");
      continue;
    }
    out.push_back((*values)[i].get<std::string>());
  }
  return out;
}

void SpecReader::only(const core::Json& node, std::string_view path,
                      std::initializer_list<std::string_view> known, std::string_view message) {
  if (!node.is_object()) return;
  for (const auto& [key, value] : node.items()) {
    bool listed = false;
    for (std::string_view name : known) listed = listed || name == key;
    if (!listed) problem(field(path, key), message);
  }
}

core::Status SpecReader::finish() const {
  if (m_problems.empty()) return {};
  std::string message;
  for (const std::string& line : m_problems) {
    if (!message.empty()) message += '\n';
    message += line;
  }
  return core::Error{core::ErrorKind::usage, message};
}

}  // namespace gitops::render
