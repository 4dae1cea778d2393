// Test support for end-to-end tests of `kubectl gitops agent`: a repository served by
// `git daemon` on loopback (a work tree that commits and pushes to a bare repository), the agent
// started in the background against the test cluster, plain HTTP requests to its endpoints, and
// the app's history as JSON.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/object.h"
#include "tests/support/background.h"
#include "tests/support/git_repo.h"

namespace gitops::testing {

class ServedRepo {
 public:
  ServedRepo();
  // Commits `files` in the work tree and pushes the commit to the served branch main.
  std::string push(const std::map<std::string, std::string>& files, const std::string& message);
  // Removes `files` in a commit and pushes it.
  std::string push_removal(const std::vector<std::string>& files, const std::string& message);
  // git://127.0.0.1:PORT/repo.git
  std::string url() const;

 private:
  GitRepo m_work;
  TempDir m_served;
  std::unique_ptr<GitDaemon> m_daemon;
};

// `kubectl gitops agent ARGS...` in the background, with the test cluster's kubeconfig and the
// tests' cache folder (as kubectl_gitops() runs it).
std::unique_ptr<BackgroundProcess> start_agent(const std::vector<std::string>& args,
                                               std::map<std::string, std::string> env = {});

struct HttpResult {
  int status = 0;  // 0 when the connection failed
  std::string body;
};

// One HTTP/1.1 request to 127.0.0.1:port.
HttpResult http(int port, const std::string& method, const std::string& path,
                const std::map<std::string, std::string>& headers = {},
                const std::string& body = "");

// The app's revisions, newest first (`kubectl gitops history -o json`); empty when none.
std::vector<core::Json> revisions(const std::string& app, const std::string& namespace_);

// The value of the metric line that starts with `series` ("name{labels}"), or -1.
double metric(const std::string& text, const std::string& series);

}  // namespace gitops::testing
