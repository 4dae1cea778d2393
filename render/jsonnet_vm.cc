// JsonnetVmHandle: jsonnet_make/jsonnet_destroy and jsonnet_realloc, nothing else.
#include "render/jsonnet_vm.h"

#include <cstring>
#include <utility>

extern "C" {
#include <libjsonnet.h>
}

namespace gitops::render {

JsonnetVmHandle::JsonnetVmHandle() : m_vm(jsonnet_make()) {}

JsonnetVmHandle::~JsonnetVmHandle() {
  if (m_vm != nullptr) jsonnet_destroy(m_vm);
}

JsonnetVmHandle::JsonnetVmHandle(JsonnetVmHandle&& other) noexcept
    : m_vm(std::exchange(other.m_vm, nullptr)) {}

JsonnetVmHandle& JsonnetVmHandle::operator=(JsonnetVmHandle&& other) noexcept {
  if (this != &other) {
    if (m_vm != nullptr) jsonnet_destroy(m_vm);
    m_vm = std::exchange(other.m_vm, nullptr);
  }
  return *this;
}

char* JsonnetVmHandle::allocate(const std::string& text) const {
  char* buffer = jsonnet_realloc(m_vm, nullptr, text.size() + 1);
  std::memcpy(buffer, text.c_str(), text.size() + 1);
  return buffer;
}

std::string JsonnetVmHandle::take(char* buffer) const {
  if (buffer == nullptr) return {};
  std::string text(buffer);
  jsonnet_realloc(m_vm, buffer, 0);
  return text;
}

}  // namespace gitops::render
