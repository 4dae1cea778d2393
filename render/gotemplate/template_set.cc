// TemplateSet: parse-and-associate with Go's replacement rule, lookup, and execution entry.
#include "render/gotemplate/template_set.h"

#include <algorithm>

#include "render/gotemplate/exec.h"
#include "render/gotemplate/strconv.h"

namespace gitops::render::gotemplate {

TemplateSet::TemplateSet(std::shared_ptr<const FuncMap> funcs, ExecOptions options)
    : m_funcs(std::move(funcs)), m_options(std::move(options)) {}

core::Status TemplateSet::parse(std::string_view name, std::string text) {
  auto trees = gotemplate::parse(name, std::move(text), m_funcs.get());
  if (!trees.ok()) return trees.error();
  for (Tree& tree : *trees) {
    auto it = m_trees.find(tree.name);
    if (it != m_trees.end() && is_empty_tree(tree.root)) continue;
    m_trees.insert_or_assign(tree.name, std::move(tree));
  }
  return {};
}

core::Status TemplateSet::execute(std::string_view name, const Value& data,
                                  std::string& out) const {
  const Tree* tree = find(name);
  if (tree == nullptr) {
    return core::Error{core::ErrorKind::source, "template: no template " + quote(name) +
                                                    " associated with template " +
                                                    quote(m_options.name)};
  }
  return execute_tree(*this, *tree, data, out);
}

core::Result<std::string> TemplateSet::execute(std::string_view name, const Value& data) const {
  std::string out;
  if (auto status = execute(name, data, out); !status.ok()) return status.error();
  return out;
}

const Tree* TemplateSet::find(std::string_view name) const {
  auto it = m_trees.find(std::string(name));
  return it == m_trees.end() ? nullptr : &it->second;
}

std::vector<std::string> TemplateSet::names() const {
  std::vector<std::string> out;
  for (const auto& [name, tree] : m_trees) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace gitops::render::gotemplate
