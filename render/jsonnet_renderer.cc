// render_jsonnet: configure one VM from the options, install the tree-only import callback,
// evaluate each entry file as a snippet named by its tree path, and flatten the JSON output.
#include "render/jsonnet_renderer.h"

#include <cctype>

#include "render/jsonnet_imports.h"
#include "render/jsonnet_output.h"
#include "render/jsonnet_vm.h"
#include "render/source_folder.h"

extern "C" {
#include <libjsonnet.h>
}

namespace gitops::render {
namespace {

using Setter = void (*)(::JsonnetVm*, const char*, const char*);

struct ImportContext {
  const core::FileTree* tree;
  const std::vector<std::string>* jpath;
  const JsonnetVmHandle* vm;
};

// libjsonnet's import callback; no exception may cross back into C.
char* import_from_tree(void* opaque, const char* base, const char* rel, char** found_here,
                       int* success) {
  auto* context = static_cast<ImportContext*>(opaque);
  try {
    auto found = resolve_jsonnet_import(*context->tree, base, rel, *context->jpath);
    if (!found) {
      *success = 0;
      return context->vm->allocate(found.error().message);
    }
    *found_here = context->vm->allocate(found->path);
    *success = 1;
    return context->vm->allocate(found->content);
  } catch (const std::exception& e) {
    *success = 0;
    return context->vm->allocate(std::string("import failed: ") + e.what());
  }
}

// Passes every "KEY=VALUE" of `variables` to `setter`; an error (kind usage) naming `flag`.
core::Status set_variables(const JsonnetVmHandle& vm, const std::vector<std::string>& variables,
                           std::string_view flag, Setter setter) {
  for (const std::string& variable : variables) {
    auto eq = variable.find('=');
    if (eq == std::string::npos || eq == 0) {
      return core::Error{core::ErrorKind::usage, std::string(flag) + " \"" + variable +
                                                     "\": expected KEY=VALUE"};
    }
    std::string key = variable.substr(0, eq);
    std::string value = variable.substr(eq + 1);
    setter(vm.get(), key.c_str(), value.c_str());
  }
  return {};
}

core::Status configure(const JsonnetVmHandle& vm, const JsonnetOptions& options) {
  const std::pair<const std::vector<std::string>*, std::pair<std::string_view, Setter>> all[] = {
      {&options.tla_str, {"--tla-str", &jsonnet_tla_var}},
      {&options.tla_code, {"--tla-code", &jsonnet_tla_code}},
      {&options.ext_str, {"--ext-str", &jsonnet_ext_var}},
      {&options.ext_code, {"--ext-code", &jsonnet_ext_code}},
  };
  for (const auto& [variables, flag_setter] : all) {
    auto status = set_variables(vm, *variables, flag_setter.first, flag_setter.second);
    if (!status) return status;
  }
  return {};
}

core::Result<std::vector<std::string>> library_folders(const JsonnetOptions& options) {
  std::vector<std::string> folders;
  for (const std::string& dir : options.jpath) {
    auto folder = normalize_source_path(dir);
    if (!folder) {
      return core::Error{core::ErrorKind::usage,
                         "--jpath " + dir + ": the folder leaves the repository"};
    }
    folders.push_back(*folder);
  }
  return folders;
}

// libjsonnet's message without trailing blanks, its stack trace lines joined to the first.
std::string jsonnet_message(std::string message) {
  while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back()))) {
    message.pop_back();
  }
  std::string line;
  for (char c : message) {
    if (c == '\n') {
      line += "; ";
    } else if (c == '\t') {
      if (!line.empty() && !line.ends_with(' ')) line += ' ';
    } else {
      line += c;
    }
  }
  while (line.ends_with(' ')) line.pop_back();
  return line;
}

core::Result<std::string> evaluate(const JsonnetVmHandle& vm, const core::FileTree& tree,
                                   const std::string& file) {
  auto code = tree.read(file);
  if (!code) return code.error();
  int failed = 0;
  std::string output =
      vm.take(jsonnet_evaluate_snippet(vm.get(), file.c_str(), code->c_str(), &failed));
  if (failed != 0) {
    return core::Error{core::ErrorKind::source,
                       "evaluating jsonnet " + file + ": " + jsonnet_message(std::move(output))};
  }
  return output;
}

}  // namespace

core::Result<std::vector<std::string>> jsonnet_entry_files(const core::FileTree& tree,
                                                           std::string_view path) {
  auto folder = normalize_source_path(path);
  if (!folder) return folder.error();
  auto entries = list_source_folder(tree, *folder);
  if (!entries) return entries.error();
  std::vector<std::string> files;
  for (const core::TreeEntry& entry : *entries) {
    if (entry.type != core::EntryType::file) continue;
    if (entry.name == "main.jsonnet") return std::vector<std::string>{join_path(*folder, entry.name)};
    if (entry.name.size() > 8 && entry.name.ends_with(".jsonnet")) {
      files.push_back(join_path(*folder, entry.name));
    }
  }
  if (files.empty()) {
    return core::Error{core::ErrorKind::source,
                       "source path " + (folder->empty() ? "." : *folder) + " in " +
                           tree.describe() + " holds no *.jsonnet file"};
  }
  return files;
}

core::Result<Rendered> render_jsonnet(const core::FileTree& tree, const SourceOptions& options) {
  auto entries = jsonnet_entry_files(tree, options.path);
  if (!entries) return entries.error();
  auto folders = library_folders(options.jsonnet);
  if (!folders) return folders.error();
  JsonnetVmHandle vm;
  if (auto status = configure(vm, options.jsonnet); !status) return status.error();
  ImportContext context{&tree, &*folders, &vm};
  jsonnet_import_callback(vm.get(), &import_from_tree, &context);

  Rendered rendered;
  rendered.type = SourceType::jsonnet;
  for (const std::string& file : *entries) {
    auto output = evaluate(vm, tree, file);
    if (!output) return output.error();
    auto json = core::Json::parse(*output, nullptr, false);
    if (json.is_discarded()) {
      return core::Error{core::ErrorKind::source, "evaluating jsonnet " + file +
                                                      ": the output is not valid JSON"};
    }
    auto objects = flatten_jsonnet_output(json, file);
    if (!objects) return objects.error();
    for (core::Object& object : *objects) rendered.objects.push_back(std::move(object));
    if (!rendered.raw.empty()) rendered.raw += "---\n";
    rendered.raw += *output;
  }
  return rendered;
}

}  // namespace gitops::render
