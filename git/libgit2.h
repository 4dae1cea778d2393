// The libgit2 boundary: one-time library initialisation, a move-only RAII wrapper for every
// libgit2 handle, and conversion of libgit2's last error into a core::Error (URLs redacted).
#pragma once

#include <git2.h>

#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"

namespace gitops::git {

// Calls git_libgit2_init() exactly once per process (thread-safe); never fails.
void ensure_libgit2();

// Owns one libgit2 handle of type T, released with Free. Move-only.
template <typename T, void (*Free)(T*)>
class Handle {
 public:
  Handle() = default;
  explicit Handle(T* raw) : m_raw(raw) {}
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : m_raw(std::exchange(other.m_raw, nullptr)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      m_raw = std::exchange(other.m_raw, nullptr);
    }
    return *this;
  }
  T* get() const { return m_raw; }
  // For libgit2's out-parameters: releases the current handle and returns its address.
  T** out() {
    reset();
    return &m_raw;
  }
  explicit operator bool() const { return m_raw != nullptr; }
  void reset() {
    if (m_raw != nullptr) Free(std::exchange(m_raw, nullptr));
  }

 private:
  T* m_raw = nullptr;
};

using RepositoryHandle = Handle<git_repository, git_repository_free>;
using ObjectHandle = Handle<git_object, git_object_free>;
using CommitHandle = Handle<git_commit, git_commit_free>;
using TreeHandle = Handle<git_tree, git_tree_free>;
using TreeEntryHandle = Handle<git_tree_entry, git_tree_entry_free>;
using BlobHandle = Handle<git_blob, git_blob_free>;
using ReferenceHandle = Handle<git_reference, git_reference_free>;
using ReferenceIteratorHandle = Handle<git_reference_iterator, git_reference_iterator_free>;
using RemoteHandle = Handle<git_remote, git_remote_free>;
using RevwalkHandle = Handle<git_revwalk, git_revwalk_free>;

// Owns a git_buf filled by libgit2.
class Buffer {
 public:
  Buffer() = default;
  ~Buffer() { git_buf_dispose(&m_buf); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  git_buf* out() { return &m_buf; }
  std::string str() const { return m_buf.ptr ? std::string(m_buf.ptr, m_buf.size) : std::string(); }

 private:
  git_buf m_buf = GIT_BUF_INIT;
};

// libgit2's message for the last failure on this thread, with credentials in URLs redacted;
// "unknown libgit2 error" when libgit2 recorded none.
std::string last_error_message();

// An Error of `kind` whose message is "what: <libgit2's last error>".
core::Error libgit2_error(core::ErrorKind kind, std::string_view what);

// The hexadecimal form of `oid` (40 characters).
std::string to_hex(const git_oid& oid);

}  // namespace gitops::git
