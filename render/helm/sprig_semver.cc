// Sprig's semver and semverCompare, and the *semver.Version object templates get from semver:
// Major/Minor/Patch/Prerelease/Metadata/Original/String, the Inc* and Set* methods, and the
// comparisons LessThan/GreaterThan/Equal/Compare.
#include <memory>

#include "render/helm/semver.h"
#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_groups.h"

namespace gitops::render::helm {
namespace {

using gotemplate::Func;
using gotemplate::FuncMap;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

// *semver.Version (from semver) or semver.Version (from the Inc*/Set* methods).
class VersionObject : public gotemplate::Object {
 public:
  VersionObject(SemverVersion v, bool pointer) : m_v(std::move(v)), m_pointer(pointer) {}

  std::string type_name() const override { return m_pointer ? "*semver.Version" : "semver.Version"; }
  std::string kind_name() const override { return m_pointer ? "ptr" : "struct"; }
  std::optional<Value> field(std::string_view) const override { return std::nullopt; }
  std::string format() const override { return m_v.to_string(); }
  bool is_stringer() const override { return true; }
  std::optional<Func> method(std::string_view name) const override;

  const SemverVersion& version() const { return m_v; }

 private:
  SemverVersion m_v;
  bool m_pointer;
};

Value version_value(SemverVersion v, bool pointer) {
  return Value::object(std::make_shared<VersionObject>(std::move(v), pointer));
}

core::Result<SemverVersion> version_arg(const Value& v) {
  if (v.kind() == gotemplate::Kind::object) {
    if (auto* obj = dynamic_cast<const VersionObject*>(&v.as_object()); obj && v.as_object().type_name() == "*semver.Version") {
      return obj->version();
    }
  }
  return go_error("wrong type for value; expected *semver.Version; got " + v.type_name());
}

Func getter(std::function<Value()> get) {
  return Func{sig({}), [get](gotemplate::CallContext&, Args) -> R { return get(); }};
}

Func comparison(const SemverVersion& self, std::function<Value(int)> result) {
  return Func{sig({Param::any}), [self, result](gotemplate::CallContext&, Args a) -> R {
                auto other = version_arg(a[0]);
                if (!other.ok()) return other.error();
                return result(compare_semver(self, *other));
              }};
}

Func setter(const SemverVersion& self, bool prerelease) {
  return Func{sig({Param::string}), [self, prerelease](gotemplate::CallContext&, Args a) -> R {
                SemverVersion next = self;
                const std::string& text = a[0].as_string();
                if (prerelease) {
                  if (auto s = validate_prerelease(text); !s.ok()) return s.error();
                  next.prerelease = text;
                } else {
                  next.metadata = text;
                }
                bool v_prefix = !self.original.empty() && (self.original[0] == 'v' || self.original[0] == 'V');
                next.original = (v_prefix ? std::string(1, self.original[0]) : "") + next.to_string();
                return version_value(next, false);
              }};
}

std::optional<Func> VersionObject::method(std::string_view name) const {
  const SemverVersion& v = m_v;
  // uint64 is not a gotemplate kind; int64 prints the same digits.
  if (name == "Major") return getter([v] { return Value::int64(static_cast<std::int64_t>(v.major)); });
  if (name == "Minor") return getter([v] { return Value::int64(static_cast<std::int64_t>(v.minor)); });
  if (name == "Patch") return getter([v] { return Value::int64(static_cast<std::int64_t>(v.patch)); });
  if (name == "Prerelease") return getter([v] { return Value::string(v.prerelease); });
  if (name == "Metadata") return getter([v] { return Value::string(v.metadata); });
  if (name == "Original") return getter([v] { return Value::string(v.original); });
  if (name == "String") return getter([v] { return Value::string(v.to_string()); });
  if (name == "IncMajor") return getter([v] { return version_value(increment_semver(v, SemverPart::major), false); });
  if (name == "IncMinor") return getter([v] { return version_value(increment_semver(v, SemverPart::minor), false); });
  if (name == "IncPatch") return getter([v] { return version_value(increment_semver(v, SemverPart::patch), false); });
  if (name == "SetPrerelease") return setter(v, true);
  if (name == "SetMetadata") return setter(v, false);
  if (name == "LessThan") return comparison(v, [](int c) { return Value::boolean(c < 0); });
  if (name == "GreaterThan") return comparison(v, [](int c) { return Value::boolean(c > 0); });
  if (name == "Equal") return comparison(v, [](int c) { return Value::boolean(c == 0); });
  if (name == "Compare") return comparison(v, [](int c) { return Value::integer(c); });
  return std::nullopt;
}

}  // namespace

void add_sprig_semver_functions(FuncMap& f) {
  const auto S = Param::string;
  f.add("semver", sig({S}), [](Args a) -> R {
    auto v = parse_semver(a[0].as_string());
    if (!v.ok()) return v.error();
    return version_value(*v, true);
  });
  f.add("semverCompare", sig({S, S}), [](Args a) -> R {
    // The constraint is parsed first, as Sprig does.
    auto probe = semver_satisfies(a[0].as_string(), SemverVersion{});
    if (!probe.ok()) return probe.error();
    auto v = parse_semver(a[1].as_string());
    if (!v.ok()) return v.error();
    auto ok = semver_satisfies(a[0].as_string(), *v);
    if (!ok.ok()) return ok.error();
    return Value::boolean(*ok);
  });
}

}  // namespace gitops::render::helm
