// `kubectl gitops render`: print the objects a source renders to, without a cluster.
#include <set>

#include "core/yaml.h"
#include "plugin/command.h"
#include "plugin/source_loader.h"

namespace gitops::plugin {
namespace {

struct RenderFlags {
  SourceFlags source;
};

// Kinds every cluster serves as namespaced; render fills -n into these without asking a server.
bool well_known_namespaced(const core::ObjectKey& key) {
  static const std::set<std::string> core_kinds = {
      "ConfigMap", "Secret", "Service", "ServiceAccount", "Pod", "PersistentVolumeClaim",
      "Endpoints", "LimitRange", "ResourceQuota", "ReplicationController", "Event"};
  static const std::set<std::string> grouped = {
      "apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet", "batch/Job",
      "batch/CronJob", "networking.k8s.io/Ingress", "networking.k8s.io/NetworkPolicy",
      "rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/RoleBinding",
      "policy/PodDisruptionBudget", "autoscaling/HorizontalPodAutoscaler",
      "coordination.k8s.io/Lease"};
  if (key.group.empty()) return core_kinds.count(key.kind) > 0;
  return grouped.count(key.group + "/" + key.kind) > 0;
}

core::Result<int> run_render(Context& context, const RenderFlags& flags) {
  const std::string& output = context.globals.output.empty() ? "yaml" : context.globals.output;
  if (output != "yaml" && output != "json" && output != "raw") {
    return core::Error{core::ErrorKind::usage,
                       "unknown output format \"" + output + "\" for render (use yaml, json or raw)"};
  }
  auto source = resolve_source(flags.source, context.globals.namespace_);
  if (!source) return source.error();
  auto loaded = load_source(*source);
  if (!loaded) return loaded.error();
  if (output == "raw") {
    context.terminal.out(loaded->rendered.raw);
    return 0;
  }
  std::vector<core::Json> bodies;
  for (auto& object : loaded->rendered.objects) {
    if (!source->namespace_.empty() && object.namespace_().empty() &&
        well_known_namespaced(object.key())) {
      object.set_namespace(source->namespace_);
    }
    bodies.push_back(object.body);
  }
  if (output == "json") {
    core::Json list = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", bodies}};
    context.terminal.out(list.dump(4) + "\n");
  } else {
    context.terminal.out(core::to_yaml_stream(bodies));
  }
  return 0;
}

}  // namespace

void add_render_command(CLI::App& app, Context& context) {
  auto flags = std::make_shared<RenderFlags>();
  CLI::App* cmd = app.add_subcommand(
      "render", "Print the objects a Git ref (or a local folder) renders to; needs no cluster");
  add_source_flags(*cmd, flags->source);
  cmd->footer("Output (-o): yaml (default, canonical), json, raw (the renderer's own text)");
  cmd->callback([&context, flags] {
    context.run = [&context, flags] { return run_render(context, *flags); };
  });
}

}  // namespace gitops::plugin
