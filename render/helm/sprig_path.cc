// Sprig's path functions (Go's path and, on Linux identical, path/filepath) and urlParse/urlJoin
// over a small reading of Go's net/url (scheme, userinfo, host, path, query, fragment, opaque).
#include <string>
#include <vector>

#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_groups.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

}  // namespace

// Go's path.Clean: the shortest equivalent path ("." for empty).
std::string go_path_clean(std::string_view p) {
  if (p.empty()) return ".";
  bool rooted = p[0] == '/';
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < p.size()) {
    std::size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    std::string_view part = p.substr(i, j - i);
    i = j + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out += '/';
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

namespace {

std::string path_base(std::string_view p) {
  if (p.empty()) return ".";
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  if (p == "/") return "/";
  auto slash = p.rfind('/');
  return std::string(slash == std::string_view::npos ? p : p.substr(slash + 1));
}

std::string path_dir(std::string_view p) {
  auto slash = p.rfind('/');
  return go_path_clean(slash == std::string_view::npos ? "" : p.substr(0, slash + 1));
}

std::string path_ext(std::string_view p) {
  for (std::size_t i = p.size(); i > 0; --i) {
    if (p[i - 1] == '/') break;
    if (p[i - 1] == '.') return std::string(p.substr(i - 1));
  }
  return "";
}

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() + 0 && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

Value url_parse(std::string_view v) {
  gotemplate::Map d;
  std::string_view rest = v;
  std::string fragment;
  if (auto hash = rest.find('#'); hash != std::string_view::npos) {
    fragment = unescape(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  std::string scheme;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (std::isalpha(static_cast<unsigned char>(c))) continue;
    if (i > 0 && (std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) continue;
    if (c == ':' && i > 0) {
      scheme = std::string(rest.substr(0, i));
      for (auto& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      rest = rest.substr(i + 1);
    }
    break;
  }
  std::string query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  std::string opaque, user, host, path;
  if (!scheme.empty() && (rest.empty() || rest[0] != '/')) {
    opaque = std::string(rest);
  } else {
    if (rest.substr(0, 2) == "//") {
      rest.remove_prefix(2);
      auto slash = rest.find('/');
      std::string_view authority = rest.substr(0, slash);
      rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
      if (auto at = authority.rfind('@'); at != std::string_view::npos) {
        user = std::string(authority.substr(0, at));
        authority = authority.substr(at + 1);
      }
      host = std::string(authority);
    }
    path = unescape(rest);
  }
  std::string hostname = host;
  if (!hostname.empty() && hostname[0] == '[') {
    hostname = hostname.substr(1, hostname.find(']') - 1);
  } else if (auto colon = hostname.rfind(':'); colon != std::string::npos) {
    hostname = hostname.substr(0, colon);
  }
  d["scheme"] = Value::string(scheme);
  d["host"] = Value::string(host);
  d["hostname"] = Value::string(hostname);
  d["path"] = Value::string(path);
  d["query"] = Value::string(query);
  d["opaque"] = Value::string(opaque);
  d["fragment"] = Value::string(fragment);
  d["userinfo"] = Value::string(user);
  return Value::map(std::move(d));
}

core::Result<std::string> dict_string(const gotemplate::Map& d, const std::string& key) {
  auto it = d.find(key);
  if (it == d.end()) return std::string();
  if (it->second.is_nil()) return nil_pointer_error();
  if (!it->second.is_string()) {
    return go_error("unable to parse " + key + " key, must be of type string, but " +
                    it->second.kind_name() + " found");
  }
  return it->second.as_string();
}

core::Result<Value> url_join(const gotemplate::Map& d) {
  std::string parts[7];
  const char* keys[7] = {"scheme", "host", "path", "query", "opaque", "fragment", "userinfo"};
  for (int i = 0; i < 7; ++i) {
    auto v = dict_string(d, keys[i]);
    if (!v.ok()) return v.error();
    parts[i] = *v;
  }
  const auto& [scheme, host, path, query, opaque, fragment, user] = parts;
  std::string out;
  if (!scheme.empty()) out += scheme + ":";
  if (!opaque.empty()) {
    out += opaque;
  } else {
    if (!scheme.empty() || !host.empty() || !user.empty()) {
      if (!host.empty() || !path.empty() || !user.empty()) out += "//";
      if (!user.empty()) out += user + "@";
      out += host;
    }
    if (!path.empty() && path[0] != '/' && !host.empty()) out += '/';
    out += path;
  }
  if (!query.empty()) out += "?" + query;
  if (!fragment.empty()) out += "#" + fragment;
  return Value::string(out);
}

}  // namespace

void add_sprig_path_functions(FuncMap& f) {
  const auto S = Param::string;
  for (std::string prefix : {"", "os"}) {
    auto name = [&](std::string n) {
      if (prefix.empty()) return n;
      n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
      return prefix + n;
    };
    f.add(name("base"), sig({S}), [](Args a) -> R { return Value::string(path_base(a[0].as_string())); });
    f.add(name("dir"), sig({S}), [](Args a) -> R { return Value::string(path_dir(a[0].as_string())); });
    f.add(name("clean"), sig({S}), [](Args a) -> R { return Value::string(go_path_clean(a[0].as_string())); });
    f.add(name("ext"), sig({S}), [](Args a) -> R { return Value::string(path_ext(a[0].as_string())); });
    f.add(name("isAbs"), sig({S}), [](Args a) -> R {
      return Value::boolean(!a[0].as_string().empty() && a[0].as_string()[0] == '/');
    });
  }
  // Sprig resolves names through DNS here; rendering never touches the network (DESIGN.md 5).
  f.add("getHostByName", sig({S}), [](Args) -> R {
    return go_error("getHostByName is disabled: templates never use the network");
  });
  f.add("urlParse", sig({S}), [](Args a) -> R { return url_parse(a[0].as_string()); });
  f.add("urlJoin", sig({Param::map}), [](Args a) -> R {
    if (a[0].is_nil()) return url_join({});
    return url_join(a[0].as_map());
  });
}

}  // namespace gitops::render::helm
