// Result<T>: a value or a core::Error, the return type of every fallible function.
// Small on purpose (the subset of std::expected the project uses); exceptions never cross a
// module boundary, so a caller always sees failure in the type.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/error.h"

namespace gitops::core {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return m_state.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(m_state); }
  const T& value() const& { assert(ok()); return std::get<0>(m_state); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(m_state)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(m_state); }

 private:
  std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)), m_failed(true) {}  // NOLINT: implicit

  bool ok() const { return !m_failed; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(m_failed); return m_error; }

 private:
  Error m_error;
  bool m_failed = false;
};

using Status = Result<void>;

}  // namespace gitops::core
