// Sprig date functions with fixed inputs (never the clock), and Go's layouts and durations.
#include "render/helm/go_format_time.h"
#include "tests/unit/helm/sprig_fixture.h"

namespace gitops::render::helm::testing {
namespace {

using DatesTest = SprigTest;

Value date(const std::string& layout, const std::string& text) {
  auto t = parse_time(layout, text);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  return t.ok() ? Value::time(*t) : Value();
}

TEST_F(DatesTest, FormatsWithGoLayouts) {
  Value t = date("2006-01-02", "2023-04-05");
  EXPECT_EQ(run("date", {S("2006-01-02"), t}), "2023-04-05");
  EXPECT_EQ(run("date", {S("Monday, January 2, 2006"), t}), "Wednesday, April 5, 2023");
  EXPECT_EQ(run("date", {S("02/01/06"), t}), "05/04/23");
  EXPECT_EQ(run("date", {S("2006 002 __2 _2 Jan Mon"), t}), "2023 095  95  5 Apr Wed");
  EXPECT_EQ(run("htmlDate", {t}), "2023-04-05");
}

TEST_F(DatesTest, ZonesAndOffsets) {
  Value t = date("2006-01-02T15:04:05Z07:00", "2023-04-05T10:20:30+02:00");
  EXPECT_EQ(run("dateInZone", {S("2006-01-02 15:04:05 MST"), t, S("UTC")}), "2023-04-05 08:20:30 UTC");
  EXPECT_EQ(run("date_in_zone", {S("2006-01-02T15:04:05Z07:00"), t, S("UTC")}), "2023-04-05T08:20:30Z");
  EXPECT_EQ(run("dateInZone", {S("3:04PM"), t, S("UTC")}), "8:20AM");
  EXPECT_EQ(run("dateInZone", {S("15:04 -0700"), t, S("Nowhere/Unknown")}), "08:20 +0000");
  EXPECT_EQ(run("htmlDateInZone", {t, S("UTC")}), "2023-04-05");
  EXPECT_EQ(run("unixEpoch", {t}), "1680682830");
  EXPECT_EQ(run("toString", {t}), "2023-04-05 10:20:30 +0200 +0200");
}

TEST_F(DatesTest, UnixSecondsAsInput) {
  EXPECT_EQ(run("dateInZone", {S("2006-01-02T15:04:05Z"), I(1700000000), S("UTC")}), "2023-11-14T22:13:20Z");
  EXPECT_EQ(run("dateInZone", {S("2006-01-02"), I64(0), S("UTC")}), "1970-01-01");
  EXPECT_EQ(run("date", {S(".000 .999 pm"), Value::time(gotemplate::Time{0, 120000000, 0, "UTC"})}),
            ".120 .12 am");
}

TEST_F(DatesTest, DateModify) {
  Value t = date("2006-01-02T15:04:05Z07:00", "2023-04-05T10:20:30Z");
  auto fmt = [&](const std::string& change) {
    auto r = call("dateModify", {S(change), t});
    return r.ok() ? format_time(r->as_time(), "2006-01-02T15:04:05Z07:00") : r.error().message;
  };
  EXPECT_EQ(fmt("+1h"), "2023-04-05T11:20:30Z");
  EXPECT_EQ(fmt("-24h"), "2023-04-04T10:20:30Z");
  EXPECT_EQ(fmt("1h30m15s"), "2023-04-05T11:50:45Z");
  EXPECT_EQ(fmt("bogus"), "2023-04-05T10:20:30Z");
  EXPECT_EQ(error("mustDateModify", {S("bogus"), t}), "time: invalid duration \"bogus\"");
  EXPECT_EQ(error("mustDateModify", {S("5"), t}), "time: missing unit in duration \"5\"");
  EXPECT_EQ(error("mustDateModify", {S("5y"), t}), "time: unknown unit \"y\" in duration \"5y\"");
  EXPECT_EQ(error("dateModify", {S("1h"), S("2023")}), "wrong type for value; expected time.Time; got string");
}

TEST_F(DatesTest, ToDate) {
  EXPECT_EQ(run("dateInZone", {S("2006"), *call("toDate", {S("2006-01-02"), S("not-a-date")}), S("UTC")}), "0001");
  EXPECT_EQ(error("mustToDate", {S("2006-01-02"), S("not-a-date")}),
            "parsing time \"not-a-date\" as \"2006-01-02\": cannot parse \"not-a-date\" as \"2006\"");
  EXPECT_EQ(error("mustToDate", {S("2006-01-02"), S("2023-02-30")}), "parsing time \"2023-02-30\": day out of range");
  EXPECT_EQ(error("mustToDate", {S("2006-01-02"), S("2023-02-03x")}),
            "parsing time \"2023-02-03x\": extra text: \"x\"");
  EXPECT_EQ(type_of("toDate", {S("2006"), S("2020")}), "time.Time");
}

TEST_F(DatesTest, Durations) {
  EXPECT_EQ(run("duration", {I(95)}), "0s");
  EXPECT_EQ(run("duration", {I64(95)}), "1m35s");
  EXPECT_EQ(run("duration", {S("3600")}), "1h0m0s");
  EXPECT_EQ(run("duration", {F(95)}), "0s");
  EXPECT_EQ(run("duration", {I64(90061)}), "25h1m1s");
  EXPECT_EQ(run("durationRound", {S("2h10m5s")}), "2h");
  EXPECT_EQ(run("durationRound", {S("3m59s")}), "3m");
  EXPECT_EQ(run("durationRound", {S("49h")}), "2d");
  EXPECT_EQ(run("durationRound", {S("1000h")}), "1mo");
  EXPECT_EQ(run("durationRound", {S("20000h")}), "2y");
  EXPECT_EQ(run("durationRound", {S("45s")}), "45s");
  EXPECT_EQ(run("durationRound", {S("-45s")}), "45s");
  EXPECT_EQ(run("durationRound", {I(3600000000000)}), "0s");
  EXPECT_EQ(run("durationRound", {I64(3600000000000)}), "60m");
  EXPECT_EQ(run("durationRound", {S("1s")}), "0s");
  EXPECT_EQ(format_duration(1500000000), "1.5s");
  EXPECT_EQ(format_duration(1500), "1.5\xc2\xb5s");
  EXPECT_EQ(format_duration(-2000000), "-2ms");
}

TEST_F(DatesTest, NowIsATime) {
  EXPECT_EQ(type_of("now", {}), "time.Time");
}

}  // namespace
}  // namespace gitops::render::helm::testing
