// `kubectl gitops agent`: flags -> options -> apps (from the source flags or --config) -> the
// agent, running until SIGTERM or SIGINT. The --config file is re-read when its content changes
// (polled) and at once on SIGHUP; a reload that fails keeps the running apps. Git and the
// renderers reach the agent through GitSource, the one place they meet for it (as source_loader
// is for the other commands).
#include "plugin/agent_command.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "agent/agent.h"
#include "agent/config.h"
#include "agent/shard.h"
#include "git/location.h"
#include "git/redact.h"
#include "git/ref.h"
#include "git/repository.h"
#include "plugin/cluster.h"
#include "plugin/source_loader.h"
#include "plugin/sync_flags.h"
#include "render/app_spec.h"
#include "render/process.h"

namespace gitops::plugin {
namespace {

struct AgentFlags {
  SourceFlags source;
  SyncFlags sync;
  std::string config;
  std::string config_poll_interval = "2s";
  std::string interval = "3m";
  bool self_heal = false;
  std::string webhook_addr;
  std::string webhook_secret_file;
  std::string metrics_addr;
  std::string identity;
  std::string lease_duration = "15s";
  std::string backoff_initial = "10s";
  std::string backoff_max = "5m";
  std::string shutdown_grace = "10s";
  std::string shard;
};

constexpr const char* k_secret_env = "GITOPS_WEBHOOK_SECRET";

// Fetches the mirror of remote `location` in a child process (this binary, `__fetch-mirror`), so
// libgit2's per-fetch leak ends with the child. The child's error line is passed on.
core::Status fetch_in_child(const std::string& location) {
  auto ran = render::run_process({"/proc/self/exe", k_fetch_mirror_command, location}, std::chrono::minutes(10));
  if (!ran) return ran.error();
  if (ran->end == render::ProcessEnd::exited && ran->status == 0) return {};
  std::string why = render::stderr_message(*ran);
  const std::string prefix = "kubectl-gitops: error: ";
  if (why.rfind(prefix, 0) == 0) why = why.substr(prefix.size());
  if (ran->end != render::ProcessEnd::exited) {
    why = "the fetch of " + git::redact_url(location) + " " + std::string(render::to_string(ran->end));
  }
  if (ran->end == render::ProcessEnd::timed_out) return core::Error{core::ErrorKind::timeout, why};
  // The child exits as any kubectl-gitops command does (DESIGN.md section 3); a crash is a
  // failure of the fetch, not of the agent.
  const auto kind = ran->end == render::ProcessEnd::exited ? core::error_kind_of_exit_code(ran->status)
                                                           : std::nullopt;
  return core::Error{kind.value_or(core::ErrorKind::source), why};
}

// The app's source as the agent sees it: fetch the ref, render a commit.
class GitSource : public agent::Source {
 public:
  explicit GitSource(AppSource source) : m_source(std::move(source)) {}

  core::Result<std::string> fetch(agent::FetchMode mode) override {
    if (!m_source.local.empty()) {
      return core::Error{core::ErrorKind::usage,
                         "the agent follows a Git ref; --local is not a source for it"};
    }
    bool offline = m_source.offline || mode == agent::FetchMode::cached;
    if (!offline) {
      auto where = git::classify_location(location());
      if (!where) return where.error();
      if (where->kind == git::LocationKind::remote) {
        if (auto fetched = fetch_in_child(location()); !fetched) return fetched.error();
        offline = true;  // the child brought the mirror up to date
      }
    }
    auto repo = git::Repository::open(location(), {.offline = offline});
    if (!repo) return repo.error();
    auto commit = git::resolve_ref(*repo, m_source.record.ref);
    if (!commit) return commit.error();
    return commit->sha;
  }

  core::Result<agent::RenderedCommit> render(const std::string& commit) override {
    AppSource source = m_source;
    source.record.ref = commit;
    source.offline = true;  // fetch() brought the commit in
    auto loaded = load_source(source);
    if (!loaded) return loaded.error();
    agent::RenderedCommit out{std::move(loaded->rendered.objects), source.record};
    out.record.ref = m_source.record.ref;
    return out;
  }

  sync::SourceRecord record() const override {
    sync::SourceRecord r = m_source.record;
    r.source_type = std::string(render::to_string(m_source.options.type));
    r.options = options_record(m_source.options);
    return r;
  }

  std::string repo() const override { return location(); }
  std::string ref() const override { return m_source.record.ref; }

 private:
  std::string location() const {
    return m_source.repo_location.empty() ? "." : m_source.repo_location;
  }
  AppSource m_source;
};

core::Error usage(std::string message) { return {core::ErrorKind::usage, std::move(message)}; }

}  // namespace

int run_fetch_mirror(const std::string& location, Context& context) {
  auto repo = git::Repository::open(location, {.offline = false});
  if (repo) return 0;
  context.terminal.error(repo.error().message);
  return core::exit_code(repo.error().kind);
}

namespace {

core::Result<std::chrono::milliseconds> positive_duration(const std::string& flag,
                                                          const std::string& text) {
  auto value = parse_duration_flag(flag, text);
  if (!value) return value.error();
  if (value->count() <= 0) return usage(flag + " must be more than 0");
  return *value;
}

core::Result<std::string> read_secret(const AgentFlags& f) {
  std::string secret;
  if (!f.webhook_secret_file.empty()) {
    std::ifstream in(f.webhook_secret_file, std::ios::binary);
    if (!in)
      return usage("reading --webhook-secret-file " + f.webhook_secret_file +
                   ": cannot open the file");
    std::ostringstream text;
    text << in.rdbuf();
    secret = text.str();
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (secret.empty())
      return usage("--webhook-secret-file " + f.webhook_secret_file + " is empty");
  } else if (const char* env = std::getenv(k_secret_env); env != nullptr) {
    secret = env;
  }
  if (secret.empty()) {
    return usage(
        std::string("--webhook-addr needs the shared secret: --webhook-secret-file FILE or $") +
        k_secret_env);
  }
  return secret;
}

std::string default_identity() {
  char host[256] = "unknown";
  gethostname(host, sizeof host - 1);
  return std::string(host) + "-" + std::to_string(getpid());
}

core::Result<agent::AgentOptions> agent_options(const AgentFlags& f) {
  agent::AgentOptions o;
  o.identity = f.identity.empty() ? default_identity() : f.identity;
  auto lease = positive_duration("--lease-duration", f.lease_duration);
  if (!lease) return lease.error();
  if (lease->count() < 1000) return usage("--lease-duration must be at least 1s");
  o.lease_duration = *lease;
  auto initial = positive_duration("--backoff-initial", f.backoff_initial);
  if (!initial) return initial.error();
  auto max = positive_duration("--backoff-max", f.backoff_max);
  if (!max) return max.error();
  if (*max < *initial) return usage("--backoff-max must not be less than --backoff-initial");
  o.backoff = {.initial = *initial, .max = *max};
  auto grace = parse_duration_flag("--shutdown-grace", f.shutdown_grace);
  if (!grace) return grace.error();
  o.shutdown_grace = *grace;
  if (!f.webhook_addr.empty()) {
    auto address = agent::parse_listen_address("--webhook-addr", f.webhook_addr);
    if (!address) return address.error();
    o.webhook_address = *address;
    auto secret = read_secret(f);
    if (!secret) return secret.error();
    o.webhook_secret = std::move(*secret);
  }
  if (!f.metrics_addr.empty()) {
    auto address = agent::parse_listen_address("--metrics-addr", f.metrics_addr);
    if (!address) return address.error();
    o.metrics_address = *address;
  }
  return o;
}

// An AppSource for a spec of the config file, as `-f` would give it.
core::Result<AppSource> source_from_spec(const render::AppSpec& spec, const SourceFlags& defaults) {
  SourceFlags f;
  f.app = spec.name;
  f.repo = spec.repo;
  f.ref = spec.ref;
  f.offline = defaults.offline;
  auto source = resolve_source(f, "");
  if (!source) return source.error();
  source->options = spec.source;
  source->options.app_name = spec.name;
  source->options.namespace_ = spec.namespace_;
  if (source->options.helm.release_name.empty()) source->options.helm.release_name = spec.name;
  if (!defaults.kustomize_binary.empty())
    source->options.kustomize.binary = defaults.kustomize_binary;
  source->namespace_ = spec.namespace_;
  source->prune = spec.prune;
  source->record.path = source->options.path;
  return source;
}

struct AppPlan {
  AppSource source;
  bool self_heal = false;
  std::chrono::milliseconds interval{0};
  std::string fingerprint;  // the config document; empty for an app from flags
};

// The apps of --config, whose text is `config_text`.
core::Result<std::vector<AppPlan>> plan_config_apps(const AgentFlags& f,
                                                    const std::string& config_text,
                                                    const std::string& default_ns,
                                                    std::chrono::milliseconds interval) {
  auto entries = agent::parse_agent_config_entries(config_text, f.config, default_ns);
  if (!entries) return entries.error();
  std::vector<AppPlan> plans;
  for (const auto& [spec, canonical] : *entries) {
    auto source = source_from_spec(spec, f.source);
    if (!source)
      return core::Error{source.error().kind,
                         f.config + ": app " + spec.name + ": " + source.error().message};
    plans.push_back(
        {std::move(*source), spec.self_heal || f.self_heal,
         spec.interval.count() > 0 ? std::chrono::milliseconds(spec.interval) : interval,
         canonical});
  }
  return plans;
}

// `config_text` is the --config file's text when there is one.
core::Result<std::vector<AppPlan>> plan_apps(const AgentFlags& f, const std::string* config_text,
                                             const std::string& default_ns,
                                             std::chrono::milliseconds interval) {
  if (!f.config.empty()) {
    if (!f.source.repo.empty() || !f.source.filename.empty() || !f.source.path.empty() ||
        !f.source.local.empty()) {
      return usage(
          "--config lists the apps; it cannot be combined with --repo, --path, --local or -f");
    }
    return plan_config_apps(f, config_text ? *config_text : std::string(), default_ns, interval);
  }
  std::vector<AppPlan> plans;
  if (!f.source.local.empty())
    return usage("the agent follows a Git ref; --local is not a source for it");
  auto source = resolve_source(f.source, default_ns);
  if (!source) return source.error();
  AppPlan plan{std::move(*source), f.self_heal, interval};
  if (!f.source.filename.empty()) {
    auto spec = render::read_app_spec(f.source.filename);
    if (!spec) return spec.error();
    plan.self_heal = plan.self_heal || spec->self_heal;
    if (spec->interval.count() > 0) plan.interval = spec->interval;
  }
  plans.push_back(std::move(plan));
  return plans;
}

core::Result<std::vector<agent::AppDefinition>> app_definitions(const AgentFlags& f,
                                                                const std::string* config_text,
                                                                const std::string& default_ns) {
  auto interval = positive_duration("--interval", f.interval);
  if (!interval) return interval.error();
  auto plans = plan_apps(f, config_text, default_ns, *interval);
  if (!plans) return plans.error();
  agent::Shard shard;
  if (!f.shard.empty()) {
    auto parsed = agent::parse_shard(f.shard);
    if (!parsed) return parsed.error();
    shard = *parsed;
  }
  std::vector<agent::AppDefinition> apps;
  for (auto& plan : *plans) {
    if (plan.source.namespace_.empty()) plan.source.namespace_ = default_ns;
    if (!agent::in_shard(shard, plan.source.namespace_, plan.source.app)) continue;
    auto options = sync_options(f.sync, plan.source);
    if (!options) return options.error();
    agent::AppDefinition app;
    app.key = {plan.source.namespace_, plan.source.app};
    app.self_heal = plan.self_heal;
    app.interval = plan.interval;
    app.sync = std::move(*options);
    app.fingerprint = std::move(plan.fingerprint);
    app.source = std::make_unique<GitSource>(std::move(plan.source));
    apps.push_back(std::move(app));
  }
  return apps;
}

// SIGTERM, SIGINT and SIGHUP are blocked in every thread and taken synchronously by
// sigtimedwait on the main thread: no handler runs, so nothing needs to be async-signal-safe.
sigset_t agent_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

// The next signal of `set`, or 0 when `timeout` passed first.
int wait_signal(const sigset_t& set, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return 0;
    timespec wait{.tv_sec = static_cast<time_t>(left.count() / 1'000'000'000),
                  .tv_nsec = static_cast<long>(left.count() % 1'000'000'000)};
    int signal = sigtimedwait(&set, nullptr, &wait);
    if (signal > 0) return signal;
    if (errno == EAGAIN) return 0;
    // EINTR: wait the rest.
  }
}

// Re-reads the --config file into the agent's app set; a failure (unreadable file, bad YAML,
// invalid spec, duplicate names) is logged and the running apps are kept.
class ConfigReloader {
 public:
  ConfigReloader(const AgentFlags& flags, std::string default_ns, std::string text,
                 agent::Agent& agent, agent::Logger& logger)
      : m_flags(flags),
        m_ns(std::move(default_ns)),
        m_seen(std::move(text)),
        m_agent(agent),
        m_logger(logger) {}

  // Reloads when the file's content differs from the content last read.
  void poll() {
    auto text = agent::read_agent_config_text(m_flags.config);
    std::optional<std::string> seen = text ? std::optional<std::string>(*text) : std::nullopt;
    if (seen == m_seen) return;
    m_seen = std::move(seen);
    apply(text);
  }

  // Reloads whatever the content (SIGHUP).
  void reload() {
    auto text = agent::read_agent_config_text(m_flags.config);
    m_seen = text ? std::optional<std::string>(*text) : std::nullopt;
    apply(text);
  }

 private:
  void apply(const core::Result<std::string>& text) {
    auto apps = text ? app_definitions(m_flags, &*text, m_ns)
                     : core::Result<std::vector<agent::AppDefinition>>(text.error());
    if (!apps) {
      m_logger.error(
          "", "config reload failed: " + apps.error().message + "; keeping the running apps");
      return;
    }
    agent::AppSetChange change = m_agent.reload(std::move(*apps));
    m_logger.info("", "config reloaded: " + agent::describe(change));
  }

  const AgentFlags& m_flags;
  std::string m_ns;
  std::optional<std::string> m_seen;  // the content last read; nullopt when it was unreadable
  agent::Agent& m_agent;
  agent::Logger& m_logger;
};

core::Result<int> run_agent(Context& context, const AgentFlags& flags) {
  const std::string output = context.globals.output.empty() ? "text" : context.globals.output;
  if (output != "text" && output != "json") {
    return usage("unknown output format \"" + output + "\" for agent logs (use text or json)");
  }
  if (flags.sync.dry_run)
    return usage("the agent does not take --dry-run; use `kubectl gitops diff`");
  auto options = agent_options(flags);
  if (!options) return options.error();
  auto poll = positive_duration("--config-poll-interval", flags.config_poll_interval);
  if (!poll) return poll.error();
  sigset_t signals = agent_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto client = connect(context);
  if (!client) return client.error();
  const std::string ns = context.globals.namespace_.empty() ? (*client)->config().namespace_
                                                            : context.globals.namespace_;
  std::string config_text;
  if (!flags.config.empty()) {
    auto text = agent::read_agent_config_text(flags.config);
    if (!text) return text.error();
    config_text = std::move(*text);
  }
  auto apps = app_definitions(flags, flags.config.empty() ? nullptr : &config_text, ns);
  if (!apps) return apps.error();
  Terminal* terminal = &context.terminal;
  agent::Logger logger(output == "json" ? agent::LogFormat::json : agent::LogFormat::text,
                       [terminal](std::string_view line) { terminal->err(line); });
  agent::Agent agent(**client, std::move(*apps), std::move(*options), logger);
  if (auto started = agent.start(); !started) return started.error();
  std::optional<ConfigReloader> reloader;
  if (!flags.config.empty()) reloader.emplace(flags, ns, std::move(config_text), agent, logger);
  int signal = 0;
  while (true) {
    signal = wait_signal(signals, reloader ? *poll : std::chrono::hours(1));
    if (signal == SIGTERM || signal == SIGINT) break;
    if (signal == SIGHUP && !reloader) {
      logger.info("", "received SIGHUP; ignored: there is no --config file to reload");
    } else if (signal == SIGHUP) {
      logger.info("", "received SIGHUP: reloading " + flags.config);
      reloader->reload();
    } else if (reloader) {
      reloader->poll();
    }
  }
  logger.info("", std::string("received ") + (signal == SIGTERM ? "SIGTERM" : "SIGINT"));
  agent::ShutdownReport report = agent.stop();
  if (report.abandoned > 0) {
    // A sync is still running on another thread and was recorded Interrupted: leave at once,
    // without running destructors under its feet.
    context.terminal.flush();
    std::_Exit(0);
  }
  return 0;
}

}  // namespace

void add_agent_command(CLI::App& app, Context& context) {
  auto flags = std::make_shared<AgentFlags>();
  CLI::App* cmd = app.add_subcommand(
      "agent", "Keep apps in the state of their Git refs: poll (or take push webhooks) and sync");
  add_source_flags(*cmd, flags->source);
  SyncFlags& s = flags->sync;
  const char* sync_group = "Sync";
  cmd->add_flag("--no-prune", s.no_prune, "Never prune, whatever the app specs say")
      ->group(sync_group);
  cmd->add_flag("--force-conflicts", s.force_conflicts,
                "Take over fields owned by other field managers")
      ->group(sync_group);
  cmd->add_flag("--no-wait", s.no_wait, "Do not wait for health")->group(sync_group);
  cmd->add_option("--timeout", s.timeout, "How long a sync waits for health (default 5m)")
      ->group(sync_group);
  cmd->add_flag("--allow-empty", s.allow_empty, "Allow an empty render to prune everything")
      ->group(sync_group);
  cmd->add_option("--max-prune", s.max_prune, "Refuse to prune more than N objects or P% of them")
      ->group(sync_group);
  cmd->add_flag("--prune-protected", s.prune_protected,
                "Also prune Namespaces, CRDs and PersistentVolumeClaims")
      ->group(sync_group);
  cmd->add_flag("--adopt", s.adopt,
                "Take over objects of another ApplySet, Helm release or Argo CD")
      ->group(sync_group);
  cmd->add_option("--history-max", s.history_max, "Revisions to keep per app (default 10)")
      ->group(sync_group);
  cmd->add_option("--lock-timeout", s.lock_timeout,
                  "How long a sync waits for another sync of the app (default 1m)")
      ->group(sync_group);
  cmd->add_option("--lock-ttl", s.lock_ttl, "Lease duration of an app's sync lock (default 30s)")
      ->group(sync_group);
  const char* group = "Agent";
  cmd->add_option("--config", flags->config,
                  "Apps to keep in sync: a YAML stream of App and Application specs")
      ->group(group);
  cmd->add_option("--config-poll-interval", flags->config_poll_interval,
                  "How often to check --config for changes (default 2s; SIGHUP reloads at once)")
      ->group(group);
  cmd->add_option("--interval", flags->interval,
                  "How often to poll each app's ref (default 3m, with 10% jitter)")
      ->group(group);
  cmd->add_flag("--self-heal", flags->self_heal,
                "Re-sync when live objects drift from the synced commit")
      ->group(group);
  cmd->add_option("--webhook-addr", flags->webhook_addr,
                  "Serve POST /webhook for push events on HOST:PORT (needs the shared secret)")
      ->group(group);
  cmd->add_option(
         "--webhook-secret-file", flags->webhook_secret_file,
         std::string("File holding the webhook's shared secret (default: $") + k_secret_env + ")")
      ->group(group);
  cmd->add_option("--metrics-addr", flags->metrics_addr,
                  "Serve /metrics, /healthz and /readyz on HOST:PORT")
      ->group(group);
  cmd->add_option("--identity", flags->identity,
                  "This agent's name in leases and history (default HOST-PID)")
      ->group(group);
  cmd->add_option("--lease-duration", flags->lease_duration,
                  "How long an app's leader lease lasts without renewal (default 15s)")
      ->group(group);
  cmd->add_option("--backoff-initial", flags->backoff_initial,
                  "Wait before retrying a failed commit (default 10s)")
      ->group(group);
  cmd->add_option("--backoff-max", flags->backoff_max, "Longest wait between retries (default 5m)")
      ->group(group);
  cmd->add_option(
         "--shutdown-grace", flags->shutdown_grace,
         "How long SIGTERM waits for running syncs before recording them Interrupted (default 10s)")
      ->group(group);
  cmd->add_option("--shard", flags->shard,
                  "Drive only the apps of shard N of M (N/M, by a stable hash of each app)")
      ->group(group);
  cmd->footer(
      "Logs (-o): text (default), json (one object per line). Runs until SIGTERM or SIGINT; exits "
      "0. SIGHUP re-reads --config.");
  cmd->callback([&context, flags] {
    context.run = [&context, flags] { return run_agent(context, *flags); };
  });
}

}  // namespace gitops::plugin
