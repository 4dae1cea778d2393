// Global flags: registration and small conversions.
#include "plugin/global_flags.h"

namespace gitops::plugin {

ColorMode GlobalFlags::color_mode() const {
  if (color == "always") return ColorMode::always;
  if (color == "never") return ColorMode::never;
  return ColorMode::automatic;
}

void add_global_flags(CLI::App& app, GlobalFlags& flags) {
  app.add_option("--kubeconfig", flags.kubeconfig, "Path to the kubeconfig file")->group("Global");
  app.add_option("--context", flags.context, "The kubeconfig context to use")->group("Global");
  app.add_option("-n,--namespace", flags.namespace_,
                 "Default namespace for namespaced objects without one; where the app's records live")
      ->group("Global");
  app.add_option("--request-timeout", flags.request_timeout,
                 "Time to wait for one server request (e.g. 30s, 1m; 0 = no limit)")
      ->group("Global");
  app.add_option("-o,--output", flags.output, "Output format (each command lists its own)")
      ->group("Global");
  app.add_option("-v,--v", flags.verbosity, "Log level: 6 logs every request, 8 adds bodies")
      ->group("Global");
  app.add_option("--color", flags.color, "Colour output: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->group("Global");
  app.add_flag("--no-progress", flags.no_progress, "Never show live progress on stderr")
      ->group("Global");
}

}  // namespace gitops::plugin
