#include "sync/revision.h"

#include <gtest/gtest.h>

#include "kube/base64.h"
#include "sync/gzip.h"

namespace gitops::sync {
namespace {

Revision sample() {
  Revision r;
  r.number = 4;
  r.app = "shop";
  r.namespace_ = "shop";
  r.source = {"https://git.example.com/shop.git", "main", "0123456789abcdef0123456789abcdef01234567",
              "raise replicas", "deploy", "directory", {{"values", {"a"}}}};
  r.digest = "d1";
  r.objects = {{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "a"}}}}};
  r.inventory = {{"", "v1", "ConfigMap", "shop", "a"}};
  r.results = {{{"", "v1", "ConfigMap", "shop", "a"}, "configured", ""},
               {{"apps", "v1", "Deployment", "shop", "web"}, "failed", "denied"}};
  r.started_at = "2026-11-30T01:00:00Z";
  r.finished_at = "2026-11-30T01:00:05Z";
  r.actor = "ci@runner";
  r.status = RevisionStatus::partially_applied;
  r.message = "denied";
  r.rollback_of = 2;
  r.configured = 1;
  return r;
}

TEST(Revision, JsonRoundTripKeepsEveryField) {
  Revision r = sample();
  auto back = Revision::from_json(r.to_json());
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->to_json(), r.to_json());
  EXPECT_EQ(back->results[1].error, "denied");
  EXPECT_EQ(back->rollback_of, 2);
  EXPECT_FALSE(back->summary_only);
}

TEST(Revision, SummaryIsTheRecordWithoutObjectsInventoryAndResults) {
  core::Json full = sample().to_json();
  core::Json summary = sample().summary_json();
  for (const char* bulky : {"objects", "inventory", "results"}) {
    EXPECT_TRUE(full.contains(bulky)) << bulky;
    full.erase(bulky);
  }
  EXPECT_EQ(summary, full);
}

TEST(Revision, SecretHoldsTheWholeRecordAndASummary) {
  core::Json secret = revision_secret(sample());
  EXPECT_EQ(secret["metadata"]["name"], "gitops-shop.v4");
  EXPECT_EQ(secret["type"], k_revision_type);
  auto packed = kube::base64_decode(secret["data"]["record"].get<std::string>(), "record");
  ASSERT_TRUE(packed);
  auto text = gzip_decompress(*packed);
  ASSERT_TRUE(text);
  EXPECT_EQ(core::Json::parse(*text), sample().to_json());

  auto whole = revision_from_secret(secret);
  ASSERT_TRUE(whole) << whole.error().message;
  EXPECT_EQ(whole->objects.size(), 1U);
  EXPECT_EQ(whole->results.size(), 2U);
  EXPECT_FALSE(whole->summary_only);

  auto summary = revision_from_secret(secret, RevisionDetail::summary);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_TRUE(summary->summary_only);
  EXPECT_TRUE(summary->objects.empty());
  EXPECT_TRUE(summary->results.empty());
  EXPECT_EQ(summary->number, 4);
  EXPECT_EQ(summary->status, RevisionStatus::partially_applied);
  EXPECT_EQ(summary->source.commit, sample().source.commit);
  EXPECT_EQ(summary->configured, 1);
}

TEST(Revision, SecretsWrittenBeforeSummariesAreReadWhole) {
  core::Json secret = revision_secret(sample());
  secret["data"].erase("summary");
  auto r = revision_from_secret(secret, RevisionDetail::summary);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_FALSE(r->summary_only);
  EXPECT_EQ(r->results.size(), 2U);
}

TEST(Revision, CorruptSummaryIsAnError) {
  core::Json secret = revision_secret(sample());
  secret["data"]["summary"] = kube::base64_encode("{not json");
  auto r = revision_from_secret(secret, RevisionDetail::summary);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, core::ErrorKind::source);
  EXPECT_EQ(r.error().message, "reading revision gitops-shop.v4: the summary is not JSON");
}

}  // namespace
}  // namespace gitops::sync
