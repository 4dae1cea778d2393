// Remote bases: kustomization entries (resources, bases, components) that name a Git repository
// or URL instead of a folder of the tree. Kustomize would fetch and build them, so they are found
// before kustomize runs and refused unless the user allowed them.
#pragma once

#include <string_view>

#include "core/file_tree.h"

namespace gitops::render {

// Whether kustomization entry `entry` reads as remote: a URL (scheme://), an scp-like
// `git@host:path`, a `git::` form, or a `host.tld/...` form such as github.com/org/repo.
// refuse_remote_bases() still accepts a host-like entry that exists as a path of the tree.
bool is_remote_entry(std::string_view entry);

// Checks every kustomization file (kustomization.yaml, kustomization.yml, Kustomization) in
// `tree`; an error (kind source) with one line per remote entry, naming the file and the entry,
// or naming a kustomization file that cannot be read or parsed.
core::Status refuse_remote_bases(const core::FileTree& tree);

}  // namespace gitops::render
