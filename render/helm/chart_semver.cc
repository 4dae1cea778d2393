// Masterminds/semver v3.1-compatible version parsing and range checks (see chart_semver.h).
#include "render/helm/chart_semver.h"

#include <re2/re2.h>

#include <vector>

namespace gitops::render::helm {
namespace {

constexpr const char* k_cv =
    R"(v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?)"
    R"((-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)";
constexpr const char* k_ops = R"(=||!=|>|<|>=|=>|<=|=<|~|~>|\^)";

std::vector<std::string> split(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) return out;
    start = pos + sep.size();
  }
}

bool is_number(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int compare_prerelease(const std::string& a, const std::string& b) {
  if (a == b) return 0;
  if (a.empty()) return 1;
  if (b.empty()) return -1;
  auto pa = split(a, ".");
  auto pb = split(b, ".");
  for (std::size_t i = 0; i < pa.size() && i < pb.size(); ++i) {
    bool na = is_number(pa[i]);
    bool nb = is_number(pb[i]);
    if (na && nb) {
      auto x = std::stoull(pa[i]);
      auto y = std::stoull(pb[i]);
      if (x != y) return x < y ? -1 : 1;
    } else if (na != nb) {
      return na ? -1 : 1;
    } else if (pa[i] != pb[i]) {
      return pa[i] < pb[i] ? -1 : 1;
    }
  }
  if (pa.size() == pb.size()) return 0;
  return pa.size() < pb.size() ? -1 : 1;
}

std::string non_capturing(std::string_view re) {
  std::string out;
  for (char c : re) {
    out += c;
    if (c == '(') out += "?:";
  }
  return out;
}

bool is_x(std::string_view s) { return s == "x" || s == "X" || s == "*"; }

struct Constraint {
  std::string op;
  ChartVersion con;
  std::string orig;
  bool dirty = false;
  bool minor_dirty = false;
  bool patch_dirty = false;
};

std::optional<Constraint> parse_constraint(const std::string& text) {
  static const RE2 k_re(std::string(R"(^\s*()") + k_ops + R"()\s*()" + k_cv + R"()\s*$)");
  std::string op, ver, m3, m4, m5, m6;
  if (!RE2::FullMatch(text, k_re, &op, &ver, &m3, &m4, &m5, &m6)) return std::nullopt;
  Constraint c{.op = op, .orig = ver};
  std::string normal = ver;
  std::string_view minor = m4.empty() ? "" : std::string_view(m4).substr(1);
  std::string_view patch = m5.empty() ? "" : std::string_view(m5).substr(1);
  if (is_x(m3) || m3.empty()) {
    normal = "0.0.0";
    c.dirty = true;
  } else if (is_x(minor) || m4.empty()) {
    c.minor_dirty = c.dirty = true;
    normal = m3 + ".0.0" + m6;
  } else if (is_x(patch)) {
    c.dirty = c.patch_dirty = true;
    normal = m3 + m4 + ".0" + m6;
  }
  auto parsed = parse_chart_version(normal);
  if (!parsed) return std::nullopt;
  c.con = *parsed;
  return c;
}

bool tilde(const ChartVersion& v, const Constraint& c) {
  if (v.compare(c.con) < 0) return false;
  if (c.con.major == 0 && c.con.minor == 0 && c.con.patch == 0 &&
      c.orig.find('.') == std::string::npos) {
    return true;
  }
  if (v.major != c.con.major) return false;
  if (v.minor != c.con.minor && !c.minor_dirty) return false;
  return true;
}

bool check(const ChartVersion& v, const Constraint& c) {
  if (!v.prerelease.empty() && c.con.prerelease.empty()) return false;
  int cmp = v.compare(c.con);
  const std::string& op = c.op;
  if (op.empty() || op == "=") return c.dirty ? tilde(v, c) : cmp == 0;
  if (op == "!=") {
    if (!c.dirty) return cmp != 0;
    if (c.con.major != v.major) return true;
    return c.con.minor != v.minor && !c.minor_dirty;
  }
  if (op == ">") {
    if (!c.dirty) return cmp > 0;
    if (v.major != c.con.major) return v.major > c.con.major;
    if (c.minor_dirty) return false;
    if (c.patch_dirty) return v.minor > c.con.minor;
    return cmp > 0;
  }
  if (op == "<") return cmp < 0;
  if (op == ">=" || op == "=>") return cmp >= 0;
  if (op == "<=" || op == "=<") {
    if (!c.dirty) return cmp <= 0;
    if (v.major != c.con.major) return v.major < c.con.major;
    if (v.minor > c.con.minor && !c.minor_dirty) return false;
    return true;
  }
  if (op == "~" || op == "~>") return tilde(v, c);
  // "^"
  if (cmp < 0) return false;
  if (c.con.major > 0 || c.minor_dirty) return v.major == c.con.major;
  if (c.con.minor > 0 || c.patch_dirty) return v.major == c.con.major && v.minor == c.con.minor;
  return v.major == c.con.major && v.minor == c.con.minor && v.patch == c.con.patch;
}

// The AND groups of each OR branch, or nullopt for an improper constraint.
std::optional<std::vector<std::vector<Constraint>>> parse_range(std::string_view text) {
  static const std::string k_cv_nc = non_capturing(k_cv);
  static const RE2 k_hyphen(R"(\s*()" + k_cv_nc + R"()\s+-\s+()" + k_cv_nc + R"()\s*)");
  static const RE2 k_valid(std::string(R"(^(\s*()") + k_ops + R"()\s*()" + k_cv + R"()\s*\,?)+$)");
  static const RE2 k_find(std::string("((") + k_ops + R"()\s*()" + k_cv + "))");
  std::string rewritten(text);
  RE2::GlobalReplace(&rewritten, k_hyphen, R"(>= \1, <= \2)");
  std::vector<std::vector<Constraint>> ors;
  for (const auto& branch : split(rewritten, "||")) {
    if (!RE2::FullMatch(branch, k_valid)) return std::nullopt;
    std::vector<Constraint> ands;
    re2::StringPiece input(branch);
    std::string piece;
    while (RE2::FindAndConsume(&input, k_find, &piece)) {
      auto c = parse_constraint(piece);
      if (!c) return std::nullopt;
      ands.push_back(*c);
    }
    ors.push_back(std::move(ands));
  }
  return ors;
}

}  // namespace

std::string ChartVersion::to_string() const {
  std::string s = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  if (!prerelease.empty()) s += "-" + prerelease;
  if (!metadata.empty()) s += "+" + metadata;
  return s;
}

int ChartVersion::compare(const ChartVersion& other) const {
  if (major != other.major) return major < other.major ? -1 : 1;
  if (minor != other.minor) return minor < other.minor ? -1 : 1;
  if (patch != other.patch) return patch < other.patch ? -1 : 1;
  return compare_prerelease(prerelease, other.prerelease);
}

std::optional<ChartVersion> parse_chart_version(std::string_view text) {
  static const RE2 k_re(
      R"(v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)"
      R"((\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)");
  std::string major, minor, patch, pre_full, pre, pre_last, meta_full, meta;
  if (!RE2::FullMatch(text, k_re, &major, &minor, &patch, &pre_full, &pre, &pre_last, &meta_full,
                      &meta)) {
    return std::nullopt;
  }
  ChartVersion v;
  try {
    v.major = std::stoull(major);
    v.minor = minor.empty() ? 0 : std::stoull(minor.substr(1));
    v.patch = patch.empty() ? 0 : std::stoull(patch.substr(1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  for (const auto& part : split(pre, ".")) {
    if (is_number(part) && part.size() > 1 && part[0] == '0') return std::nullopt;
  }
  v.prerelease = pre;
  v.metadata = meta;
  return v;
}

bool is_compatible_range(std::string_view constraint, std::string_view version) {
  auto v = parse_chart_version(version);
  if (!v) return false;
  auto ors = parse_range(constraint);
  if (!ors) return false;
  for (const auto& ands : *ors) {
    bool all = true;
    for (const auto& c : ands) all = all && check(*v, c);
    if (all) return true;
  }
  return false;
}

}  // namespace gitops::render::helm
