// Remote-base detection: walks the whole tree for kustomization files and inspects the entries
// of their resources, bases and components lists.
#include "render/remote_bases.h"

#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "core/yaml.h"
#include "render/source_folder.h"

namespace gitops::render {
namespace {

constexpr std::array<std::string_view, 3> k_kustomization_names = {
    "kustomization.yaml", "kustomization.yml", "Kustomization"};
constexpr std::array<std::string_view, 3> k_entry_fields = {"resources", "bases", "components"};

bool has_scheme(std::string_view entry) {
  auto colon = entry.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  for (char c : entry.substr(0, colon)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '.' && c != '-') {
      return false;
    }
  }
  return true;
}

// "github.com/org/repo", "gitlab.example.org:2222/x": a first segment that reads as a host name.
bool starts_with_host(std::string_view entry) {
  auto slash = entry.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view host = entry.substr(0, slash);
  if (host.empty() || host.front() == '.' || host.find('.') == std::string_view::npos) {
    return false;
  }
  auto dot = host.rfind('.');
  std::string_view tld = host.substr(dot + 1);
  tld = tld.substr(0, tld.find(':'));
  if (tld.size() < 2) return false;
  for (char c : tld) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The remote entries of one kustomization file's `field` list.
void find_remote(const core::FileTree& tree, const std::string& folder, const std::string& file,
                 const core::Json& document, std::vector<std::string>& problems) {
  for (std::string_view field : k_entry_fields) {
    auto it = document.find(std::string(field));
    if (it == document.end() || !it->is_array()) continue;
    for (const core::Json& item : *it) {
      if (!item.is_string()) continue;
      const std::string entry = item.get<std::string>();
      if (!is_remote_entry(entry)) continue;
      auto local = core::join_tree_path(folder, entry);
      if (!has_scheme(entry) && local && tree.exists(*local)) continue;
      problems.push_back(file + ": " + std::string(field) + " entry \"" + entry +
                         "\" is a remote base; remote bases are refused unless "
                         "--allow-remote-bases");
    }
  }
}

void check_file(const core::FileTree& tree, const std::string& folder, const std::string& file,
                std::vector<std::string>& problems) {
  auto text = tree.read(file);
  if (!text) {
    problems.push_back(text.error().message);
    return;
  }
  auto documents = core::parse_yaml_stream(*text, file);
  if (!documents) {
    problems.push_back(documents.error().message);
    return;
  }
  for (const core::YamlDocument& document : *documents) {
    if (document.value.is_object()) find_remote(tree, folder, file, document.value, problems);
  }
}

void walk(const core::FileTree& tree, const std::string& folder,
          std::vector<std::string>& problems) {
  auto entries = tree.list(folder);
  if (!entries) {
    problems.push_back(entries.error().message);
    return;
  }
  for (const core::TreeEntry& entry : *entries) {
    std::string path = join_path(folder, entry.name);
    if (entry.type == core::EntryType::directory) {
      walk(tree, path, problems);
      continue;
    }
    for (std::string_view name : k_kustomization_names) {
      if (entry.name == name) check_file(tree, folder, path, problems);
    }
  }
}

}  // namespace

bool is_remote_entry(std::string_view entry) {
  return has_scheme(entry) || entry.starts_with("git@") || entry.starts_with("git::") ||
         starts_with_host(entry);
}

core::Status refuse_remote_bases(const core::FileTree& tree) {
  std::vector<std::string> problems;
  walk(tree, "", problems);
  if (problems.empty()) return {};
  std::string message;
  for (const std::string& problem : problems) {
    if (!message.empty()) message += '\n';
    message += problem;
  }
  return core::Error{core::ErrorKind::source, message};
}

}  // namespace gitops::render
