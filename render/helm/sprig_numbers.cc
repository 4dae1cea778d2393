// Sprig's number functions: cast-based integer arithmetic in int64 (Go's wrap-around and its
// "integer divide by zero" panic), float helpers, decimal addf/subf/mulf/divf, seq and until.
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "render/helm/go_format.h"
#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_decimal.h"
#include "render/helm/sprig_groups.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

constexpr std::size_t k_max_range = std::size_t{1} << 24;

std::int64_t wrap_add(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}
std::int64_t wrap_sub(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}
std::int64_t wrap_mul(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
}

core::Result<std::int64_t> int_div(std::int64_t a, std::int64_t b, bool modulo) {
  if (b == 0) return go_error("runtime error: integer divide by zero");
  if (b == -1) return modulo ? 0 : wrap_sub(0, a);
  return modulo ? a % b : a / b;
}

core::Result<std::vector<std::int64_t>> until_step(std::int64_t start, std::int64_t stop, std::int64_t step) {
  std::vector<std::int64_t> out;
  auto push = [&](std::int64_t i) -> bool {
    if (out.size() >= k_max_range) return false;
    out.push_back(i);
    return true;
  };
  if (stop < start) {
    if (step >= 0) return out;
    for (std::int64_t i = start; i > stop; i += step) {
      if (!push(i)) return go_error("untilStep: more than 16777216 elements");
    }
    return out;
  }
  if (step <= 0) return out;
  for (std::int64_t i = start; i < stop; i += step) {
    if (!push(i)) return go_error("untilStep: more than 16777216 elements");
  }
  return out;
}

R int_list(core::Result<std::vector<std::int64_t>> items) {
  if (!items.ok()) return items.error();
  gotemplate::List list;
  for (auto i : *items) list.push_back(Value::integer(i));
  return Value::list(std::move(list), gotemplate::ListType::ints);
}

R seq(Args a) {
  std::vector<std::int64_t> p;
  for (const auto& v : a) p.push_back(v.as_int());
  core::Result<std::vector<std::int64_t>> items = std::vector<std::int64_t>{};
  if (p.size() == 1) {
    std::int64_t inc = p[0] < 1 ? -1 : 1;
    items = until_step(1, p[0] + inc, inc);
  } else if (p.size() == 2) {
    std::int64_t step = p[1] < p[0] ? -1 : 1;
    items = until_step(p[0], p[1] + step, step);
  } else if (p.size() == 3) {
    std::int64_t inc = 1;
    if (p[2] < p[0]) {
      inc = -1;
      if (p[1] > 0) return Value::string("");
    }
    items = until_step(p[0], p[2] + inc, p[1]);
  } else {
    return Value::string("");
  }
  if (!items.ok()) return items.error();
  std::string out;
  for (std::size_t i = 0; i < items->size(); ++i) out += (i ? " " : "") + std::to_string((*items)[i]);
  return Value::string(out);
}

R decimal(double first, Args rest, DecimalOp op) {
  std::vector<double> values;
  for (const auto& v : rest) values.push_back(cast_to_float64(v));
  auto out = decimal_fold(first, values, op);
  if (!out.ok()) return out.error();
  return Value::float64(*out);
}

R round(Args a) {
  double on = a.size() > 2 ? a[2].as_float() : 0.5;
  double val = cast_to_float64(a[0]);
  double pow = std::pow(10.0, static_cast<double>(a[1].as_int()));
  double digit = pow * val;
  double whole = 0;
  double frac = std::modf(digit, &whole);
  double r = frac >= on ? std::ceil(digit) : std::floor(digit);
  return Value::float64(r / pow);
}

}  // namespace

void add_sprig_number_functions(FuncMap& f) {
  const auto A = Param::any;
  const auto I = Param::integer;
  f.add("int64", sig({A}), [](Args a) -> R { return Value::int64(cast_to_int64(a[0])); });
  f.add("int", sig({A}), [](Args a) -> R { return Value::integer(cast_to_int64(a[0])); });
  f.add("float64", sig({A}), [](Args a) -> R { return Value::float64(cast_to_float64(a[0])); });
  f.add("toDecimal", sig({A}), [](Args a) -> R {
    return Value::int64(parse_go_int(format_value(a[0]), 8).value_or(0));
  });
  f.add("add1", sig({A}), [](Args a) -> R { return Value::int64(wrap_add(cast_to_int64(a[0]), 1)); });
  f.add("add", variadic({A}), [](Args a) -> R {
    std::int64_t sum = 0;
    for (const auto& v : a) sum = wrap_add(sum, cast_to_int64(v));
    return Value::int64(sum);
  });
  f.add("sub", sig({A, A}), [](Args a) -> R {
    return Value::int64(wrap_sub(cast_to_int64(a[0]), cast_to_int64(a[1])));
  });
  f.add("div", sig({A, A}), [](Args a) -> R {
    auto q = int_div(cast_to_int64(a[0]), cast_to_int64(a[1]), false);
    if (!q.ok()) return q.error();
    return Value::int64(*q);
  });
  f.add("mod", sig({A, A}), [](Args a) -> R {
    auto q = int_div(cast_to_int64(a[0]), cast_to_int64(a[1]), true);
    if (!q.ok()) return q.error();
    return Value::int64(*q);
  });
  f.add("mul", variadic({A, A}), [](Args a) -> R {
    std::int64_t product = cast_to_int64(a[0]);
    for (std::size_t i = 1; i < a.size(); ++i) product = wrap_mul(product, cast_to_int64(a[i]));
    return Value::int64(product);
  });
  auto extreme = [](bool want_max) {
    return [want_max](Args a) -> R {
      std::int64_t best = cast_to_int64(a[0]);
      for (std::size_t i = 1; i < a.size(); ++i) {
        std::int64_t v = cast_to_int64(a[i]);
        if (want_max ? v > best : v < best) best = v;
      }
      return Value::int64(best);
    };
  };
  f.add("max", variadic({A, A}), extreme(true));
  f.add("biggest", variadic({A, A}), extreme(true));
  f.add("min", variadic({A, A}), extreme(false));
  auto extreme_f = [](bool want_max) {
    return [want_max](Args a) -> R {
      double best = cast_to_float64(a[0]);
      for (std::size_t i = 1; i < a.size(); ++i) {
        double v = cast_to_float64(a[i]);
        if (std::isnan(v) || std::isnan(best)) {
          best = std::nan("");
        } else {
          best = want_max ? std::fmax(best, v) : std::fmin(best, v);
        }
      }
      return Value::float64(best);
    };
  };
  f.add("maxf", variadic({A, A}), extreme_f(true));
  f.add("minf", variadic({A, A}), extreme_f(false));
  f.add("floor", sig({A}), [](Args a) -> R { return Value::float64(std::floor(cast_to_float64(a[0]))); });
  f.add("ceil", sig({A}), [](Args a) -> R { return Value::float64(std::ceil(cast_to_float64(a[0]))); });
  f.add("round", variadic({A, I, Param::float64}), round);
  f.add("add1f", sig({A}), [](Args a) -> R {
    Value one = Value::integer(1);
    return decimal(cast_to_float64(a[0]), std::span<const Value>(&one, 1), DecimalOp::add);
  });
  f.add("addf", variadic({A}), [](Args a) -> R { return decimal(0, a, DecimalOp::add); });
  f.add("subf", variadic({A, A}), [](Args a) -> R { return decimal(cast_to_float64(a[0]), a.subspan(1), DecimalOp::sub); });
  f.add("mulf", variadic({A, A}), [](Args a) -> R { return decimal(cast_to_float64(a[0]), a.subspan(1), DecimalOp::mul); });
  f.add("divf", variadic({A, A}), [](Args a) -> R { return decimal(cast_to_float64(a[0]), a.subspan(1), DecimalOp::div); });
  f.add("seq", variadic({I}), seq);
  f.add("until", sig({I}), [](Args a) -> R {
    std::int64_t n = a[0].as_int();
    return int_list(until_step(0, n, n < 0 ? -1 : 1));
  });
  f.add("untilStep", sig({I, I, I}), [](Args a) -> R {
    return int_list(until_step(a[0].as_int(), a[1].as_int(), a[2].as_int()));
  });
  f.add("randInt", sig({I, I}), [](Args a) -> R {
    std::int64_t span = wrap_sub(a[1].as_int(), a[0].as_int());
    if (span <= 0) return go_error("invalid argument to Intn");
    static thread_local std::mt19937_64 engine{std::random_device{}()};
    std::uniform_int_distribution<std::int64_t> pick(0, span - 1);
    return Value::integer(pick(engine) + a[0].as_int());
  });
}

}  // namespace gitops::render::helm
