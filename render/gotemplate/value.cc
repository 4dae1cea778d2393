// Value construction, accessors and Go type identity (type and kind names, truthiness, length).
#include "render/gotemplate/value.h"

#include <cassert>

#include "render/gotemplate/func_map.h"

namespace gitops::render::gotemplate {

std::optional<Func> Object::method(std::string_view) const { return std::nullopt; }

std::optional<Value> Object::underlying() const { return std::nullopt; }

Value underlying_value(const Value& v) {
  if (v.kind() != Kind::object) return v;
  auto under = v.as_object().underlying();
  return under ? std::move(*under) : v;
}

Value Value::boolean(bool b) {
  Value v;
  v.m_kind = Kind::boolean;
  v.m_bool = b;
  return v;
}

Value Value::integer(std::int64_t i) {
  Value v;
  v.m_kind = Kind::integer;
  v.m_int = i;
  return v;
}

Value Value::int64(std::int64_t i) {
  Value v;
  v.m_kind = Kind::int64;
  v.m_int = i;
  return v;
}

Value Value::float64(double f) {
  Value v;
  v.m_kind = Kind::float64;
  v.m_float = f;
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.m_kind = Kind::string;
  v.m_payload = std::make_shared<std::string>(std::move(s));
  return v;
}

Value Value::list(List items, ListType type) {
  Value v;
  v.m_kind = Kind::list;
  v.m_tag = static_cast<std::uint8_t>(type);
  v.m_payload = std::make_shared<List>(std::move(items));
  return v;
}

Value Value::string_list(std::vector<std::string> items) {
  List list;
  list.reserve(items.size());
  for (auto& s : items) list.push_back(Value::string(std::move(s)));
  return Value::list(std::move(list), ListType::strings);
}

Value Value::bytes(std::string data) {
  Value v;
  v.m_kind = Kind::bytes;
  v.m_payload = std::make_shared<std::string>(std::move(data));
  return v;
}

Value Value::map(Map entries, MapType type) {
  Value v;
  v.m_kind = Kind::map;
  v.m_tag = static_cast<std::uint8_t>(type);
  v.m_payload = std::make_shared<Map>(std::move(entries));
  return v;
}

Value Value::time(Time t) {
  Value v;
  v.m_kind = Kind::time;
  v.m_payload = std::make_shared<Time>(std::move(t));
  return v;
}

Value Value::object(std::shared_ptr<const Object> obj) {
  Value v;
  v.m_kind = Kind::object;
  v.m_payload = std::const_pointer_cast<Object>(std::move(obj));
  return v;
}

bool Value::as_bool() const {
  assert(m_kind == Kind::boolean);
  return m_bool;
}

std::int64_t Value::as_int() const {
  assert(is_integer());
  return m_int;
}

double Value::as_float() const {
  assert(m_kind == Kind::float64);
  return m_float;
}

const std::string& Value::as_string() const {
  assert(m_kind == Kind::string);
  return *static_cast<const std::string*>(m_payload.get());
}

const List& Value::as_list() const {
  assert(m_kind == Kind::list);
  return *static_cast<const List*>(m_payload.get());
}

const std::string& Value::as_bytes() const {
  assert(m_kind == Kind::bytes);
  return *static_cast<const std::string*>(m_payload.get());
}

const Map& Value::as_map() const {
  assert(m_kind == Kind::map);
  return *static_cast<const Map*>(m_payload.get());
}

Map& Value::map_mut() const {
  assert(m_kind == Kind::map);
  return *static_cast<Map*>(m_payload.get());
}

bool Value::same_map(const Value& other) const {
  return m_kind == Kind::map && other.m_kind == Kind::map && m_payload == other.m_payload;
}

Value Value::with_map_type(MapType type) const {
  assert(m_kind == Kind::map);
  Value v = *this;
  v.m_tag = static_cast<std::uint8_t>(type);
  return v;
}

const Time& Value::as_time() const {
  assert(m_kind == Kind::time);
  return *static_cast<const Time*>(m_payload.get());
}

const Object& Value::as_object() const {
  assert(m_kind == Kind::object);
  return *static_cast<const Object*>(m_payload.get());
}

std::shared_ptr<const Object> Value::object_ptr() const {
  assert(m_kind == Kind::object);
  return std::static_pointer_cast<const Object>(m_payload);
}

std::string Value::type_name() const {
  switch (m_kind) {
    case Kind::nil: return "<nil>";
    case Kind::boolean: return "bool";
    case Kind::integer: return "int";
    case Kind::int64: return "int64";
    case Kind::float64: return "float64";
    case Kind::string: return "string";
    case Kind::list:
      switch (list_type()) {
        case ListType::strings: return "[]string";
        case ListType::ints: return "[]int";
        case ListType::any: break;
      }
      return "[]interface {}";
    case Kind::bytes: return "[]uint8";
    case Kind::map:
      switch (map_type()) {
        case MapType::strings: return "map[string]string";
        case MapType::helm_values: return "chartutil.Values";
        case MapType::any: break;
      }
      return "map[string]interface {}";
    case Kind::time: return "time.Time";
    case Kind::object: return as_object().type_name();
  }
  return "<nil>";
}

std::string Value::kind_name() const {
  switch (m_kind) {
    case Kind::nil: return "invalid";
    case Kind::list:
    case Kind::bytes: return "slice";
    case Kind::map: return "map";
    case Kind::time: return "struct";
    case Kind::object: return as_object().kind_name();
    default: return type_name();
  }
}

bool Value::truth() const {
  switch (m_kind) {
    case Kind::nil: return false;
    case Kind::boolean: return m_bool;
    case Kind::integer:
    case Kind::int64: return m_int != 0;
    case Kind::float64: return m_float != 0;
    case Kind::time: return true;
    case Kind::object: return as_object().truth();
    default: return length() > 0;
  }
}

std::int64_t Value::length() const {
  switch (m_kind) {
    case Kind::string:
    case Kind::bytes: return static_cast<std::int64_t>((*static_cast<const std::string*>(m_payload.get())).size());
    case Kind::list: return static_cast<std::int64_t>(as_list().size());
    case Kind::map: return static_cast<std::int64_t>(as_map().size());
    default: return -1;
  }
}

std::string_view to_string(Param param) {
  switch (param) {
    case Param::any: return "interface {}";
    case Param::boolean: return "bool";
    case Param::integer: return "int";
    case Param::int64: return "int64";
    case Param::float64: return "float64";
    case Param::string: return "string";
    case Param::list: return "[]interface {}";
    case Param::strings: return "[]string";
    case Param::map: return "map[string]interface {}";
  }
  return "interface {}";
}

}  // namespace gitops::render::gotemplate
