// Terminal: the plugin's only door to stdout and stderr. Commands write results to out() and
// progress or warnings to err(); whether each is a terminal decides colour and live progress.
#pragma once

#include <string>
#include <string_view>

namespace gitops::plugin {

enum class ColorMode { automatic, always, never };

class Terminal {
 public:
  Terminal();
  void out(std::string_view text);
  void err(std::string_view text);
  // One error line per line of `message`, prefixed "kubectl-gitops: error: ".
  void error(std::string_view message);
  void warning(std::string_view message);
  bool stdout_is_tty() const { return m_stdout_tty; }
  bool stderr_is_tty() const { return m_stderr_tty; }
  bool stdin_is_tty() const { return m_stdin_tty; }
  // Whether output to stdout should be coloured under `mode` (auto: a terminal and NO_COLOR unset).
  bool color_stdout(ColorMode mode) const;
  void flush();

 private:
  bool m_stdout_tty = false;
  bool m_stderr_tty = false;
  bool m_stdin_tty = false;
};

}  // namespace gitops::plugin
