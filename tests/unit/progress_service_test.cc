// The progress use case both faces call (issue 8): the question as typed (region, since, as-of) read by one set
// of rules, the weekly target, acknowledging an alert; each bad input names its field.

#include "service/progress_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plan_test_support.h"

namespace smr::service {
namespace {

using smr::test::builtin_catalog;

// 2025-11-30 00:00 UTC.
constexpr core::UnixMillis kDay = 1'764'460'800'000;

std::unique_ptr<store::Store> memory_store() {
  auto s = store::open_store("memory:");
  if (!s) throw std::runtime_error(s.error().message);
  return std::move(*s);
}

ZoneAround fixed(int offset_minutes) {
  return [offset_minutes](core::UnixMillis, core::UnixMillis) { return core::TimeZone::fixed(offset_minutes); };
}

ProgressRequest asking(std::string region, std::string since, std::string as_of) {
  return ProgressRequest{core::kLocalPersonId, std::move(region), std::move(since), std::move(as_of)};
}

TEST(ProgressUseCaseTest, AsOfIsALocalDayOrMinuteInTheZoneGiven) {
  for (const int offset : {-300, 0, 60, 330}) {
    const auto zone = fixed(offset);
    const core::UnixMillis local_midnight = kDay - offset * 60'000LL;
    const auto day = progress_query(builtin_catalog(), asking("", "", "2025-11-30"), 0, zone);
    ASSERT_TRUE(day) << day.error().message;
    EXPECT_EQ(day->now_ms, local_midnight + core::kDayMs - 1) << offset;  // the end of that local day
    for (const char* minute : {"2025-11-30 18:30", "2025-11-30T18:30"}) {
      const auto q = progress_query(builtin_catalog(), asking("", "", minute), 0, zone);
      ASSERT_TRUE(q) << minute;
      EXPECT_EQ(q->now_ms, local_midnight + (18 * 60 + 30) * 60'000LL) << minute << " at " << offset;
    }
    const auto since = progress_query(builtin_catalog(), asking("", "2025-11-30", ""), kDay + core::kWeekMs, zone);
    ASSERT_TRUE(since);
    EXPECT_EQ(since->since_ms, local_midnight);
    EXPECT_EQ(since->now_ms, kDay + core::kWeekMs);  // no as-of: the clock
    EXPECT_EQ(since->tz, core::TimeZone::fixed(offset));
  }
}

TEST(ProgressUseCaseTest, EachBadPartOfTheQuestionNamesItsField) {
  struct Case {
    ProgressRequest q;
    std::string field;
  };
  const std::vector<Case> cases{
      {asking("calfs", "", ""), "region"},
      {asking("", "2025-13-01", ""), "since"},
      {asking("", "last-week", ""), "since"},
      {asking("", "", "noon"), "as_of"},
      {asking("", "", "2025-11-30T25:00"), "as_of"},
      {asking("", "", "2025-11-30 18:60"), "as_of"},
      {asking("", "", "2025-11-30 18:30x"), "as_of"},
      {asking("", "", "2025-02-30"), "as_of"},
  };
  for (const auto& c : cases) {
    const auto r = progress_query(builtin_catalog(), c.q, kDay, fixed(0));
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().code, Error::Code::kInvalid);
    EXPECT_EQ(r.error().field, c.field) << r.error().message;
    ASSERT_EQ(r.error().problems.size(), 1u);
    EXPECT_THAT(r.error().message, ::testing::StartsWith(c.field + ": "));
  }
  EXPECT_THAT(progress_query(builtin_catalog(), asking("calfs", "", ""), kDay, fixed(0)).error().message,
              ::testing::HasSubstr("did you mean \"calves\"?"));
}

TEST(ProgressUseCaseTest, TheWeeklyTargetIsSavedOnlyFromOneToFourteen) {
  auto s = memory_store();
  for (int n = -1; n <= 16; ++n) {
    const auto before = sessions_per_week_target(*s, core::kLocalPersonId);
    const auto r = change_sessions_per_week_target(*s, core::kLocalPersonId, n);
    if (n >= kMinSessionsPerWeek && n <= kMaxSessionsPerWeek) {
      ASSERT_TRUE(r) << n;
      EXPECT_EQ(sessions_per_week_target(*s, core::kLocalPersonId), n);
    } else {
      ASSERT_FALSE(r) << n;
      EXPECT_EQ(r.error().code, Error::Code::kInvalid);
      EXPECT_EQ(r.error().field, "target");
      EXPECT_EQ(sessions_per_week_target(*s, core::kLocalPersonId), *before) << "changed by " << n;
    }
  }
}

TEST(ProgressUseCaseTest, AViewIsKeptToTheRegionAsked) {
  auto s = memory_store();
  const auto v = progress_view(*s, builtin_catalog(), asking("calves", "", "2025-11-30"), kDay, fixed(0));
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->region, "calves");
  for (const auto& r : v->progress.sensation) EXPECT_EQ(r.region, "calves");
  const auto bad = progress_view(*s, builtin_catalog(), asking("", "", "soon"), kDay, fixed(0));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "as_of");
}

TEST(ProgressUseCaseTest, AcknowledgingAnAlertNotInForceIsNotFoundNamingTheId) {
  auto s = memory_store();
  const auto r =
      acknowledge_alert(*s, builtin_catalog(), asking("", "", ""), "repeated-pain/calves/left/1", kDay, fixed(0));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Error::Code::kNotFound);
  EXPECT_EQ(r.error().field, "id");
  EXPECT_THAT(r.error().message, ::testing::HasSubstr("listed by smr progress"));
}

}  // namespace
}  // namespace smr::service
