// Scalar-to-JSON conversions of sigs.k8s.io/yaml (convertToJSONableObject) and base64.
#include "core/yaml_json.h"

#include <cmath>
#include <cstdint>

namespace gitops::core {
namespace {

constexpr std::string_view k_base64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Error key_error(std::string_view message) { return Error{ErrorKind::source, std::string(message)}; }

std::string float_key(double value) {
  std::string text = format_go_float(value, 32);
  if (text == "+Inf") return ".inf";
  if (text == "-Inf") return "-.inf";
  if (text == "NaN") return ".nan";
  return text;
}

}  // namespace

Result<std::string> plain_scalar_key(std::string_view text, const ResolvedScalar& scalar) {
  switch (scalar.type) {
    case ScalarType::string:
    case ScalarType::timestamp: return std::string(text);
    case ScalarType::null: return key_error("map key null is not supported");
    case ScalarType::boolean: return std::string(scalar.boolean ? "true" : "false");
    case ScalarType::signed_integer: return std::to_string(scalar.signed_integer);
    case ScalarType::unsigned_integer: return std::to_string(scalar.unsigned_integer);
    case ScalarType::floating: return float_key(scalar.floating);
  }
  return std::string(text);
}

Result<std::string> json_map_key(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string: return value.get<std::string>();
    case Json::value_t::boolean: return std::string(value.get<bool>() ? "true" : "false");
    case Json::value_t::number_integer: return std::to_string(value.get<std::int64_t>());
    case Json::value_t::number_unsigned: return std::to_string(value.get<std::uint64_t>());
    case Json::value_t::number_float: return float_key(value.get<double>());
    case Json::value_t::null: return key_error("map key null is not supported");
    default: return key_error("a map or a list cannot be a map key");
  }
}

Json json_number(double value) {
  if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 1e21) {
    if (value >= 0 && value < 18446744073709551616.0) {
      return Json(static_cast<std::uint64_t>(value));
    }
    if (value < 0 && value >= -9223372036854775808.0) return Json(static_cast<std::int64_t>(value));
  }
  return Json(value);
}

Result<std::string> decode_base64(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  int padding = 0;
  std::size_t symbols = 0;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    ++symbols;
    if (c == '=') {
      ++padding;
      continue;
    }
    std::size_t index = k_base64.find(c);
    if (index == std::string_view::npos || padding > 0) return key_error("invalid base64 data");
    buffer = (buffer << 6) | static_cast<std::uint32_t>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (symbols % 4 != 0 || padding > 2) return key_error("invalid base64 data");
  return out;
}

std::string encode_base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    std::uint32_t chunk = (static_cast<unsigned char>(bytes[i]) << 16) |
                          (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                          static_cast<unsigned char>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(k_base64[(chunk >> shift) & 63]);
  }
  std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t chunk = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) chunk |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(k_base64[(chunk >> 18) & 63]);
    out.push_back(k_base64[(chunk >> 12) & 63]);
    out.push_back(rest == 2 ? k_base64[(chunk >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

}  // namespace gitops::core
