#include <gtest/gtest.h>

#include "diff/engine.h"

namespace gitops::diff {
namespace {

core::Json secret(const core::Json& data, const core::Json& string_data = core::Json::object()) {
  return {{"apiVersion", "v1"}, {"kind", "Secret"}, {"data", data}, {"stringData", string_data}};
}

TEST(ScrubSecretValues, ReplacesEncodedAndDecodedValues) {
  // "aHVudGVyMg==" is base64 of "hunter2".
  core::Json s = secret({{"password", "aHVudGVyMg=="}});
  EXPECT_EQ(scrub_secret_values("data.password: Invalid value: \"aHVudGVyMg==\"; decoded hunter2 rejected", s),
            "data.password: Invalid value: \"***\"; decoded *** rejected");
}

TEST(ScrubSecretValues, LongestValueFirst) {
  core::Json s = secret(core::Json::object(), {{"a", "token"}, {"b", "token-long"}});
  EXPECT_EQ(scrub_secret_values("got token-long and token", s), "got *** and ***");
}

TEST(ScrubSecretValues, ShortValuesOnlyWhereQuoted) {
  core::Json s = secret(core::Json::object(), {{"pin", "ab"}, {"flag", "y"}});
  EXPECT_EQ(scrub_secret_values("stringData.pin: Invalid value: \"ab\": about the 'y' flag, yes", s),
            "stringData.pin: Invalid value: \"***\": about the '***' flag, yes");
}

TEST(ScrubSecretValues, OtherKindsAreUntouched) {
  core::Json cm = {{"kind", "ConfigMap"}, {"data", {{"k", "value"}}}};
  EXPECT_EQ(scrub_secret_values("value is \"value\"", cm), "value is \"value\"");
}

}  // namespace
}  // namespace gitops::diff
