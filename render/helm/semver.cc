// Masterminds/semver v3.1.1's version grammar, ordering and constraint functions, ported function
// for function (constraints.go) so that dirty (x/*/missing) segments behave the same.
#include "render/helm/semver.h"

#include <re2/re2.h>

#include "render/helm/sprig_convert.h"

namespace gitops::render::helm {
namespace {

constexpr std::string_view k_cv =
    R"(v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)";
constexpr std::string_view k_ops = R"(=|!=|>|<|>=|=>|<=|=<|~|~>|\^)";

const RE2& version_regex() {
  static const RE2 re(R"(^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$)");
  return re;
}
const RE2& constraint_regex() {
  static const RE2 re("^\\s*(" + std::string(k_ops) + ")?\\s*(" + std::string(k_cv) + ")\\s*$");
  return re;
}
const RE2& valid_constraint_regex() {
  static const RE2 re("^(\\s*(" + std::string(k_ops) + ")?\\s*(" + std::string(k_cv) + ")\\s*\\,?)+$");
  return re;
}
const RE2& find_constraint_regex() {
  static const RE2 re("((" + std::string(k_ops) + ")?\\s*(" + std::string(k_cv) + "))");
  return re;
}
const RE2& range_regex() {
  static const RE2 re("\\s*(" + std::string(k_cv) + ")\\s+-\\s+(" + std::string(k_cv) + ")\\s*");
  return re;
}

enum class Op { tilde_or_equal, not_equal, gt, lt, gte, lte, tilde, caret };

struct Constraint {
  SemverVersion con;
  Op op = Op::tilde_or_equal;
  bool dirty = false, minor_dirty = false, patch_dirty = false;
};

bool is_x(std::string_view s) { return s == "x" || s == "X" || s == "*"; }

core::Result<std::uint64_t> parse_segment(std::string_view s) {
  auto v = parse_go_int(s, 10);
  if (!v) {
    return go_error("Error parsing version segment: strconv.ParseUint: parsing " + std::string("\"") +
                    std::string(s) + "\": value out of range");
  }
  return static_cast<std::uint64_t>(*v);
}

Op op_of(std::string_view s) {
  if (s == "!=") return Op::not_equal;
  if (s == ">") return Op::gt;
  if (s == "<") return Op::lt;
  if (s == ">=" || s == "=>") return Op::gte;
  if (s == "<=" || s == "=<") return Op::lte;
  if (s == "~" || s == "~>") return Op::tilde;
  if (s == "^") return Op::caret;
  return Op::tilde_or_equal;
}

core::Result<Constraint> parse_constraint(const std::string& text) {
  std::string op, cv, major, minor, patch, dash_pre;
  if (!RE2::FullMatch(text, constraint_regex(), &op, &cv, &major, &minor, &patch, &dash_pre)) {
    return go_error("improper constraint: " + text);
  }
  Constraint c;
  c.op = op_of(op);
  std::string ver = cv;
  if (is_x(major) || major.empty()) {
    ver = "0.0.0";
    c.dirty = true;
  } else if (minor.empty() || is_x(minor.substr(1))) {
    c.minor_dirty = c.dirty = true;
    ver = major + ".0.0" + dash_pre;
  } else if (patch.empty() || is_x(patch.substr(1))) {
    c.patch_dirty = c.dirty = true;
    ver = major + minor + ".0" + dash_pre;
  }
  auto v = parse_semver(ver);
  if (!v.ok()) return go_error("constraint Parser Error");
  c.con = *v;
  return c;
}

bool is_pre_mismatch(const SemverVersion& v, const Constraint& c) {
  return !v.prerelease.empty() && c.con.prerelease.empty();
}

int compare_pre_part(const std::string& s, const std::string& o) {
  if (s == o) return 0;
  if (s.empty()) return -1;
  if (o.empty()) return 1;
  auto oi = parse_go_int(o, 10);
  auto si = parse_go_int(s, 10);
  bool o_num = oi && o[0] != '+' && o[0] != '-';
  bool s_num = si && s[0] != '+' && s[0] != '-';
  if (!o_num && !s_num) return s > o ? 1 : -1;
  if (!o_num) return -1;
  if (!s_num) return 1;
  return *si > *oi ? 1 : -1;
}

std::vector<std::string> split_dots(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    auto dot = s.find('.', pos);
    out.push_back(s.substr(pos, dot - pos));
    if (dot == std::string::npos) return out;
    pos = dot + 1;
  }
}

int compare_prerelease(const std::string& a, const std::string& b) {
  auto sp = split_dots(a), op = split_dots(b);
  for (std::size_t i = 0; i < std::max(sp.size(), op.size()); ++i) {
    int d = compare_pre_part(i < sp.size() ? sp[i] : "", i < op.size() ? op[i] : "");
    if (d != 0) return d;
  }
  return 0;
}

bool tilde(const SemverVersion& v, const Constraint& c) {
  if (is_pre_mismatch(v, c) || compare_semver(v, c.con) < 0) return false;
  if (c.con.major == 0 && c.con.minor == 0 && c.con.patch == 0 && !c.minor_dirty && !c.patch_dirty) return true;
  if (v.major != c.con.major) return false;
  return !(v.minor != c.con.minor && !c.minor_dirty);
}

bool not_equal(const SemverVersion& v, const Constraint& c) {
  if (c.dirty) {
    if (is_pre_mismatch(v, c)) return false;
    if (c.con.major != v.major) return true;
    if (c.con.minor != v.minor && !c.minor_dirty) return true;
    if (c.minor_dirty) return false;
    if (c.con.patch != v.patch && !c.patch_dirty) return true;
    if (c.patch_dirty) {
      if (!v.prerelease.empty() || !c.con.prerelease.empty()) {
        return compare_prerelease(v.prerelease, c.con.prerelease) != 0;
      }
      return false;
    }
  }
  return compare_semver(v, c.con) != 0;
}

bool greater(const SemverVersion& v, const Constraint& c) {
  if (is_pre_mismatch(v, c)) return false;
  if (!c.dirty) return compare_semver(v, c.con) == 1;
  if (v.major > c.con.major) return true;
  if (v.major < c.con.major || c.minor_dirty) return false;
  if (c.patch_dirty) return v.minor > c.con.minor;
  return compare_semver(v, c.con) == 1;
}

bool less_equal(const SemverVersion& v, const Constraint& c) {
  if (is_pre_mismatch(v, c)) return false;
  if (!c.dirty) return compare_semver(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  return !(v.major == c.con.major && v.minor > c.con.minor && !c.minor_dirty);
}

bool caret(const SemverVersion& v, const Constraint& c) {
  if (is_pre_mismatch(v, c) || compare_semver(v, c.con) < 0) return false;
  if (c.con.major > 0 || c.minor_dirty) return v.major == c.con.major;
  if (c.con.major == 0 && v.major > 0) return false;
  if (c.con.minor > 0 || c.patch_dirty) return v.minor == c.con.minor;
  return c.con.patch == v.patch;
}

bool check(const SemverVersion& v, const Constraint& c) {
  switch (c.op) {
    case Op::tilde_or_equal:
      if (is_pre_mismatch(v, c)) return false;
      return c.dirty ? tilde(v, c) : compare_semver(v, c.con) == 0;
    case Op::not_equal: return not_equal(v, c);
    case Op::gt: return greater(v, c);
    case Op::lt: return !is_pre_mismatch(v, c) && compare_semver(v, c.con) < 0;
    case Op::gte: return !is_pre_mismatch(v, c) && compare_semver(v, c.con) >= 0;
    case Op::lte: return less_equal(v, c);
    case Op::tilde: return tilde(v, c);
    case Op::caret: return caret(v, c);
  }
  return false;
}

std::string rewrite_range(std::string text) {
  // Each "A - B" becomes ">= A, <= B", left to right.
  re2::StringPiece groups[12];
  std::size_t pos = 0;
  std::string rebuilt;
  while (pos <= text.size() &&
         range_regex().Match(text, pos, text.size(), RE2::UNANCHORED, groups, 12)) {
    std::size_t begin = static_cast<std::size_t>(groups[0].data() - text.data());
    rebuilt.append(text, pos, begin - pos);
    rebuilt += ">= " + std::string(groups[1]) + ", <= " + std::string(groups[11]);
    pos = begin + groups[0].size();
    if (groups[0].empty()) ++pos;
  }
  if (pos < text.size()) rebuilt.append(text, pos);
  return rebuilt;
}

}  // namespace

std::string SemverVersion::to_string() const {
  std::string out = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  if (!prerelease.empty()) out += "-" + prerelease;
  if (!metadata.empty()) out += "+" + metadata;
  return out;
}

core::Status validate_prerelease(std::string_view pre) {
  for (const auto& part : split_dots(std::string(pre))) {
    bool numeric = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
    if (numeric && part.size() > 1 && part[0] == '0') return go_error("Invalid Prerelease string");
  }
  return {};
}

core::Result<SemverVersion> parse_semver(std::string_view text) {
  std::string major, minor, patch, dash_pre, pre, pre_tail, plus_meta, meta;
  if (!RE2::FullMatch(text, version_regex(), &major, &minor, &patch, &dash_pre, &pre, &pre_tail,
                      &plus_meta, &meta)) {
    return go_error("Invalid Semantic Version");
  }
  SemverVersion v;
  v.original = std::string(text);
  v.prerelease = pre;
  v.metadata = meta;
  auto seg = parse_segment(major);
  if (!seg.ok()) return seg.error();
  v.major = *seg;
  if (!minor.empty()) {
    seg = parse_segment(minor.substr(1));
    if (!seg.ok()) return seg.error();
    v.minor = *seg;
  }
  if (!patch.empty()) {
    seg = parse_segment(patch.substr(1));
    if (!seg.ok()) return seg.error();
    v.patch = *seg;
  }
  if (!pre.empty()) {
    if (auto s = validate_prerelease(pre); !s.ok()) return s.error();
  }
  return v;
}

int compare_semver(const SemverVersion& a, const SemverVersion& b) {
  for (auto [x, y] : {std::pair{a.major, b.major}, std::pair{a.minor, b.minor}, std::pair{a.patch, b.patch}}) {
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.prerelease.empty() && b.prerelease.empty()) return 0;
  if (a.prerelease.empty()) return 1;
  if (b.prerelease.empty()) return -1;
  return compare_prerelease(a.prerelease, b.prerelease);
}

core::Result<bool> semver_satisfies(std::string_view constraint, const SemverVersion& version) {
  std::string text = rewrite_range(std::string(constraint));
  std::vector<std::vector<Constraint>> ors;
  std::size_t pos = 0;
  while (true) {
    auto bar = text.find("||", pos);
    std::string part = text.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos);
    if (!RE2::FullMatch(part, valid_constraint_regex())) return go_error("improper constraint: " + part);
    std::vector<Constraint> ands;
    re2::StringPiece input(part);
    std::string found;
    while (RE2::FindAndConsume(&input, find_constraint_regex(), &found)) {
      auto c = parse_constraint(found);
      if (!c.ok()) return c.error();
      ands.push_back(*c);
    }
    ors.push_back(std::move(ands));
    if (bar == std::string::npos) break;
    pos = bar + 2;
  }
  for (const auto& ands : ors) {
    bool all = true;
    for (const auto& c : ands) all = all && check(version, c);
    if (all) return true;
  }
  return false;
}

bool is_compatible_range(std::string_view constraint, std::string_view version) {
  auto v = parse_semver(version);
  if (!v.ok()) return false;
  auto satisfied = semver_satisfies(constraint, *v);
  return satisfied.ok() && *satisfied;
}

std::string_view to_string(SemverPart part) {
  switch (part) {
    case SemverPart::major: return "major";
    case SemverPart::minor: return "minor";
    case SemverPart::patch: return "patch";
  }
  return "patch";
}

SemverVersion increment_semver(const SemverVersion& v, SemverPart part) {
  SemverVersion next = v;
  next.metadata.clear();
  switch (part) {
    case SemverPart::patch:
      if (v.prerelease.empty()) ++next.patch;
      next.prerelease.clear();
      break;
    case SemverPart::minor:
      ++next.minor;
      next.patch = 0;
      next.prerelease.clear();
      break;
    case SemverPart::major:
      ++next.major;
      next.minor = next.patch = 0;
      next.prerelease.clear();
      break;
  }
  bool v_prefix = !v.original.empty() && (v.original[0] == 'v' || v.original[0] == 'V');
  next.original = (v_prefix ? std::string(1, v.original[0]) : "") + next.to_string();
  return next;
}

}  // namespace gitops::render::helm
