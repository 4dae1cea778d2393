// Value: a Go dynamic value as text/template sees it through interface{}, with its exact Go type
// identity (int vs int64 vs float64, []interface {} vs []string, map[string]interface {} vs
// chartutil.Values), because %T, typeOf, kindOf, printing and comparisons depend on it.
//
// Copying is cheap: scalars are inline, everything else is a ref-counted payload. Strings, bytes,
// lists and times are immutable once built. Maps are shared by reference like Go maps: map_mut()
// changes the one payload every copy points to, which is what Sprig's set/unset/merge rely on.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gitops::render::gotemplate {

class Value;
class Object;
struct Func;

// []interface {}, []string and []int are all a List; ListType keeps the Go element type.
using List = std::vector<Value>;
// Go maps range and print in key order; std::map keeps them sorted and allows string_view lookup.
using Map = std::map<std::string, Value, std::less<>>;

// Go's dynamic type families. `integer` is Go's `int`, `int64` is Go's `int64`.
enum class Kind : std::uint8_t {
  nil,      // untyped nil (an empty interface{}, a missing value)
  boolean,  // bool
  integer,  // int (template integer literals, len, Sprig's int/atoi)
  int64,    // int64 (--set integers, Sprig's int64/toDecimal)
  float64,  // float64 (every YAML number, float literals)
  string,   // string
  list,     // []interface {}, []string or []int (see ListType)
  bytes,    // []uint8 ([]byte), e.g. .Files.GetBytes
  map,      // map[string]interface {}, map[string]string or chartutil.Values (see MapType)
  time,     // time.Time
  object,   // a Go struct or pointer implemented by the Helm layer (see Object)
};

// The element type of a list value.
enum class ListType : std::uint8_t {
  any,      // []interface {}
  strings,  // []string: every element is a Kind::string
  ints,     // []int: every element is a Kind::integer
};

// The Go type of a map value. Every element of a `strings` map is a Kind::string.
enum class MapType : std::uint8_t {
  any,          // map[string]interface {}
  strings,      // map[string]string
  helm_values,  // chartutil.Values: a named map[string]interface {} (Helm's .Values and dot)
};

// A Go function parameter type. Arguments are checked against it the way Go's reflect call does
// ("wrong type for value; expected string; got int"), so a function body may rely on the kinds.
enum class Param : std::uint8_t {
  any,      // interface{}: anything, nil included
  boolean,  // bool
  integer,  // int
  int64,    // int64
  float64,  // float64
  string,   // string
  list,     // []interface {} (nil allowed)
  strings,  // []string (nil allowed)
  map,      // map[string]interface {}; chartutil.Values is assignable too (nil allowed)
};

// Go's name of a parameter type, as error messages print it ("map[string]interface {}").
std::string_view to_string(Param param);

// A Go function's parameter list. With `variadic`, the last entry is the element type of the
// `...` parameter and may match zero or more arguments.
struct Signature {
  std::vector<Param> params;
  bool variadic = false;
};

class CallContext;

// A function body: receives the checked arguments and the running execution. An error result is
// Go's returned error; the executor reports it as "error calling NAME: MESSAGE".
using FuncBody = std::function<core::Result<Value>(CallContext& ctx, std::span<const Value> args)>;

struct Func {
  Signature signature;
  FuncBody body;
};

// time.Time: an instant plus the zone it is shown in.
struct Time {
  std::int64_t unix_seconds = 0;  // seconds since 1970-01-01T00:00:00Z
  std::int32_t nanos = 0;         // 0..999999999
  std::int32_t offset = 0;        // zone offset east of UTC, in seconds
  std::string zone = "UTC";       // zone abbreviation, as Go prints it ("UTC", "CET")
};

// A Go value with fields and methods, implemented outside this module: Helm's .Capabilities,
// .Files, .Chart, semver versions. The executor resolves `.Name` as a method first, then a field,
// like Go; methods carry a Signature so argument errors read exactly as Go's.
class Object {
 public:
  virtual ~Object() = default;
  // The Go type for %T and typeOf, e.g. "*semver.Version", "chartutil.Capabilities".
  virtual std::string type_name() const = 0;
  // The Go reflect kind for kindOf: "struct", "ptr", "map", "slice"...
  virtual std::string kind_name() const { return "struct"; }
  // The field `name`, or nullopt when the type has no such field.
  virtual std::optional<Value> field(std::string_view name) const = 0;
  // The method `name` bound to this object, or nullopt when there is none.
  virtual std::optional<Func> method(std::string_view name) const;
  // What %v and print show, e.g. "1.2.3" for a semver (a Stringer) or "{a b}" for a struct.
  virtual std::string format() const = 0;
  // What `if` sees: structs are always true; a nil pointer would be false.
  virtual bool truth() const { return true; }
  // True when this is a fmt.Stringer/error: %s, %q, %v call format().
  virtual bool is_stringer() const { return false; }
  // For a Go named slice or map type (chartutil.VersionSet is a []string, engine.files a
  // map[string][]byte): the value of its underlying type, which range, len, index, slice and
  // reflect-based functions see. nullopt for structs and pointers (the default).
  virtual std::optional<Value> underlying() const;
};

class Value {
 public:
  Value() = default;  // nil
  Value(std::nullptr_t) {}  // NOLINT: implicit, nil reads naturally

  static Value boolean(bool b);
  static Value integer(std::int64_t i);  // Go int
  static Value int64(std::int64_t i);    // Go int64
  static Value float64(double f);
  static Value string(std::string s);
  static Value list(List items, ListType type = ListType::any);
  static Value string_list(std::vector<std::string> items);  // []string
  static Value bytes(std::string data);
  static Value map(Map entries, MapType type = MapType::any);
  static Value time(Time t);
  static Value object(std::shared_ptr<const Object> obj);

  Kind kind() const { return m_kind; }
  bool is_nil() const { return m_kind == Kind::nil; }
  bool is_string() const { return m_kind == Kind::string; }
  // True for int and int64.
  bool is_integer() const { return m_kind == Kind::integer || m_kind == Kind::int64; }
  ListType list_type() const { return static_cast<ListType>(m_tag); }
  MapType map_type() const { return static_cast<MapType>(m_tag); }

  // Accessors; each requires the matching kind (asserted).
  bool as_bool() const;
  std::int64_t as_int() const;  // int or int64
  double as_float() const;
  const std::string& as_string() const;
  const List& as_list() const;
  const std::string& as_bytes() const;
  const Map& as_map() const;
  const Time& as_time() const;
  const Object& as_object() const;
  std::shared_ptr<const Object> object_ptr() const;

  // The map every copy of this value shares; changes are visible through all of them (Go maps
  // are references). Requires kind() == Kind::map.
  Map& map_mut() const;
  // True when both are maps sharing one payload (the same Go map).
  bool same_map(const Value& other) const;

  // The same payload seen as another Go map type (e.g. chartutil.Values passed as a
  // map[string]interface {} parameter). Requires kind() == Kind::map.
  Value with_map_type(MapType type) const;

  // Go's type name as %T prints it: "int", "[]interface {}", "map[string]string", "<nil>"...
  std::string type_name() const;
  // Go's reflect kind name as Sprig's kindOf prints it: "int", "slice", "map", "invalid"...
  std::string kind_name() const;
  // Go template truthiness: false, 0, nil, and empty strings, lists and maps are false.
  bool truth() const;
  // Number of elements of a string (bytes), list, bytes or map; -1 for other kinds.
  std::int64_t length() const;

 private:
  Kind m_kind = Kind::nil;
  std::uint8_t m_tag = 0;  // ListType or MapType
  union {
    bool m_bool;
    std::int64_t m_int = 0;
    double m_float;
  };
  std::shared_ptr<void> m_payload;  // std::string, List, Map, Time or const Object
};

// `v` itself, or for an object of a named slice or map type its underlying list or map (see
// Object::underlying): what Go's reflect sees once it looks past the type name.
Value underlying_value(const Value& v);

}  // namespace gitops::render::gotemplate
