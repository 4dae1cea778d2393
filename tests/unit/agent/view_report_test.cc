#include "agent/view_report.h"

#include <gtest/gtest.h>

namespace gitops::agent {
namespace {

using std::chrono::seconds;

const sync::AgentView k_view{.commit = std::string(40, 'a'),
                             .ref = "main",
                             .sync_status = "Synced",
                             .health = "Healthy",
                             .identity = "agent-1",
                             .observed_at = "2026-11-30T01:00:00Z"};

TEST(ViewReport, FirstViewIsWritten) {
  EXPECT_TRUE(view_report_due(std::nullopt, k_view, std::chrono::steady_clock::now()));
}

TEST(ViewReport, SameViewWaitsForTheRefreshPeriod) {
  const auto t0 = std::chrono::steady_clock::time_point{} + seconds(1000);
  ReportedView last{k_view, t0};
  sync::AgentView now = k_view;
  now.observed_at = "2026-11-30T01:00:30Z";
  EXPECT_FALSE(view_report_due(last, now, t0 + seconds(30)));
  EXPECT_FALSE(view_report_due(last, now, t0 + seconds(59)));
  EXPECT_TRUE(view_report_due(last, now, t0 + seconds(60)));
}

TEST(ViewReport, AnyChangeIsWrittenAtOnce) {
  const auto t0 = std::chrono::steady_clock::time_point{} + seconds(1000);
  ReportedView last{k_view, t0};
  const auto t1 = t0 + seconds(1);
  sync::AgentView v = k_view;
  v.commit = std::string(40, 'b');
  EXPECT_TRUE(view_report_due(last, v, t1));
  v = k_view;
  v.ref = "prod";
  EXPECT_TRUE(view_report_due(last, v, t1));
  v = k_view;
  v.sync_status = "OutOfSync";
  EXPECT_TRUE(view_report_due(last, v, t1));
  v = k_view;
  v.health = "Degraded";
  EXPECT_TRUE(view_report_due(last, v, t1));
  v = k_view;
  v.identity = "agent-2";
  EXPECT_TRUE(view_report_due(last, v, t1));
}

TEST(ViewReport, HealthNotAssessedThisTimeIsNotAChange) {
  const auto t0 = std::chrono::steady_clock::time_point{} + seconds(1000);
  sync::AgentView v = k_view;
  v.health = "";
  EXPECT_FALSE(view_report_due(ReportedView{k_view, t0}, v, t0 + seconds(5)));
}

}  // namespace
}  // namespace gitops::agent
