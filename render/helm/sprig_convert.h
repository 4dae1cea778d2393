// Conversions and predicates Sprig's functions share: spf13/cast's ToInt64/ToFloat64 (what
// int, add, max... apply to any argument), Sprig's `empty`, reflect.DeepEqual, and the reflect
// view of a value as a slice. Errors come out as Go's text, ready for "error calling NAME: ...".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "render/gotemplate/value.h"

namespace gitops::render::helm {

// A Go error (or recovered panic) with message `text`, kind source (a template failure).
core::Error go_error(std::string text);

// Go's runtime panic for reflect.TypeOf(nil).Kind(), which Sprig's list functions hit on nil.
core::Error nil_pointer_error();

// cast.ToInt64: ints as they are, floats truncated, bools 1/0, strings by strconv.ParseInt(s, 0,
// 64) (so "0x1f" is 31 and "10.0" is 0), everything else 0.
std::int64_t cast_to_int64(const gotemplate::Value& v);

// cast.ToFloat64: numbers converted, bools 1/0, strings by strconv.ParseFloat, everything else 0.
double cast_to_float64(const gotemplate::Value& v);

// Sprig's empty: nil, false, 0, 0.0 and empty strings, lists, bytes and maps; times and objects
// are never empty.
bool is_empty(const gotemplate::Value& v);

// reflect.DeepEqual over interface values: types must be identical (int 1 differs from float64 1).
bool deep_equal(const gotemplate::Value& a, const gotemplate::Value& b);

// The elements of a Go slice (a list, or bytes as ints); nullopt for anything else.
std::optional<gotemplate::List> slice_items(const gotemplate::Value& v);

// reflect's Kind name used in Sprig's "Cannot ... on type KIND" errors ("string", "map").
std::string reflect_kind(const gotemplate::Value& v);

// strconv.ParseInt(s, base, 64) with Go's syntax (base 0 reads 0x, 0o, 0b, 0 prefixes and
// underscores); nullopt on a syntax or range error.
std::optional<std::int64_t> parse_go_int(std::string_view s, int base);

// strconv.ParseFloat(s, 64) with Go's syntax ("1e3", "0x1p-2", "Inf", "1_000"); nullopt on error.
std::optional<double> parse_go_float(std::string_view s);

}  // namespace gitops::render::helm
