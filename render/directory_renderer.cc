// render_directory: lists manifest files, reads them in order (trees need not be thread-safe),
// then parses them on a few threads when there are many, keeping the file order.
#include "render/directory_renderer.h"

#include <algorithm>
#include <thread>

#include "core/yaml.h"
#include "render/source_folder.h"

namespace gitops::render {
namespace {

constexpr std::size_t k_files_per_thread = 64;
constexpr unsigned k_max_threads = 4;

bool is_manifest(std::string_view name) {
  return name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json");
}

core::Status collect(const core::FileTree& tree, const std::string& folder, bool recursive,
                     std::vector<std::string>& files) {
  auto entries = tree.list(folder);
  if (!entries) return entries.error();
  for (const core::TreeEntry& entry : *entries) {
    if (entry.name.starts_with('.')) continue;
    std::string path = join_path(folder, entry.name);
    if (entry.type == core::EntryType::directory) {
      if (!recursive) continue;
      if (auto status = collect(tree, path, recursive, files); !status) return status;
    } else if (is_manifest(entry.name)) {
      files.push_back(std::move(path));
    }
  }
  return {};
}

// Parses texts[i] as file files[i] into parsed[i], for i in [begin, end).
void parse_range(const std::vector<std::string>& files, const std::vector<std::string>& texts,
                 std::vector<core::Result<core::Objects>>& parsed, std::size_t begin,
                 std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) parsed[i] = core::read_objects(texts[i], files[i]);
}

std::vector<core::Result<core::Objects>> parse_all(const std::vector<std::string>& files,
                                                   const std::vector<std::string>& texts) {
  std::vector<core::Result<core::Objects>> parsed(files.size(), core::Objects{});
  unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  std::size_t threads = std::min<std::size_t>({hardware, k_max_threads,
                                               files.size() / k_files_per_thread + 1});
  if (threads <= 1) {
    parse_range(files, texts, parsed, 0, files.size());
    return parsed;
  }
  std::vector<std::thread> workers;
  std::size_t chunk = (files.size() + threads - 1) / threads;
  for (std::size_t begin = chunk; begin < files.size(); begin += chunk) {
    std::size_t end = std::min(files.size(), begin + chunk);
    workers.emplace_back([&, begin, end] { parse_range(files, texts, parsed, begin, end); });
  }
  parse_range(files, texts, parsed, 0, std::min(chunk, files.size()));
  for (std::thread& worker : workers) worker.join();
  return parsed;
}

}  // namespace

core::Result<std::vector<std::string>> list_manifest_files(const core::FileTree& tree,
                                                           std::string_view path,
                                                           bool recursive) {
  auto folder = normalize_source_path(path);
  if (!folder) return folder.error();
  if (auto listed = list_source_folder(tree, *folder); !listed) return listed.error();
  std::vector<std::string> files;
  if (auto status = collect(tree, *folder, recursive, files); !status) return status.error();
  std::sort(files.begin(), files.end());
  return files;
}

core::Result<Rendered> render_directory(const core::FileTree& tree, const SourceOptions& options) {
  auto files = list_manifest_files(tree, options.path, options.recursive);
  if (!files) return files.error();
  Rendered rendered;
  rendered.type = SourceType::directory;
  std::vector<std::string> texts;
  texts.reserve(files->size());
  for (const std::string& file : *files) {
    auto text = tree.read(file);
    if (!text) return text.error();
    if (!texts.empty()) rendered.raw += "---\n";
    rendered.raw += *text;
    if (!text->empty() && text->back() != '\n') rendered.raw += '\n';
    texts.push_back(std::move(*text));
  }
  std::string problems;
  for (auto& result : parse_all(*files, texts)) {
    if (!result) {
      problems += (problems.empty() ? "" : "\n") + result.error().message;
      continue;
    }
    for (core::Object& object : *result) rendered.objects.push_back(std::move(object));
  }
  if (!problems.empty()) return core::Error{core::ErrorKind::source, problems};
  return rendered;
}

}  // namespace gitops::render
