// The .Files object (see files.h). Glob patterns are translated to RE2 expressions.
#include "render/helm/files.h"

#include <openssl/evp.h>
#include <re2/re2.h>

namespace gitops::render::helm {
namespace {

using gotemplate::Func;
using gotemplate::Param;
using gotemplate::Signature;
using gotemplate::Value;

struct BadGlob {};

// Appends the RE2 form of gobwas pattern text from `i` until one of `stops` (at depth > 0).
void translate(std::string_view p, std::size_t& i, std::string& out, int depth) {
  while (i < p.size()) {
    char c = p[i];
    if (depth > 0 && (c == ',' || c == '}')) return;
    ++i;
    if (c == '*') {
      if (i < p.size() && p[i] == '*') {
        ++i;
        out += ".*";
      } else {
        out += "[^/]*";
      }
    } else if (c == '?') {
      out += "[^/]";
    } else if (c == '\\') {
      if (i >= p.size()) throw BadGlob{};
      out += RE2::QuoteMeta(std::string(1, p[i++]));
    } else if (c == '[') {
      std::string cls = "[";
      if (i < p.size() && p[i] == '!') {
        cls += '^';
        ++i;
      }
      bool closed = false;
      while (i < p.size()) {
        char d = p[i++];
        if (d == ']') {
          closed = true;
          break;
        }
        if (d == '\\' || d == '[' || d == '^') cls += '\\';
        cls += d;
      }
      if (!closed || cls == "[" || cls == "[^") throw BadGlob{};
      out += cls + "]";
    } else if (c == '{') {
      out += "(?:";
      while (true) {
        translate(p, i, out, depth + 1);
        if (i >= p.size()) throw BadGlob{};
        if (p[i++] == '}') break;
        out += "|";
      }
      out += ")";
    } else {
      out += RE2::QuoteMeta(std::string(1, c));
    }
  }
  if (depth > 0) throw BadGlob{};
}

std::string base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string base_name(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

core::Result<Value> ok(Value v) { return v; }

}  // namespace

core::Result<bool> glob_match(std::string_view pattern, std::string_view name) {
  std::string re;
  try {
    std::size_t i = 0;
    translate(pattern, i, re, 0);
  } catch (const BadGlob&) {
    return core::Error{core::ErrorKind::source, "invalid glob pattern " + std::string(pattern)};
  }
  RE2 compiled(re);
  if (!compiled.ok()) {
    return core::Error{core::ErrorKind::source, "invalid glob pattern " + std::string(pattern)};
  }
  return RE2::FullMatch(name, compiled);
}

FilesObject::FilesObject(std::map<std::string, std::string, std::less<>> files, YamlMarshal to_yaml)
    : m_files(std::move(files)), m_to_yaml(std::move(to_yaml)) {}

std::optional<Value> FilesObject::field(std::string_view) const { return std::nullopt; }

std::optional<Func> FilesObject::method(std::string_view name) const {
  std::shared_ptr<const FilesObject> self = shared_from_this();
  using Ctx = gotemplate::CallContext;
  using Args = std::span<const Value>;
  if (name == "Get") {
    return Func{Signature{{Param::string}}, [self](Ctx&, Args a) {
                  auto it = self->m_files.find(a[0].as_string());
                  return ok(Value::string(it == self->m_files.end() ? "" : it->second));
                }};
  }
  if (name == "GetBytes") {
    return Func{Signature{{Param::string}}, [self](Ctx&, Args a) {
                  auto it = self->m_files.find(a[0].as_string());
                  return ok(it == self->m_files.end() ? Value::bytes("") : Value::bytes(it->second));
                }};
  }
  if (name == "Glob") {
    return Func{Signature{{Param::string}},
                [self](Ctx&, Args a) { return ok(Value::object(self->glob(a[0].as_string()))); }};
  }
  if (name == "AsConfig") {
    return Func{Signature{}, [self](Ctx&, Args) { return ok(Value::string(self->as_config())); }};
  }
  if (name == "AsSecrets") {
    return Func{Signature{}, [self](Ctx&, Args) { return ok(Value::string(self->as_secrets())); }};
  }
  if (name == "Lines") {
    return Func{Signature{{Param::string}},
                [self](Ctx&, Args a) { return ok(Value::string_list(self->lines(a[0].as_string()))); }};
  }
  return std::nullopt;
}

std::string FilesObject::format() const {
  std::string out = "map[";
  bool first = true;
  for (const auto& [name, data] : m_files) {
    out += (first ? "" : " ") + name + ":[";
    first = false;
    for (std::size_t i = 0; i < data.size(); ++i) {
      out += (i ? " " : "") + std::to_string(static_cast<unsigned char>(data[i]));
    }
    out += "]";
  }
  return out + "]";
}

Value FilesObject::entries() const {
  gotemplate::Map m;
  for (const auto& [name, data] : m_files) m[name] = Value::bytes(data);
  return Value::map(std::move(m));
}

std::shared_ptr<FilesObject> FilesObject::glob(std::string_view pattern) const {
  std::map<std::string, std::string, std::less<>> matched;
  bool valid = glob_match(pattern, "").ok();
  for (const auto& [name, data] : m_files) {
    auto hit = glob_match(pattern, name);
    if (!valid || (hit.ok() && *hit)) matched.emplace(name, data);
  }
  return std::make_shared<FilesObject>(std::move(matched), m_to_yaml);
}

std::string FilesObject::as_config() const {
  gotemplate::Map m;
  for (const auto& [name, data] : m_files) m[base_name(name)] = Value::string(data);
  return m_to_yaml ? m_to_yaml(Value::map(std::move(m), gotemplate::MapType::strings)) : "";
}

std::string FilesObject::as_secrets() const {
  gotemplate::Map m;
  for (const auto& [name, data] : m_files) m[base_name(name)] = Value::string(base64(data));
  return m_to_yaml ? m_to_yaml(Value::map(std::move(m), gotemplate::MapType::strings)) : "";
}

std::vector<std::string> FilesObject::lines(std::string_view name) const {
  auto it = m_files.find(name);
  if (it == m_files.end()) return {};
  std::vector<std::string> out;
  std::size_t start = 0;
  const std::string& s = it->second;
  while (true) {
    auto nl = s.find('\n', start);
    out.push_back(s.substr(start, nl == std::string::npos ? nl : nl - start));
    if (nl == std::string::npos) return out;
    start = nl + 1;
  }
}

Value files_value(const Chart& chart, YamlMarshal to_yaml) {
  std::map<std::string, std::string, std::less<>> files;
  for (const auto& f : chart.files) files[f.name] = f.data;
  return Value::object(std::make_shared<FilesObject>(std::move(files), std::move(to_yaml)));
}

}  // namespace gitops::render::helm
