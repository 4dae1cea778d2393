// `kubectl gitops render`: print the objects a source renders to.
#include "plugin/command.h"

namespace gitops::plugin {

void add_render_command(CLI::App& app, Context& context) {
  (void)app;
  (void)context;
}

}  // namespace gitops::plugin
