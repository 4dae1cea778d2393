// Client construction from flags.
#include "plugin/cluster.h"

#include <charconv>

namespace gitops::plugin {

core::Result<std::chrono::milliseconds> parse_duration_flag(const std::string& flag,
                                                            const std::string& text) {
  auto fail = [&] {
    return core::Error{core::ErrorKind::usage, "invalid " + flag + " \"" + text +
                                                   "\": use a duration such as 30s, 5m or 1h"};
  };
  if (text.empty()) return fail();
  std::chrono::milliseconds total{0};
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end) {
    double value = 0;
    auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc() || value < 0) return fail();
    p = next;
    double scale = 1000;  // bare numbers are seconds
    if (p < end) {
      std::string_view unit(p, static_cast<size_t>(end - p));
      if (unit.rfind("ms", 0) == 0) { scale = 1; p += 2; }
      else if (unit[0] == 's') { scale = 1000; p += 1; }
      else if (unit[0] == 'm') { scale = 60'000; p += 1; }
      else if (unit[0] == 'h') { scale = 3'600'000; p += 1; }
      else return fail();
    }
    total += std::chrono::milliseconds(static_cast<long long>(value * scale));
  }
  return total;
}

core::Result<kube::ClientConfig> client_config(Context& context) {
  const GlobalFlags& g = context.globals;
  auto timeout = parse_duration_flag("--request-timeout", g.request_timeout);
  if (!timeout) return timeout.error();
  kube::ConfigOptions options{.kubeconfig = g.kubeconfig, .context = g.context,
                              .namespace_ = g.namespace_, .request_timeout = *timeout};
  if (g.verbosity > 0) {
    options.logging.verbosity = g.verbosity;
    Terminal* terminal = &context.terminal;
    options.logging.sink = [terminal](std::string_view line) {
      std::string text = "kubectl-gitops: ";
      text.append(line);
      text.push_back('\n');
      terminal->err(text);
    };
  }
  return kube::load_client_config(options);
}

core::Result<std::unique_ptr<kube::Client>> connect(Context& context) {
  auto config = client_config(context);
  if (!config) return config.error();
  return kube::Client::create(std::move(*config));
}

}  // namespace gitops::plugin
