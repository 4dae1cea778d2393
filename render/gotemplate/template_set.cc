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
  if (m_trees.use_count() > 1) m_trees = std::make_shared<Trees>(*m_trees);
  for (Tree& tree : *trees) {
    if (find(tree.name) != nullptr && is_empty_tree(tree.root)) continue;
    m_trees->insert_or_assign(tree.name, std::move(tree));
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
  std::string key(name);
  if (auto it = m_trees->find(key); it != m_trees->end()) return &it->second;
  if (m_base) {
    if (auto it = m_base->find(key); it != m_base->end()) return &it->second;
  }
  return nullptr;
}

std::vector<std::string> TemplateSet::names() const {
  std::vector<std::string> out;
  for (const auto& [name, tree] : *m_trees) out.push_back(name);
  if (m_base) {
    for (const auto& [name, tree] : *m_base) {
      if (!m_trees->contains(name)) out.push_back(name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TemplateSet TemplateSet::clone() const {
  TemplateSet copy(m_funcs, m_options);
  if (!m_base) {
    copy.m_base = m_trees;
  } else if (m_trees->empty()) {
    copy.m_base = m_base;
  } else {
    auto merged = std::make_shared<Trees>(*m_base);
    for (const auto& [name, tree] : *m_trees) merged->insert_or_assign(name, tree);
    copy.m_base = std::move(merged);
  }
  return copy;
}

}  // namespace gitops::render::gotemplate
