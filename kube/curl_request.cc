// Easy-handle setup and curl result classification.
#include "kube/curl_request.h"

#include <cctype>
#include <cstring>
#include <mutex>

#include "kube/curl_transport.h"

namespace gitops::kube {

struct CurlRequest::State {
  Request request;
  CurlEasy easy;
  CurlSlist header_list;
  CurlSlist connect_to;
  std::vector<std::string> headers;
  std::string url;
  Response response;
  bool aborted = false;
  char error[CURL_ERROR_SIZE] = {};
  std::chrono::steady_clock::time_point started;
};

namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<CurlRequest::State*>(user);
  const std::size_t n = size * count;
  if (state->request.on_chunk) {
    if (!state->request.on_chunk(std::string_view(data, n))) {
      state->aborted = true;
      return 0;
    }
    return n;
  }
  state->response.body.append(data, n);
  return n;
}

std::string header_value(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return {};
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return {};
  }
  std::string_view value = line.substr(name.size() + 1);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  return std::string(value);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<CurlRequest::State*>(user);
  const std::string_view line(data, size * count);
  if (auto v = header_value(line, "content-type"); !v.empty()) state->response.content_type = v;
  if (auto v = header_value(line, "retry-after"); !v.empty()) state->response.retry_after = v;
  return size * count;
}

void set_blob(CURL* easy, CURLoption option, const std::string& bytes) {
  curl_blob blob{const_cast<char*>(bytes.data()), bytes.size(), CURL_BLOB_COPY};
  curl_easy_setopt(easy, option, &blob);
}

std::string os_error(CURL* easy) {
  long err = 0;
  curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &err);
  if (err == 0) return {};
  std::string text = std::strerror(static_cast<int>(err));
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

void apply_tls(CURL* easy, const TlsConfig& tls, const RequestCredentials& credentials) {
  if (!tls.ca_pem.empty()) set_blob(easy, CURLOPT_CAINFO_BLOB, tls.ca_pem);
  if (tls.insecure_skip_verify) {
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!credentials.client_certificate_pem.empty()) {
    curl_easy_setopt(easy, CURLOPT_SSLCERTTYPE, "PEM");
    set_blob(easy, CURLOPT_SSLCERT_BLOB, credentials.client_certificate_pem);
    curl_easy_setopt(easy, CURLOPT_SSLKEYTYPE, "PEM");
    set_blob(easy, CURLOPT_SSLKEY_BLOB, credentials.client_key_pem);
  }
}

}  // namespace

void ensure_curl_global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

core::Result<ServerEndpoint> parse_server(const std::string& server, const std::string& tls_server_name) {
  ServerEndpoint ep;
  ep.server = server;
  const auto scheme_end = server.find("://");
  const std::string scheme = scheme_end == std::string::npos ? "" : server.substr(0, scheme_end);
  if (scheme != "https" && scheme != "http") {
    return core::Error{core::ErrorKind::usage,
                       "server \"" + server + "\" is not an http:// or https:// URL"};
  }
  std::string rest = server.substr(scheme_end + 3);
  const auto slash = rest.find('/');
  const std::string prefix = slash == std::string::npos ? "" : rest.substr(slash);
  std::string authority = rest.substr(0, slash);
  ep.port = scheme == "https" ? 443 : 80;
  std::string port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string::npos) return core::Error{core::ErrorKind::usage, "server \"" + server + "\" has an invalid IPv6 host"};
    ep.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') port_text = authority.substr(close + 2);
  } else {
    const auto colon = authority.rfind(':');
    ep.host = authority.substr(0, colon);
    if (colon != std::string::npos) port_text = authority.substr(colon + 1);
  }
  if (!port_text.empty()) {
    try {
      ep.port = std::stoi(port_text);
    } catch (const std::exception&) {
      return core::Error{core::ErrorKind::usage, "server \"" + server + "\" has an invalid port"};
    }
  }
  if (ep.host.empty()) return core::Error{core::ErrorKind::usage, "server \"" + server + "\" has no host"};
  std::string url_host = ep.host.find(':') != std::string::npos ? "[" + ep.host + "]" : ep.host;
  if (!tls_server_name.empty() && scheme == "https") {
    ep.connect_to = tls_server_name + ":" + std::to_string(ep.port) + ":" + url_host + ":" +
                    std::to_string(ep.port);
    url_host = tls_server_name;
  }
  ep.base_url = scheme + "://" + url_host + ":" + std::to_string(ep.port) + prefix;
  while (!ep.base_url.empty() && ep.base_url.back() == '/') ep.base_url.pop_back();
  return ep;
}

CurlRequest::CurlRequest(Request request, const ServerEndpoint& endpoint,
                         const CurlTransportOptions& options, const RequestCredentials& credentials)
    : m_state(std::make_unique<State>()) {
  State& s = *m_state;
  s.request = std::move(request);
  s.easy.reset(curl_easy_init());
  CURL* easy = s.easy.get();
  s.url = endpoint.base_url + s.request.path;
  curl_easy_setopt(easy, CURLOPT_URL, s.url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, s.error);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &s);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &s);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  if (s.request.method != Method::get) {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, std::string(to_string(s.request.method)).c_str());
  }
  if (!s.request.body.empty() || s.request.method == Method::post || s.request.method == Method::put ||
      s.request.method == Method::patch) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(s.request.body.size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, s.request.body.data());
  }
  s.headers.push_back("Accept: " + s.request.accept);
  if (!s.request.content_type.empty()) s.headers.push_back("Content-Type: " + s.request.content_type);
  if (!credentials.authorization.empty()) s.headers.push_back("Authorization: " + credentials.authorization);
  s.headers.push_back("User-Agent: kubectl-gitops");
  s.headers.push_back("Expect:");
  curl_slist* list = nullptr;
  for (const auto& h : s.headers) list = curl_slist_append(list, h.c_str());
  s.header_list.reset(list);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, list);
  apply_tls(easy, options.tls, credentials);
  if (!endpoint.connect_to.empty()) {
    s.connect_to.reset(curl_slist_append(nullptr, endpoint.connect_to.c_str()));
    curl_easy_setopt(easy, CURLOPT_CONNECT_TO, s.connect_to.get());
  }
  if (!options.proxy_url.empty()) curl_easy_setopt(easy, CURLOPT_PROXY, options.proxy_url.c_str());
  const auto timeout = s.request.timeout.count() > 0 ? s.request.timeout : options.request_timeout;
  if (timeout.count() > 0) curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
}

CurlRequest::CurlRequest() = default;
CurlRequest::~CurlRequest() = default;
CurlRequest::CurlRequest(CurlRequest&&) noexcept = default;
CurlRequest& CurlRequest::operator=(CurlRequest&&) noexcept = default;

CURL* CurlRequest::handle() const { return m_state->easy.get(); }
Method CurlRequest::method() const { return m_state->request.method; }
const std::string& CurlRequest::url() const { return m_state->url; }
const std::vector<std::string>& CurlRequest::headers() const { return m_state->headers; }
std::size_t CurlRequest::body_size() const { return m_state->request.body.size(); }
std::chrono::steady_clock::time_point CurlRequest::started() const { return m_state->started; }
void CurlRequest::mark_started() { m_state->started = std::chrono::steady_clock::now(); }

Outcome CurlRequest::outcome(CURLcode code, const ServerEndpoint& endpoint, const TlsConfig& tls) {
  State& s = *m_state;
  Outcome out;
  out.response.latency = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - s.started);
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(s.easy.get(), CURLINFO_RESPONSE_CODE, &status);
    out.response.status = static_cast<int>(status);
    out.response.body = std::move(s.response.body);
    out.response.content_type = std::move(s.response.content_type);
    out.response.retry_after = std::move(s.response.retry_after);
    return out;
  }
  const std::string detail = s.error[0] != '\0' ? std::string(s.error) : curl_easy_strerror(code);
  const std::string server = endpoint.server;
  auto fail = [&](FailureKind kind, core::ErrorKind error_kind, std::string message) {
    out.failure = {kind, core::Error{error_kind, std::move(message)}};
    return out;
  };
  if (s.aborted) return fail(FailureKind::aborted, core::ErrorKind::cluster, "stopped by the caller");
  switch (code) {
    case CURLE_COULDNT_CONNECT: {
      std::string why = os_error(s.easy.get());
      return fail(FailureKind::connect, core::ErrorKind::cluster,
                  "cannot reach " + server + ": " + (why.empty() ? detail : why));
    }
    case CURLE_COULDNT_RESOLVE_HOST:
      return fail(FailureKind::connect, core::ErrorKind::cluster,
                  "cannot reach " + server + ": cannot resolve host " + endpoint.host);
    case CURLE_COULDNT_RESOLVE_PROXY:
      return fail(FailureKind::connect, core::ErrorKind::cluster,
                  "cannot reach " + server + ": cannot resolve proxy: " + detail);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE: {
      const std::string name = tls.server_name.empty() ? endpoint.host : tls.server_name;
      return fail(FailureKind::tls, core::ErrorKind::cluster,
                  "cannot verify the TLS certificate of " + server + " for server name " + name +
                      " against " + tls.ca_source + ": " + detail);
    }
    case CURLE_SSL_CERTPROBLEM:
      return fail(FailureKind::tls, core::ErrorKind::cluster,
                  "cannot use the client certificate for " + server + ": " + detail);
    case CURLE_SSL_CONNECT_ERROR:
      return fail(FailureKind::tls, core::ErrorKind::cluster,
                  "TLS handshake with " + server + " failed: " + detail);
    case CURLE_OPERATION_TIMEDOUT: {
      curl_off_t pretransfer = 0;
      curl_easy_getinfo(s.easy.get(), CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
      if (pretransfer == 0) {
        return fail(FailureKind::connect, core::ErrorKind::cluster,
                    "cannot reach " + server + ": connection timed out");
      }
      return fail(FailureKind::timeout, core::ErrorKind::timeout,
                  std::string(to_string(s.request.method)) + " " + s.url + " timed out: " + detail);
    }
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_PARTIAL_FILE:
      return fail(FailureKind::reset, core::ErrorKind::cluster,
                  "connection to " + server + " broke: " + detail);
    default:
      return fail(FailureKind::other, core::ErrorKind::cluster,
                  "request to " + server + " failed: " + detail);
  }
}

}  // namespace gitops::kube
