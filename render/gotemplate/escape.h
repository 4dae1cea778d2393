// Go's text/template escapers: HTMLEscapeString, JSEscapeString and url.QueryEscape, behind the
// html, js and urlquery builtins.
#pragma once

#include <string>
#include <string_view>

namespace gitops::render::gotemplate {

std::string html_escape(std::string_view s);
std::string js_escape(std::string_view s);
std::string query_escape(std::string_view s);

}  // namespace gitops::render::gotemplate
