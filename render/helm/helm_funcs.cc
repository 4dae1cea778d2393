// include, tpl, required and lookup, and Helm's error cleanup (see helm_funcs.h).
#include "render/helm/helm_funcs.h"

#include <map>

#include <re2/re2.h>

#include "render/gotemplate/call_context.h"
#include "render/gotemplate/template_set.h"
#include "render/helm/values_coalesce.h"

namespace gitops::render::helm {
namespace {

using gotemplate::CallContext;
using gotemplate::Kind;
using gotemplate::Param;
using gotemplate::Signature;
using gotemplate::Value;
using Args = std::span<const Value>;

constexpr std::string_view k_warn_start = "HELM_ERR_START";
constexpr std::string_view k_warn_end = "HELM_ERR_END";

core::Error source_error(std::string message) {
  return core::Error{core::ErrorKind::source, std::move(message)};
}

std::vector<std::string> split_n(std::string_view s, std::string_view sep, std::size_t n) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (out.size() + 1 < n || n == 0) {
    auto pos = s.find(sep, start);
    if (pos == std::string_view::npos) break;
    out.emplace_back(s.substr(start, pos - start));
    start = pos + sep.size();
  }
  out.emplace_back(s.substr(start));
  return out;
}

// The include function: nesting per name is bounded as Helm bounds it.
core::Result<Value> include(const std::shared_ptr<std::map<std::string, int>>& counts,
                            CallContext& ctx, Args args) {
  const std::string& name = args[0].as_string();
  int& count = (*counts)[name];
  if (count > k_max_include_depth) {
    return source_error("rendering template has a nested reference name: " + name +
                        ": unable to execute template");
  }
  ++count;
  auto out = ctx.execute_template(name, args[1]);
  --(*counts)[name];
  if (!out) return out.error();
  return Value::string(std::move(*out));
}

core::Result<std::string> template_path_value(const Value& vals, const char* key,
                                              const char* label, const std::string& tpl) {
  auto v = values_path_value(vals, std::string("Template.") + key);
  if (!v) {
    return source_error(std::string("cannot retrieve Template.") + label +
                        " from values inside tpl function: " + tpl + ": \"" + key +
                        "\" is not a value");
  }
  if (!v->is_string()) return source_error("Template." + std::string(key) + " is not a string");
  return v->as_string();
}

core::Result<Value> tpl(CallContext& ctx, Args args) {
  const std::string& text = args[0].as_string();
  const Value& vals = args[1];
  auto base = template_path_value(vals, "BasePath", "Basepath", text);
  if (!base) return base.error();
  auto name = template_path_value(vals, "Name", "Name", text);
  if (!name) return name.error();
  auto wrap = [&](const core::Error& e) {
    return source_error("error during tpl function execution for " + quote_go(text) + ": " +
                        e.message);
  };
  gotemplate::TemplateSet set = ctx.templates().clone();
  if (auto st = set.parse(*name, text); !st) return wrap(cleanup_parse_error(*name, st.error()));
  auto out = set.execute(*name, vals);
  if (!out) return wrap(cleanup_exec_error(*name, out.error()));
  std::string result = std::move(*out);
  for (auto pos = result.find("<no value>"); pos != std::string::npos;
       pos = result.find("<no value>", pos)) {
    result.erase(pos, 10);
  }
  return Value::string(std::move(result));
}

core::Result<Value> required(Args args) {
  const Value& val = args[1];
  if (val.is_nil() || (val.is_string() && val.as_string().empty())) {
    return source_error(std::string(k_warn_start) + args[0].as_string() + std::string(k_warn_end));
  }
  return val;
}

}  // namespace

void add_helm_functions(gotemplate::FuncMap& funcs) {
  auto counts = std::make_shared<std::map<std::string, int>>();
  funcs.add("include", Signature{{Param::string, Param::any}},
            [counts](CallContext& ctx, Args args) { return include(counts, ctx, args); });
  funcs.add("tpl", Signature{{Param::string, Param::map}},
            [](CallContext& ctx, Args args) { return tpl(ctx, args); });
  funcs.add("required", Signature{{Param::string, Param::any}},
            [](Args args) { return required(args); });
  funcs.add("lookup", Signature{{Param::string, Param::string, Param::string, Param::string}},
            [](Args) { return core::Result<Value>(Value::map({})); });
}

core::Error cleanup_parse_error(std::string_view template_name, const core::Error& error) {
  auto tokens = split_n(error.message, ": ", 0);
  if (tokens.size() == 1) {
    return source_error("parse error in (" + std::string(template_name) + "): " + error.message);
  }
  return source_error("parse error at (" + tokens[1] + "): " + tokens.back());
}

core::Error cleanup_exec_error(std::string_view template_name, const core::Error& error) {
  if (error.message.rfind("template: ", 0) != 0) return error;
  auto tokens = split_n(error.message, ": ", 3);
  if (tokens.size() != 3) {
    return source_error("execution error in (" + std::string(template_name) + "): " + error.message);
  }
  auto start = tokens[2].find(k_warn_start);
  if (start != std::string::npos) {
    auto from = start + k_warn_start.size();
    auto nl = tokens[2].find('\n', from);
    std::string_view line = std::string_view(tokens[2]).substr(from, nl == std::string::npos ? nl : nl - from);
    auto end = line.rfind(k_warn_end);
    if (end != std::string_view::npos) {
      return source_error("execution error at (" + tokens[1] + "): " + std::string(line.substr(0, end)));
    }
  }
  return error;
}

std::string quote_go(std::string_view s) {
  std::string out = "\"";
  static const char* k_hex = "0123456789abcdef";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\x";
          out += k_hex[c >> 4];
          out += k_hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace gitops::render::helm
