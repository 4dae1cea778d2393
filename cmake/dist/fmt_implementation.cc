// Compiled into the release binary only: Debian ships fmt as a shared library alone (no
// libfmt.a), so the release binary carries fmt's implementation, which fmt's headers hold,
// instead of bundling libfmt.so and with it a second libstdc++. The two templates below are the
// ones fmt's headers declare but leave to the library to instantiate.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {
template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl<char>(locale_ref) -> char;
}  // namespace detail
FMT_END_NAMESPACE
