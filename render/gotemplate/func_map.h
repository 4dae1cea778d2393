// FuncMap: the functions a template set may call by name (Sprig's, Helm's), each with a Go
// signature the executor checks arguments against, exactly as Go's text/template does.
// Go's builtins (and, or, not, len, index, slice, eq, print, printf...) are always present; a
// FuncMap entry of the same name replaces the builtin, as in Go (Helm's Sprig `slice` does).
#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "render/gotemplate/value.h"

namespace gitops::render::gotemplate {

class FuncMap {
 public:
  // Registers `name`; adding a name again replaces it. `body` is either
  // (CallContext&, std::span<const Value>) -> core::Result<Value>, for functions that need the
  // running execution (include, tpl), or (std::span<const Value>) -> core::Result<Value>.
  template <typename F>
  void add(std::string name, Signature signature, F&& body) {
    if constexpr (std::is_invocable_v<F&, CallContext&, std::span<const Value>>) {
      store(std::move(name), Func{std::move(signature), FuncBody(std::forward<F>(body))});
    } else {
      FuncBody wrapped = [fn = std::forward<F>(body)](CallContext&, std::span<const Value> args) {
        return fn(args);
      };
      store(std::move(name), Func{std::move(signature), std::move(wrapped)});
    }
  }

  // The function registered as `name`, or nullptr. Pointers stay valid until the next add().
  const Func* find(std::string_view name) const;

 private:
  void store(std::string name, Func func);

  std::map<std::string, Func, std::less<>> m_funcs;
};

}  // namespace gitops::render::gotemplate
