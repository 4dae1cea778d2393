// FuncMap storage and lookup.
#include "render/gotemplate/func_map.h"

namespace gitops::render::gotemplate {

void FuncMap::store(std::string name, Func func) {
  m_funcs.insert_or_assign(std::move(name), std::move(func));
}

const Func* FuncMap::find(std::string_view name) const {
  auto it = m_funcs.find(name);
  return it == m_funcs.end() ? nullptr : &it->second;
}

}  // namespace gitops::render::gotemplate
