// Client::watch: a streaming GET ?watch=true whose newline-delimited events go to a callback,
// reconnecting from the last resourceVersion until the callback stops or the timeout passes.
#include "kube/api_error.h"
#include "kube/client.h"

namespace gitops::kube {

core::Status Client::watch(const ResourceQuery& query, const WatchOptions& options,
                           const std::function<WatchAction(const WatchEvent&)>& on_event) {
  auto target = resolve(query.group, query.version, query.kind, query.namespace_, "");
  if (!target) return target.error().context("watching " + query.kind);
  const std::string what = "watching " + target->description;
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  std::string resource_version = options.resource_version;
  while (true) {
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (remaining.count() <= 0) break;
    bool stopped = false;
    std::string buffer;
    std::optional<core::Error> event_error;
    std::string status_body;  // a Status object instead of events: the body of an error response
    Request request;
    std::string query_text = "?watch=true&allowWatchBookmarks=true&timeoutSeconds=" +
                             std::to_string(std::max<long long>(1, (remaining.count() + 999) / 1000));
    if (!resource_version.empty()) query_text += "&resourceVersion=" + url_escape(resource_version);
    if (!options.label_selector.empty()) query_text += "&labelSelector=" + url_escape(options.label_selector);
    if (!options.field_selector.empty()) query_text += "&fieldSelector=" + url_escape(options.field_selector);
    request.path = target->path + query_text;
    request.timeout = remaining;
    request.on_chunk = [&](std::string_view chunk) {
      buffer.append(chunk);
      std::size_t newline;
      while ((newline = buffer.find('\n')) != std::string::npos) {
        Json line = Json::parse(buffer.substr(0, newline), nullptr, false);
        buffer.erase(0, newline + 1);
        if (!line.is_object()) continue;
        if (!line.contains("type")) {
          status_body = line.dump();
          continue;
        }
        WatchEvent event{line.value("type", ""), line.value("object", Json::object())};
        if (event.type == "ERROR") {
          Response status{event.object.value("code", 500), event.object.dump(), "", "", {}};
          event_error = to_error(parse_api_error(status), {"watching", target->description, false});
          return false;
        }
        if (event.object.is_object()) {
          resource_version = event.object.value("metadata", Json::object()).value("resourceVersion", resource_version);
        }
        if (event.type == "BOOKMARK") continue;
        if (on_event(event) == WatchAction::stop) {
          stopped = true;
          return false;
        }
      }
      return true;
    };
    Outcome outcome = m_transport->execute(std::move(request));
    if (event_error) return *event_error;
    if (stopped) return {};
    if (!outcome.ok()) {
      if (outcome.failure.kind == FailureKind::timeout) break;
      return outcome.failure.error.context(what);
    }
    if (outcome.response.status >= 400) {
      if (outcome.response.body.empty()) outcome.response.body = status_body.empty() ? buffer : status_body;
      return to_error(parse_api_error(outcome.response), {"watching", target->description, false});
    }
  }
  return core::Error{core::ErrorKind::timeout,
                     what + ": timed out after " + std::to_string(options.timeout.count() / 1000) + "s"};
}

}  // namespace gitops::kube
