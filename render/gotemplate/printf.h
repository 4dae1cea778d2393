// Go's fmt over Values: Sprint, Sprintln and Sprintf with Go's verbs, flags, widths and
// precisions, its %!verb(type=value) complaints, %!(EXTRA ...) and %!d(MISSING), and Go's %v
// printing of values (map[a:1 b:2], [a b], <nil>, 1e+06).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "render/gotemplate/value.h"

namespace gitops::render::gotemplate {

// fmt.Sprint: operands printed with %v, a space between two operands when neither is a string.
std::string sprint(std::span<const Value> args);
// fmt.Sprintln: operands separated by spaces, then a newline.
std::string sprintln(std::span<const Value> args);
// fmt.Sprintf.
std::string sprintf(std::string_view format, std::span<const Value> args);

// fmt's %v of one value, appended to `out`.
void append_value(std::string& out, const Value& v);
// fmt's %v of one value ("<nil>" for nil).
std::string format_value(const Value& v);
// time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST".
std::string format_time(const Time& t);

}  // namespace gitops::render::gotemplate
