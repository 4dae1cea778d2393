// Terminal: buffered writes to the standard streams.
#include "plugin/terminal.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace gitops::plugin {

Terminal::Terminal()
    : m_stdout_tty(isatty(STDOUT_FILENO) == 1),
      m_stderr_tty(isatty(STDERR_FILENO) == 1),
      m_stdin_tty(isatty(STDIN_FILENO) == 1) {}

void Terminal::out(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }

void Terminal::err(std::string_view text) {
  std::fflush(stdout);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

void Terminal::error(std::string_view message) {
  while (!message.empty()) {
    auto nl = message.find('\n');
    std::string line = "kubectl-gitops: error: ";
    line.append(message.substr(0, nl));
    line.push_back('\n');
    err(line);
    if (nl == std::string_view::npos) break;
    message.remove_prefix(nl + 1);
  }
}

void Terminal::warning(std::string_view message) {
  std::string line = "kubectl-gitops: warning: ";
  line.append(message);
  line.push_back('\n');
  err(line);
}

bool Terminal::color_stdout(ColorMode mode) const {
  switch (mode) {
    case ColorMode::always: return true;
    case ColorMode::never: return false;
    case ColorMode::automatic: {
      const char* no_color = std::getenv("NO_COLOR");
      return m_stdout_tty && (no_color == nullptr || *no_color == '\0');
    }
  }
  return false;
}

void Terminal::flush() {
  std::fflush(stdout);
  std::fflush(stderr);
}

}  // namespace gitops::plugin
