// Lease acquisition with optimistic concurrency, background renewal, and release.
#include "sync/lock.h"

#include <unistd.h>

#include <ctime>

namespace gitops::sync {
namespace {

using Clock = std::chrono::system_clock;

std::string micro_time(Clock::time_point t) {
  std::time_t secs = Clock::to_time_t(t);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count() % 1000000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%s.%06lldZ", buf, static_cast<long long>(micros));
  return out;
}

// Seconds since the epoch of an RFC 3339 time ("2024-01-01T00:00:00.123456Z"); 0 when unreadable.
std::time_t parse_time(const std::string& text) {
  std::tm tm{};
  if (strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) return 0;
  return timegm(&tm);
}

core::ObjectKey lease_key(const std::string& app, const std::string& ns) {
  return {"coordination.k8s.io", "v1", "Lease", ns, "gitops-" + app};
}

core::Json lease_body(const std::string& app, const std::string& ns, const LockOptions& o,
                      const std::string& resource_version) {
  std::string now = micro_time(Clock::now());
  core::Json lease = {{"apiVersion", "coordination.k8s.io/v1"},
                      {"kind", "Lease"},
                      {"metadata", {{"name", "gitops-" + app}, {"namespace", ns},
                                    {"labels", {{"kubectl-gitops.dev/app", app}}}}},
                      {"spec", {{"holderIdentity", o.holder},
                                {"leaseDurationSeconds", o.ttl.count()},
                                {"acquireTime", now},
                                {"renewTime", now}}}};
  if (!resource_version.empty()) lease["metadata"]["resourceVersion"] = resource_version;
  return lease;
}

bool expired(const core::Json& lease) {
  const core::Json spec = lease.value("spec", core::Json::object());
  if (spec.value("holderIdentity", "").empty()) return true;
  std::time_t renewed = parse_time(spec.value("renewTime", ""));
  long long ttl = spec.value("leaseDurationSeconds", 30);
  return renewed + ttl < std::time(nullptr);
}

}  // namespace

std::string default_holder_identity() {
  char host[256] = "unknown";
  gethostname(host, sizeof host - 1);
  return std::string("kubectl-gitops@") + host + "/" + std::to_string(getpid());
}

Lock::Lock(kube::Client& client, std::string app, std::string namespace_, LockOptions options)
    : m_client(client), m_app(std::move(app)), m_namespace(std::move(namespace_)),
      m_options(std::move(options)) {}

core::Result<std::unique_ptr<Lock>> Lock::acquire(kube::Client& client, const std::string& app,
                                                  const std::string& ns, const LockOptions& options) {
  std::unique_ptr<Lock> lock(new Lock(client, app, ns, options));
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  const core::ObjectKey key = lease_key(app, ns);
  std::string last_holder;
  while (true) {
    auto current = client.get(key);
    if (!current) return current.error().context("taking the lock of " + app);
    core::Result<core::Json> written = core::Json();
    if (!*current) {
      written = client.create(lease_body(app, ns, options, ""));
    } else if (expired(**current)) {
      lock->m_took_over_from = (**current)["spec"].value("holderIdentity", "");
      std::string rv = (**current)["metadata"].value("resourceVersion", "");
      written = client.update(lease_body(app, ns, options, rv));
    } else {
      last_holder = (**current)["spec"].value("holderIdentity", "");
      written = core::Error{core::ErrorKind::conflict, "held"};
    }
    if (written) break;
    if (written.error().kind != core::ErrorKind::conflict) {
      return written.error().context("taking the lock of " + app);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return core::Error{core::ErrorKind::timeout,
                         "waiting for the lock of " + app + ": lease " + ns + "/gitops-" + app +
                             " is held by " + (last_holder.empty() ? "another sync" : last_holder) +
                             " (waited " + std::to_string(options.timeout.count()) + "s; see --lock-timeout)"};
    }
    lock->m_took_over_from.clear();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  lock->m_renewer = std::thread([raw = lock.get()] { raw->renew_loop(); });
  return lock;
}

void Lock::renew_loop() {
  const core::ObjectKey key = lease_key(m_app, m_namespace);
  std::unique_lock<std::mutex> guard(m_mutex);
  while (!m_stop) {
    m_stop_cv.wait_for(guard, m_options.ttl / 3);
    if (m_stop) break;
    guard.unlock();
    auto current = m_client.get(key);
    if (current && *current) {
      core::Json lease = **current;
      lease["spec"]["renewTime"] = micro_time(Clock::now());
      (void)m_client.update(lease);
    }
    guard.lock();
  }
}

Lock::~Lock() {
  {
    std::lock_guard<std::mutex> guard(m_mutex);
    m_stop = true;
  }
  m_stop_cv.notify_all();
  if (m_renewer.joinable()) m_renewer.join();
  (void)m_client.delete_object(lease_key(m_app, m_namespace));
}

}  // namespace gitops::sync
