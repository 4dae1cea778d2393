// Log line formatting.
#include "agent/log.h"

#include "core/object.h"
#include "sync/revision.h"

namespace gitops::agent {

std::string_view to_string(LogLevel level) {
  switch (level) {
    case LogLevel::info:
      return "info";
    case LogLevel::warning:
      return "warning";
    case LogLevel::error:
      return "error";
  }
  return "info";
}

std::string Logger::format_line(const std::string& time, LogLevel level, const std::string& app,
                                const std::string& message) const {
  if (m_format == LogFormat::json) {
    core::Json line = {{"time", time}, {"level", std::string(to_string(level))}, {"msg", message}};
    if (!app.empty()) line["app"] = app;
    return line.dump(-1, ' ', false, core::Json::error_handler_t::replace);
  }
  std::string text =
      time + " " + std::string(to_string(level)) + " " + (app.empty() ? "" : app + ": ");
  // One event, one line: multi-line errors are joined.
  for (char c : message) text += c == '\n' ? ' ' : c;
  return text;
}

void Logger::log(LogLevel level, const std::string& app, const std::string& message) {
  std::string line = format_line(sync::now_rfc3339(), level, app, message) + "\n";
  std::lock_guard lock(m_mutex);
  if (m_sink) m_sink(line);
}

}  // namespace gitops::agent
