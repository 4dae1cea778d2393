// Logger: the agent's structured log, one line per event: plain text
// ("2026-01-01T10:00:00Z info shop/web: synced ...") or, in JSON mode, one object per line
// ({"time":...,"level":"info","app":"shop/web","msg":"..."}). Lines go to a sink the command
// provides; writes are serialised. Callers never pass secrets: messages name apps, commits and
// errors, and errors from Git and the API server are redacted where they are made.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace gitops::agent {

enum class LogFormat { text, json };
enum class LogLevel { info, warning, error };

std::string_view to_string(LogLevel level);

class Logger {
 public:
  Logger(LogFormat format, std::function<void(std::string_view)> sink)
      : m_format(format), m_sink(std::move(sink)) {}
  // `app` may be "" for agent-wide events.
  void log(LogLevel level, const std::string& app, const std::string& message);
  void info(const std::string& app, const std::string& message) {
    log(LogLevel::info, app, message);
  }
  void warning(const std::string& app, const std::string& message) {
    log(LogLevel::warning, app, message);
  }
  void error(const std::string& app, const std::string& message) {
    log(LogLevel::error, app, message);
  }

  // The line log() writes at `time` (RFC 3339), without the newline.
  std::string format_line(const std::string& time, LogLevel level, const std::string& app,
                          const std::string& message) const;

 private:
  LogFormat m_format;
  std::function<void(std::string_view)> m_sink;
  std::mutex m_mutex;
};

}  // namespace gitops::agent
