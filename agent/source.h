// Source: where an app's objects come from, as the agent sees it - the edge to Git and the
// renderers, implemented by the command that wires git/ and render/ (tests use fakes).
#pragma once

#include <string>

#include "core/object.h"
#include "core/result.h"
#include "sync/revision.h"

namespace gitops::agent {

struct RenderedCommit {
  core::Objects objects;
  sync::SourceRecord record;  // repo (redacted), ref, commit, subject, path, type, options
};

// Whether fetch() asks the remote, or reads what the last fetch of the repository brought (apps
// on one repository share fetches: see FetchTimes).
enum class FetchMode { remote, cached };

class Source {
 public:
  virtual ~Source() = default;
  // Resolves the ref (fetching first in FetchMode::remote) to the full SHA of the commit it
  // names (kind source).
  virtual core::Result<std::string> fetch(FetchMode mode) = 0;
  // Renders `commit` (fetched before; kind source on Git or render failures).
  virtual core::Result<RenderedCommit> render(const std::string& commit) = 0;
  // The source as recorded in history, without a commit: for records of failed renders.
  virtual sync::SourceRecord record() const = 0;
  // The repository as configured (a URL or path), for matching webhook payloads.
  virtual std::string repo() const = 0;
  // The ref as configured ("main"), for matching webhook payloads.
  virtual std::string ref() const = 0;
};

}  // namespace gitops::agent
