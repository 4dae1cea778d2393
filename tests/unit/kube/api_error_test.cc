// Error typing from Status bodies, decoration, redaction and base64.
#include "kube/api_error.h"

#include <gtest/gtest.h>

#include "kube/base64.h"
#include "kube/redact.h"

namespace gitops::kube {
namespace {

Response response(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(ApiError, ParsesStatusBody) {
  ApiError e = parse_api_error(response(422, R"({"kind":"Status","apiVersion":"v1","status":"Failure",
    "message":"ConfigMap \"x\" is invalid: data.a b: Invalid value","reason":"Invalid",
    "details":{"causes":[{"reason":"FieldValueInvalid","message":"Invalid value","field":"data.a b"}]},"code":422})"));
  EXPECT_EQ(e.code, 422);
  EXPECT_EQ(e.reason, "Invalid");
  EXPECT_EQ(e.message, "ConfigMap \"x\" is invalid: data.a b: Invalid value");
  ASSERT_EQ(e.causes.size(), 1u);
  EXPECT_EQ(e.causes[0].field, "data.a b");
  EXPECT_EQ(e.causes[0].reason, "FieldValueInvalid");
}

TEST(ApiError, WithoutStatusBodyUsesTheCode) {
  ApiError e = parse_api_error(response(503, "service unavailable\nmore"));
  EXPECT_EQ(e.reason, "ServiceUnavailable");
  EXPECT_EQ(e.message, "service unavailable");
  ApiError empty = parse_api_error(response(401, ""));
  EXPECT_EQ(empty.reason, "Unauthorized");
  EXPECT_EQ(empty.message, "HTTP 401");
}

TEST(ApiError, DecoratedOnceLikeKapp) {
  ApiError e{409, "Conflict", "Apply failed with 1 conflict: conflict with \"kubectl\": .data.a", {}};
  core::Error err = to_error(e, {"applying", "v1 ConfigMap shop/web", true});
  EXPECT_EQ(err.kind, core::ErrorKind::conflict);
  EXPECT_EQ(err.message,
            "applying v1 ConfigMap shop/web: API server says: Apply failed with 1 conflict: "
            "conflict with \"kubectl\": .data.a (reason: Conflict)");
  EXPECT_EQ(err.reason, "Conflict");
  // The reason survives added context, so callers can test it instead of the message text.
  EXPECT_EQ(err.context("syncing shop").reason, "Conflict");
}

TEST(ApiError, CausesNotInTheMessageAreAppended) {
  ApiError e{422, "Invalid", "invalid object", {{"spec.replicas", "must be >= 0", "FieldValueInvalid"}}};
  EXPECT_EQ(to_error(e, {"applying", "apps/v1 Deployment a/b", true}).message,
            "applying apps/v1 Deployment a/b: API server says: invalid object; spec.replicas: must be >= 0 (reason: Invalid)");
}

TEST(ApiError, Kinds) {
  auto kind = [](int code, bool write, std::string reason = "") {
    return error_kind(ApiError{code, std::move(reason), "m", {}}, Operation{"v", "t", write});
  };
  EXPECT_EQ(kind(401, false), core::ErrorKind::cluster);
  EXPECT_EQ(kind(403, true), core::ErrorKind::cluster);
  EXPECT_EQ(kind(409, true), core::ErrorKind::conflict);
  EXPECT_EQ(kind(422, true), core::ErrorKind::rejected);
  EXPECT_EQ(kind(400, true), core::ErrorKind::rejected);
  EXPECT_EQ(kind(404, true), core::ErrorKind::rejected);
  EXPECT_EQ(kind(400, false), core::ErrorKind::cluster);
  EXPECT_EQ(kind(429, true), core::ErrorKind::cluster);
  EXPECT_EQ(kind(500, true), core::ErrorKind::cluster);
  EXPECT_EQ(kind(504, false), core::ErrorKind::timeout);
  EXPECT_EQ(kind(500, false, "Timeout"), core::ErrorKind::timeout);
}

TEST(Redact, AuthorizationKeepsItsScheme) {
  EXPECT_EQ(redact_header("Authorization: Bearer abc.def"), "Authorization: Bearer <masked>");
  EXPECT_EQ(redact_header("authorization: Basic YWRtaW46c2VjcmV0"), "authorization: Basic <masked>");
  EXPECT_EQ(redact_header("Authorization: abc"), "Authorization: <masked>");
  EXPECT_EQ(redact_header("Accept: application/json"), "Accept: application/json");
}

TEST(Redact, SecretsInText) {
  EXPECT_EQ(redact_secrets("token abc in abcabc", {"abc", ""}), "token <masked> in <masked><masked>");
}

TEST(Base64, RoundTripAndErrors) {
  EXPECT_EQ(base64_encode("admin:secret"), "YWRtaW46c2VjcmV0");
  EXPECT_EQ(base64_encode("ab"), "YWI=");
  EXPECT_EQ(*base64_decode("YW\nJj", "x"), "abc");
  EXPECT_EQ(*base64_decode("YWI=", "x"), "ab");
  auto bad = base64_decode("a*b", "certificate-authority-data of cluster \"c\"");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, core::ErrorKind::usage);
  EXPECT_EQ(bad.error().message, "certificate-authority-data of cluster \"c\" is not valid base64");
}

}  // namespace
}  // namespace gitops::kube
