// Go 1.19's funcs.go builtins over Values, with Go's error texts.
#include "render/gotemplate/builtins.h"

#include "render/gotemplate/escape.h"
#include "render/gotemplate/printf.h"

namespace gitops::render::gotemplate {
namespace {

BuiltinResult fail(std::string message) { return BuiltinResult{Value(), std::move(message)}; }
BuiltinResult ok(Value v) { return BuiltinResult{std::move(v), std::nullopt}; }

enum class Basic { invalid, boolean, integer, floating, string };

Basic basic_kind(const Value& v) {
  switch (v.kind()) {
    case Kind::boolean: return Basic::boolean;
    case Kind::integer: case Kind::int64: return Basic::integer;
    case Kind::float64: return Basic::floating;
    case Kind::string: return Basic::string;
    default: return Basic::invalid;
  }
}

bool comparable(const Value& v) {
  return v.kind() != Kind::list && v.kind() != Kind::map && v.kind() != Kind::bytes;
}

bool same_non_basic(const Value& a, const Value& b) {
  if (a.kind() == Kind::time) {
    const Time& x = a.as_time();
    const Time& y = b.as_time();
    return x.unix_seconds == y.unix_seconds && x.nanos == y.nanos && x.offset == y.offset &&
           x.zone == y.zone;
  }
  if (a.kind() == Kind::object) return a.object_ptr() == b.object_ptr();
  return false;
}

// Go's eq for two operands: {truth, error}.
std::optional<std::string> eq_one(const Value& a, const Value& b, bool& truth) {
  Basic k1 = basic_kind(a);
  Basic k2 = basic_kind(b);
  truth = false;
  if (k1 != k2) {
    if (!a.is_nil() && !b.is_nil()) return "incompatible types for comparison";
    return std::nullopt;
  }
  switch (k1) {
    case Basic::boolean: truth = a.as_bool() == b.as_bool(); break;
    case Basic::integer: truth = a.as_int() == b.as_int(); break;
    case Basic::floating: truth = a.as_float() == b.as_float(); break;
    case Basic::string: truth = a.as_string() == b.as_string(); break;
    case Basic::invalid:
      if (a.kind() != b.kind() && !a.is_nil() && !b.is_nil()) {
        Value args[] = {a, Value::string(a.type_name()), Value::string(b.type_name()), b};
        return sprintf("non-comparable types %s: %v, %s: %v", args);
      }
      if (a.is_nil() || b.is_nil()) {
        truth = a.is_nil() == b.is_nil();
      } else if (!comparable(b)) {
        Value args[] = {b, Value::string(b.type_name())};
        return sprintf("non-comparable type %s: %v", args);
      } else {
        truth = same_non_basic(a, b);
      }
      break;
  }
  return std::nullopt;
}

BuiltinResult eq(std::span<const Value> args) {
  if (args.size() < 2) return fail("missing argument for comparison");
  for (std::size_t i = 1; i < args.size(); ++i) {
    bool truth = false;
    if (auto err = eq_one(args[0], args[i], truth)) return fail(*err);
    if (truth) return ok(Value::boolean(true));
  }
  return ok(Value::boolean(false));
}

// Go's lt: {truth} or an error.
std::optional<std::string> lt_one(const Value& a, const Value& b, bool& truth) {
  Basic k1 = basic_kind(a);
  if (k1 == Basic::invalid) return "invalid type for comparison";
  Basic k2 = basic_kind(b);
  if (k2 == Basic::invalid) return "invalid type for comparison";
  if (k1 != k2) return "incompatible types for comparison";
  switch (k1) {
    case Basic::boolean: return "invalid type for comparison";
    case Basic::integer: truth = a.as_int() < b.as_int(); break;
    case Basic::floating: truth = a.as_float() < b.as_float(); break;
    case Basic::string: truth = a.as_string() < b.as_string(); break;
    case Basic::invalid: break;
  }
  return std::nullopt;
}

BuiltinResult compare(Builtin op, const Value& a, const Value& b) {
  bool less = false;
  if (op == Builtin::ne) {
    bool equal = false;
    if (auto err = eq_one(a, b, equal)) return fail(*err);
    return ok(Value::boolean(!equal));
  }
  if (auto err = lt_one(a, b, less)) return fail(*err);
  bool equal = false;
  if (op == Builtin::le || op == Builtin::gt) {
    if (!less) {
      if (auto err = eq_one(a, b, equal)) return fail(*err);
    }
    bool le = less || equal;
    return ok(Value::boolean(op == Builtin::le ? le : !le));
  }
  return ok(Value::boolean(op == Builtin::lt ? less : !less));
}

BuiltinResult len(const Value& named) {
  Value v = underlying_value(named);
  std::int64_t n = v.length();
  if (v.is_nil()) return fail("len of nil pointer");
  if (n < 0) return fail("len of type " + v.type_name());
  return ok(Value::integer(n));
}

// Go's indexArg: an int index within [0, cap].
std::optional<std::string> index_arg(const Value& index, std::size_t cap, std::int64_t& x) {
  if (index.is_nil()) return "cannot index slice/array with nil";
  if (!index.is_integer()) return "cannot index slice/array with type " + index.type_name();
  x = index.as_int();
  if (x < 0 || static_cast<std::uint64_t>(x) > cap) return "index out of range: " + std::to_string(x);
  return std::nullopt;
}

BuiltinResult index(std::span<const Value> args) {
  Value item = args[0];
  if (item.is_nil()) return fail("index of untyped nil");
  for (const Value& idx : args.subspan(1)) {
    if (item.is_nil()) return fail("index of nil pointer");
    item = underlying_value(item);
    std::int64_t x = 0;
    switch (item.kind()) {
      case Kind::list: case Kind::string: case Kind::bytes: {
        std::size_t n = static_cast<std::size_t>(item.length());
        if (auto err = index_arg(idx, n, x)) return fail(*err);
        if (static_cast<std::size_t>(x) == n) return fail("index out of range: " + std::to_string(x));
        if (item.kind() == Kind::list) {
          item = item.as_list()[static_cast<std::size_t>(x)];
        } else {
          const std::string& s = item.kind() == Kind::string ? item.as_string() : item.as_bytes();
          item = Value::integer(static_cast<unsigned char>(s[static_cast<std::size_t>(x)]));
        }
        break;
      }
      case Kind::map: {
        if (idx.is_nil()) return fail("value is nil; should be of type string");
        if (!idx.is_string()) return fail("value has type " + idx.type_name() + "; should be string");
        const Map& m = item.as_map();
        auto it = m.find(idx.as_string());
        bool strings = item.map_type() == MapType::strings;
        item = it != m.end() ? it->second : strings ? Value::string("") : Value();
        break;
      }
      default: return fail("can't index item of type " + item.type_name());
    }
  }
  return ok(item);
}

BuiltinResult slice(std::span<const Value> args) {
  const Value item = underlying_value(args[0]);
  if (item.is_nil()) return fail("slice of untyped nil");
  std::size_t n_idx = args.size() - 1;
  if (n_idx > 3) return fail("too many slice indexes: " + std::to_string(n_idx));
  if (item.kind() == Kind::string && n_idx == 3) return fail("cannot 3-index slice a string");
  if (item.kind() != Kind::string && item.kind() != Kind::list && item.kind() != Kind::bytes) {
    return fail("can't slice item of type " + item.type_name());
  }
  auto len = static_cast<std::size_t>(item.length());
  std::int64_t idx[3] = {0, static_cast<std::int64_t>(len), static_cast<std::int64_t>(len)};
  for (std::size_t i = 0; i < n_idx; ++i) {
    if (auto err = index_arg(args[i + 1], len, idx[i])) return fail(*err);
  }
  if (idx[0] > idx[1]) {
    return fail("invalid slice index: " + std::to_string(idx[0]) + " > " + std::to_string(idx[1]));
  }
  if (n_idx == 3 && idx[1] > idx[2]) {
    return fail("invalid slice index: " + std::to_string(idx[1]) + " > " + std::to_string(idx[2]));
  }
  auto b = static_cast<std::size_t>(idx[0]);
  auto e = static_cast<std::size_t>(idx[1]);
  if (item.kind() == Kind::string) return ok(Value::string(item.as_string().substr(b, e - b)));
  if (item.kind() == Kind::bytes) return ok(Value::bytes(item.as_bytes().substr(b, e - b)));
  const List& l = item.as_list();
  return ok(Value::list(List(l.begin() + static_cast<std::ptrdiff_t>(b),
                             l.begin() + static_cast<std::ptrdiff_t>(e)),
                        item.list_type()));
}

// Go's evalArgs for html/js/urlquery: one string as is, else Sprint with nil as <no value>.
std::string eval_args(std::span<const Value> args) {
  if (args.size() == 1 && args[0].is_string()) return args[0].as_string();
  std::vector<Value> printable(args.begin(), args.end());
  for (Value& v : printable) {
    if (v.is_nil()) v = Value::string("<no value>");
  }
  return sprint(printable);
}

}  // namespace

bool truth(const Value& v) { return v.truth(); }

const Signature& builtin_signature(Builtin builtin) {
  static const Signature k_one{{Param::any}, false};
  static const Signature k_two{{Param::any, Param::any}, false};
  static const Signature k_at_least_one{{Param::any, Param::any}, true};
  static const Signature k_any{{Param::any}, true};
  static const Signature k_printf{{Param::string, Param::any}, true};
  switch (builtin) {
    case Builtin::not_: case Builtin::len: return k_one;
    case Builtin::ne: case Builtin::lt: case Builtin::le: case Builtin::gt: case Builtin::ge:
      return k_two;
    case Builtin::printf: return k_printf;
    case Builtin::print: case Builtin::println: case Builtin::html: case Builtin::js:
    case Builtin::urlquery:
      return k_any;
    default: return k_at_least_one;
  }
}

BuiltinResult call_builtin(Builtin builtin, std::span<const Value> args) {
  switch (builtin) {
    case Builtin::not_: return ok(Value::boolean(!truth(args[0])));
    case Builtin::len: return len(args[0]);
    case Builtin::index: return index(args);
    case Builtin::slice: return slice(args);
    case Builtin::eq: return eq(args);
    case Builtin::ne: case Builtin::lt: case Builtin::le: case Builtin::gt: case Builtin::ge:
      return compare(builtin, args[0], args[1]);
    case Builtin::print: return ok(Value::string(sprint(args)));
    case Builtin::println: return ok(Value::string(sprintln(args)));
    case Builtin::printf: return ok(Value::string(sprintf(args[0].as_string(), args.subspan(1))));
    case Builtin::html: return ok(Value::string(html_escape(eval_args(args))));
    case Builtin::js: return ok(Value::string(js_escape(eval_args(args))));
    case Builtin::urlquery: return ok(Value::string(query_escape(eval_args(args))));
    case Builtin::call:
      if (args[0].is_nil()) return fail("call of nil");
      return fail("non-function of type " + args[0].type_name());
    default: return fail("unknown builtin");
  }
}

}  // namespace gitops::render::gotemplate
