// JsonnetVm: the move-only owner of a libjsonnet VM (struct JsonnetVm*), and JsonnetString, the
// owner of a buffer libjsonnet allocated and that must go back through jsonnet_realloc.
#pragma once

#include <string>

struct JsonnetVm;

namespace gitops::render {

class JsonnetVmHandle {
 public:
  // A fresh VM (libjsonnet aborts the process when it cannot allocate).
  JsonnetVmHandle();
  ~JsonnetVmHandle();
  JsonnetVmHandle(JsonnetVmHandle&& other) noexcept;
  JsonnetVmHandle& operator=(JsonnetVmHandle&& other) noexcept;
  JsonnetVmHandle(const JsonnetVmHandle&) = delete;
  JsonnetVmHandle& operator=(const JsonnetVmHandle&) = delete;

  ::JsonnetVm* get() const { return m_vm; }
  // A copy of `text` in a buffer allocated for libjsonnet to own (import callback results).
  char* allocate(const std::string& text) const;
  // Takes `buffer` returned by libjsonnet, copies it out and frees it; "" for nullptr.
  std::string take(char* buffer) const;

 private:
  ::JsonnetVm* m_vm = nullptr;
};

}  // namespace gitops::render
