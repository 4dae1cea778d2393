// Flags every command accepts, named as kubectl names them (DESIGN.md section 2), and their
// conversion into the kube client's connection settings.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "plugin/terminal.h"

namespace gitops::plugin {

struct GlobalFlags {
  std::string kubeconfig;
  std::string context;
  std::string namespace_;
  std::string request_timeout = "0";
  std::string output;  // each command validates its own set
  int verbosity = 0;
  std::string color = "auto";
  bool no_progress = false;

  ColorMode color_mode() const;
};

// Registers the global flags on `app` (inherited by every subcommand).
void add_global_flags(CLI::App& app, GlobalFlags& flags);

}  // namespace gitops::plugin
