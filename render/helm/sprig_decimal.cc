// Decimal arithmetic on OpenSSL BIGNUMs: a value is coefficient * 10^exponent.
#include "render/helm/sprig_decimal.h"

#include <openssl/bn.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>

#include "render/helm/go_format.h"
#include "render/helm/sprig_convert.h"

namespace gitops::render::helm {
namespace {

struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

struct CtxFree {
  void operator()(BN_CTX* ctx) const { BN_CTX_free(ctx); }
};
using Ctx = std::unique_ptr<BN_CTX, CtxFree>;

struct Decimal {
  Bn coef;
  int exp = 0;
};

Bn bn_dec(const std::string& digits) {
  BIGNUM* bn = nullptr;
  BN_dec2bn(&bn, digits.c_str());
  return Bn(bn);
}

Bn pow10(int n, BN_CTX* ctx) {
  Bn ten(BN_new()), e(BN_new()), out(BN_new());
  BN_set_word(ten.get(), 10);
  BN_set_word(e.get(), static_cast<BN_ULONG>(n));
  BN_exp(out.get(), ten.get(), e.get(), ctx);
  return out;
}

core::Result<Decimal> from_float(double f) {
  if (!std::isfinite(f)) {
    return go_error("Cannot create a Decimal from " + format_float_g(f));
  }
  if (f == 0) return Decimal{bn_dec("0"), 0};
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  std::string text(buf, res.ptr);
  auto e = text.find('e');
  std::string digits;
  for (std::size_t i = 0; i < e; ++i) {
    if (text[i] != '.') digits += text[i];
  }
  bool neg = digits[0] == '-';
  std::string mantissa = neg ? digits.substr(1) : digits;
  int exp = std::stoi(text.substr(e + 1)) - static_cast<int>(mantissa.size() - 1);
  return Decimal{bn_dec(digits), exp};
}

// Rescales both to the smaller exponent.
void align(Decimal& a, Decimal& b, BN_CTX* ctx) {
  Decimal& hi = a.exp > b.exp ? a : b;
  int lo = std::min(a.exp, b.exp);
  if (hi.exp == lo) return;
  Bn scale = pow10(hi.exp - lo, ctx);
  BN_mul(hi.coef.get(), hi.coef.get(), scale.get(), ctx);
  hi.exp = lo;
}

core::Result<Decimal> apply(Decimal a, Decimal b, DecimalOp op, BN_CTX* ctx) {
  switch (op) {
    case DecimalOp::add:
    case DecimalOp::sub:
      align(a, b, ctx);
      if (op == DecimalOp::add) {
        BN_add(a.coef.get(), a.coef.get(), b.coef.get());
      } else {
        BN_sub(a.coef.get(), a.coef.get(), b.coef.get());
      }
      return a;
    case DecimalOp::mul:
      BN_mul(a.coef.get(), a.coef.get(), b.coef.get(), ctx);
      a.exp += b.exp;
      return a;
    case DecimalOp::div: break;
  }
  if (BN_is_zero(b.coef.get())) return go_error("decimal division by zero");
  constexpr int k_precision = 16;
  // q = round(a / b * 10^16) with a = ca*10^ea, b = cb*10^eb.
  int shift = a.exp - b.exp + k_precision;
  Bn num(BN_dup(a.coef.get())), den(BN_dup(b.coef.get()));
  if (shift >= 0) {
    BN_mul(num.get(), num.get(), pow10(shift, ctx).get(), ctx);
  } else {
    BN_mul(den.get(), den.get(), pow10(-shift, ctx).get(), ctx);
  }
  bool negative = BN_is_negative(num.get()) != BN_is_negative(den.get());
  BN_set_negative(num.get(), 0);
  BN_set_negative(den.get(), 0);
  Bn q(BN_new()), r(BN_new());
  BN_div(q.get(), r.get(), num.get(), den.get(), ctx);
  BN_lshift1(r.get(), r.get());
  if (BN_cmp(r.get(), den.get()) >= 0) BN_add_word(q.get(), 1);
  BN_set_negative(q.get(), negative ? 1 : 0);
  return Decimal{std::move(q), -k_precision};
}

double to_float(const Decimal& d) {
  char* digits = BN_bn2dec(d.coef.get());
  std::string text = std::string(digits) + "e" + std::to_string(d.exp);
  OPENSSL_free(digits);
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace

std::string_view to_string(DecimalOp op) {
  switch (op) {
    case DecimalOp::add: return "add";
    case DecimalOp::sub: return "sub";
    case DecimalOp::mul: return "mul";
    case DecimalOp::div: return "div";
  }
  return "add";
}

core::Result<double> decimal_fold(double first, std::span<const double> rest, DecimalOp op) {
  Ctx ctx(BN_CTX_new());
  auto acc = from_float(first);
  if (!acc.ok()) return acc.error();
  Decimal value = std::move(*acc);
  for (double x : rest) {
    auto operand = from_float(x);
    if (!operand.ok()) return operand.error();
    auto next = apply(std::move(value), std::move(*operand), op, ctx.get());
    if (!next.ok()) return next.error();
    value = std::move(*next);
  }
  return to_float(value);
}

}  // namespace gitops::render::helm
