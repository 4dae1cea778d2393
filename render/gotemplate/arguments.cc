// Go's assignability rules for the parameter types a Signature can declare.
#include "render/gotemplate/arguments.h"

namespace gitops::render::gotemplate {
namespace {

Argument fail(std::string message) { return Argument{Value(), std::move(message)}; }

bool accepts_nil(Param param) {
  return param == Param::any || param == Param::list || param == Param::strings ||
         param == Param::map;
}

bool assignable(const Value& v, Param param) {
  switch (param) {
    case Param::boolean: return v.kind() == Kind::boolean;
    case Param::integer: return v.kind() == Kind::integer;
    case Param::int64: return v.kind() == Kind::int64;
    case Param::float64: return v.kind() == Kind::float64;
    case Param::string: return v.kind() == Kind::string;
    case Param::list: return v.kind() == Kind::list && v.list_type() == ListType::any;
    case Param::strings: return v.kind() == Kind::list && v.list_type() == ListType::strings;
    case Param::map: return v.kind() == Kind::map && v.map_type() != MapType::strings;
    case Param::any: return true;
  }
  return false;
}

Argument ideal_constant(const NumberNode& n) {
  if (n.ideal_overflows) return fail(n.text + " overflows int");
  return Argument{n.ideal, {}};
}

}  // namespace

Argument check_argument(const Value& v, Param param) {
  if (param == Param::any) return Argument{v, {}};
  if (v.is_nil()) {
    if (accepts_nil(param)) return Argument{v, {}};
    return fail("invalid value; expected " + std::string(to_string(param)));
  }
  if (v.kind() == Kind::object && param == Param::strings) {
    // A named []string type (chartutil.VersionSet) is assignable to []string.
    Value under = underlying_value(v);
    if (under.kind() == Kind::list && under.list_type() == ListType::strings) return Argument{under, {}};
  }
  if (!assignable(v, param)) {
    return fail("wrong type for value; expected " + std::string(to_string(param)) + "; got " +
                v.type_name());
  }
  if (param == Param::map && v.map_type() != MapType::any) {
    return Argument{v.with_map_type(MapType::any), {}};
  }
  return Argument{v, {}};
}

Argument literal_argument(const Node& n, Param param) {
  std::string found = to_string(n);
  if (n.type == NodeType::nil) {
    if (accepts_nil(param)) return Argument{};
    return fail("cannot assign nil to " + std::string(to_string(param)));
  }
  const auto* number = n.type == NodeType::number ? static_cast<const NumberNode*>(&n) : nullptr;
  switch (param) {
    case Param::boolean:
      if (n.type == NodeType::boolean) {
        return Argument{Value::boolean(static_cast<const BoolNode&>(n).value), {}};
      }
      return fail("expected bool; found " + found);
    case Param::string:
      if (n.type == NodeType::string) return Argument{static_cast<const StringNode&>(n).value, {}};
      return fail("expected string; found " + found);
    case Param::integer:
    case Param::int64:
      if (number && number->is_int) {
        std::int64_t i = number->int_value;
        return Argument{param == Param::integer ? Value::integer(i) : Value::int64(i), {}};
      }
      return fail("expected integer; found " + found);
    case Param::float64:
      if (number && number->is_float) return Argument{Value::float64(number->float_value), {}};
      return fail("expected float; found " + found);
    case Param::any:
      if (n.type == NodeType::boolean) {
        return Argument{Value::boolean(static_cast<const BoolNode&>(n).value), {}};
      }
      if (number) return ideal_constant(*number);
      if (n.type == NodeType::string) return Argument{static_cast<const StringNode&>(n).value, {}};
      return fail("can't handle assignment of " + found + " to empty interface argument");
    default:
      return fail("can't handle " + found + " for arg of type " + std::string(to_string(param)));
  }
}

}  // namespace gitops::render::gotemplate
