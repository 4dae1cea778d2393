// Prometheus text rendering.
#include "agent/metrics.h"

#include <cstdio>
#include <functional>

namespace gitops::agent {
namespace {

std::string number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

std::string labels(const AppKey& key) {
  return "namespace=\"" + escape_label(key.namespace_) + "\",app=\"" + escape_label(key.name) +
         "\"";
}

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

}  // namespace

std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

AppMetrics Metrics::get(const AppKey& app) const {
  std::lock_guard lock(m_mutex);
  auto it = m_apps.find(app);
  return it == m_apps.end() ? AppMetrics{} : it->second;
}

void Metrics::remove(const AppKey& app) {
  std::lock_guard lock(m_mutex);
  m_apps.erase(app);
}

void Metrics::count_webhook(int status) {
  std::lock_guard lock(m_mutex);
  ++m_webhook_requests[status];
}

std::string Metrics::render() const {
  std::lock_guard lock(m_mutex);
  std::string out;
  auto each = [&](const std::function<void(const AppKey&, const AppMetrics&)>& line) {
    for (const auto& [key, m] : m_apps) line(key, m);
  };
  family(out, "gitops_agent_syncs_total", "counter", "Sync attempts by result.");
  each([&](const AppKey& k, const AppMetrics& m) {
    out += "gitops_agent_syncs_total{" + labels(k) + ",result=\"failed\"} " +
           std::to_string(m.syncs_failed) + "\n";
    out += "gitops_agent_syncs_total{" + labels(k) + ",result=\"succeeded\"} " +
           std::to_string(m.syncs_succeeded) + "\n";
  });
  family(out, "gitops_agent_fetch_failures_total", "counter", "Failed fetches of the app's ref.");
  each([&](const AppKey& k, const AppMetrics& m) {
    out += "gitops_agent_fetch_failures_total{" + labels(k) + "} " +
           std::to_string(m.fetch_failures) + "\n";
  });
  family(out, "gitops_agent_consecutive_failures", "gauge",
         "Failed attempts since the last success.");
  each([&](const AppKey& k, const AppMetrics& m) {
    out += "gitops_agent_consecutive_failures{" + labels(k) + "} " +
           std::to_string(m.consecutive_failures) + "\n";
  });
  family(out, "gitops_agent_last_sync_timestamp_seconds", "gauge",
         "When the last sync attempt ended.");
  each([&](const AppKey& k, const AppMetrics& m) {
    out += "gitops_agent_last_sync_timestamp_seconds{" + labels(k) + "} " +
           number(m.last_sync_timestamp) + "\n";
  });
  family(out, "gitops_agent_last_success_timestamp_seconds", "gauge",
         "When the last successful sync ended.");
  each([&](const AppKey& k, const AppMetrics& m) {
    out += "gitops_agent_last_success_timestamp_seconds{" + labels(k) + "} " +
           number(m.last_success_timestamp) + "\n";
  });
  family(out, "gitops_agent_last_sync_duration_seconds", "gauge",
         "How long the last sync attempt took.");
  each([&](const AppKey& k, const AppMetrics& m) {
    out += "gitops_agent_last_sync_duration_seconds{" + labels(k) + "} " +
           number(m.last_sync_duration) + "\n";
  });
  family(
      out, "gitops_agent_app_info", "gauge",
      "The app as the agent sees it: synced commit, ref commit, sync status, health, last result.");
  each([&](const AppKey& k, const AppMetrics& m) {
    out += "gitops_agent_app_info{" + labels(k) + ",commit=\"" + escape_label(m.commit) +
           "\",observed_commit=\"" + escape_label(m.observed_commit) + "\",sync=\"" +
           escape_label(m.sync_status) + "\",health=\"" + escape_label(m.health) +
           "\",last_result=\"" + escape_label(m.last_result) + "\"} 1\n";
  });
  family(out, "gitops_agent_leader", "gauge", "1 when this agent holds the app's lease.");
  each([&](const AppKey& k, const AppMetrics& m) {
    out += "gitops_agent_leader{" + labels(k) + "} " + (m.leader ? "1" : "0") + "\n";
  });
  family(out, "gitops_agent_webhook_requests_total", "counter",
         "Webhook requests by response code.");
  for (const auto& [code, count] : m_webhook_requests) {
    out += "gitops_agent_webhook_requests_total{code=\"" + std::to_string(code) + "\"} " +
           std::to_string(count) + "\n";
  }
  return out;
}

}  // namespace gitops::agent
