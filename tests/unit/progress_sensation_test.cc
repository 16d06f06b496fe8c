#include "core/progress_sensation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "progress_fixture.h"

namespace smr::core {
namespace {

using testing::berlin_2026;
using testing::check_in;
using testing::check_in_digests;
using testing::digests;
using testing::played;
using testing::session;
using testing::utc;

const TimeZone kUtc = TimeZone::fixed(0);

// One check-in at the left calves on each of six Mondays from 30 March 2026, 08:00 UTC.
std::vector<CheckIn> weekly_calves(const std::vector<int>& intensities) {
  std::vector<CheckIn> out;
  for (std::size_t i = 0; i < intensities.size(); ++i) {
    const UnixMillis at = utc(2026, 3, 30, 8) + static_cast<UnixMillis>(i) * kWeekMs;
    out.push_back(check_in("s" + std::to_string(i), at, "calves", Side::kLeft, intensities[i]));
  }
  return out;
}

const UnixMillis kNow = utc(2026, 5, 5, 12);  // Tuesday of the sixth week

TEST(ProgressSensationTest, EmptyHistoryGivesNothing) { EXPECT_TRUE(sensation_by_region({}, kNow, kUtc).empty()); }

TEST(ProgressSensationTest, OneCheckInHasNoTrendAndNoComparison) {
  const auto r =
      sensation_by_region(check_in_digests({check_in("s1", kNow - 3'600'000, "calves", Side::kLeft, 6)}), kNow, kUtc);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].trend.trend, Trend::kNotEnoughData);
  EXPECT_FALSE(r[0].trend.slope_per_week);
  EXPECT_EQ(r[0].first_weeks_mean, 6.0);
  EXPECT_EQ(r[0].recent_mean, 6.0);
  EXPECT_FALSE(r[0].first_to_recent_change);  // the first and the recent weeks are the same weeks
  EXPECT_EQ(r[0].latest_intensity, 6);
  ASSERT_EQ(r[0].weeks.size(), 1u);
  EXPECT_EQ(r[0].weeks[0].week_start_ms, utc(2026, 5, 4));
}

TEST(ProgressSensationTest, EasingOverSixWeeks) {
  const auto r = sensation_by_region(check_in_digests(weekly_calves({8, 7, 6, 6, 5, 4})), kNow, kUtc);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].region, "calves");
  EXPECT_EQ(r[0].side, Side::kLeft);
  EXPECT_EQ(r[0].trend.trend, Trend::kEasing);
  EXPECT_DOUBLE_EQ(*r[0].trend.slope_per_week, -0.75);
  EXPECT_DOUBLE_EQ(r[0].trend.change, -3.75);
  EXPECT_DOUBLE_EQ(*r[0].first_weeks_mean, 7.5);
  EXPECT_DOUBLE_EQ(*r[0].recent_mean, 4.5);
  EXPECT_DOUBLE_EQ(*r[0].first_to_recent_change, -3.0);
  EXPECT_EQ(r[0].weeks.size(), 6u);
  EXPECT_EQ(r[0].latest_intensity, 4);
}

TEST(ProgressSensationTest, WobbleWithinNoiseIsSteady) {
  const auto r = sensation_by_region(check_in_digests(weekly_calves({5, 6, 5, 5, 6, 5})), kNow, kUtc);
  EXPECT_EQ(r[0].trend.trend, Trend::kSteady);
}

TEST(ProgressSensationTest, OneBadDayDoesNotMakeATrend) {
  const auto r = sensation_by_region(check_in_digests(weekly_calves({5, 5, 5, 10, 5, 5})), kNow, kUtc);
  EXPECT_EQ(r[0].trend.trend, Trend::kSteady);
}

TEST(ProgressSensationTest, TrendLooksAtTheLastSixWeeksOnly) {
  // Two high ratings ten weeks back, then steady fives: steady, although the first weeks were higher.
  auto history = weekly_calves({5, 5, 5, 5, 5, 5});
  history.push_back(check_in("old1", utc(2026, 2, 23, 8), "calves", Side::kLeft, 9));
  history.push_back(check_in("old2", utc(2026, 3, 2, 8), "calves", Side::kLeft, 9));
  const auto r = sensation_by_region(check_in_digests(history), kNow, kUtc);
  EXPECT_EQ(r[0].trend.trend, Trend::kSteady);
  EXPECT_EQ(r[0].trend.points, 6);
  EXPECT_DOUBLE_EQ(*r[0].first_weeks_mean, 9.0);
  EXPECT_DOUBLE_EQ(*r[0].first_to_recent_change, -4.0);
  EXPECT_EQ(r[0].points.front().session_uid, "old1");  // points are in time order
}

// Past 64 region names the index finds names through its hash map alone; sessions listing their regions in
// changing orders reach both ways of finding a name.
TEST(ProgressSensationTest, ManyRegionsInChangingOrdersEachKeepTheirOwnCheckIns) {
  constexpr int kRegions = 70;
  std::vector<CheckIn> check_ins;
  for (int day = 0; day < 3; ++day) {
    for (int k = 0; k < kRegions; ++k) {
      const int r = day == 1 ? kRegions - 1 - k : (k * 3 + day) % kRegions;  // strided, backwards, strided
      check_ins.push_back(check_in("s" + std::to_string(day), kNow - (3 - day) * kDayMs + k * 1000,
                                   "region-" + std::to_string(r), Side::kCentre, (r + day) % 11));
    }
  }
  const auto result = sensation_by_region(check_in_digests(check_ins), kNow, kUtc);
  ASSERT_EQ(result.size(), static_cast<std::size_t>(kRegions));
  for (const auto& region : result) {
    const int r = std::stoi(region.region.substr(std::string("region-").size()));
    ASSERT_EQ(region.points.size(), 3u) << region.region;
    for (int day = 0; day < 3; ++day)
      EXPECT_EQ(region.points[static_cast<std::size_t>(day)].intensity, (r + day) % 11) << region.region;
    EXPECT_EQ(region.latest_intensity, (r + 2) % 11) << region.region;
  }
}

TEST(ProgressSensationTest, GroupsByRegionAndSideAndIgnoresTheFuture) {
  const auto r =
      sensation_by_region(check_in_digests({check_in("s1", kNow - 1000, "calves", Side::kRight, 4),
                                            check_in("s1", kNow - 2000, "calves", Side::kLeft, 5),
                                            check_in("s1", kNow - 3000, "adductors", Side::kLeft, 3, Quality::kSharp),
                                            check_in("s2", kNow + 1000, "quadriceps", Side::kLeft, 5)}),
                          kNow, kUtc);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].region, "adductors");
  EXPECT_TRUE(r[0].points[0].pain);
  EXPECT_EQ(r[0].weeks[0].pain_count, 1);
  EXPECT_EQ(r[1].side, Side::kLeft);
  EXPECT_EQ(r[2].side, Side::kRight);
}

TEST(ProgressSensationTest, WeeksFollowLocalTimeAcrossDst) {
  // Sunday 29 March 23:30 CEST and Monday 30 March 00:30 CEST: different local weeks.
  const auto r =
      sensation_by_region(check_in_digests({check_in("s1", utc(2026, 3, 29, 21, 30), "calves", Side::kLeft, 6),
                                            check_in("s2", utc(2026, 3, 29, 22, 30), "calves", Side::kLeft, 4)}),
                          utc(2026, 3, 31), berlin_2026());
  ASSERT_EQ(r[0].weeks.size(), 2u);
  EXPECT_EQ(r[0].weeks[0].week_start_ms, utc(2026, 3, 22, 23));  // Monday 23 March 00:00 CET
  EXPECT_EQ(r[0].weeks[1].week_start_ms, utc(2026, 3, 29, 22));  // Monday 30 March 00:00 CEST
  EXPECT_DOUBLE_EQ(r[0].weeks[1].mean_intensity, 4.0);
}

TEST(ProgressSensationTest, OnePointPerSessionAndDailyMeansOverCheckIns) {
  // Two sessions on Monday 4 May: 6 and 4 in the morning, 8 in the evening.
  const auto d = check_in_digests({check_in("am", utc(2026, 5, 4, 7), "calves", Side::kLeft, 6),
                                   check_in("am", utc(2026, 5, 4, 7, 5), "calves", Side::kLeft, 4, Quality::kSharp),
                                   check_in("pm", utc(2026, 5, 4, 18), "calves", Side::kLeft, 8)});
  const auto r = sensation_by_region(d, kNow, kUtc);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].points.size(), 2u);
  EXPECT_EQ(r[0].points[0], (IntensityPoint{utc(2026, 5, 4, 7), "am", 5.0, 6, 2, true}));
  EXPECT_EQ(r[0].points[1], (IntensityPoint{utc(2026, 5, 4, 18), "pm", 8.0, 8, 1, false}));
  // The week's and the day's means weigh every check-in (18 / 3), not every session ((5 + 8) / 2).
  ASSERT_EQ(r[0].weeks.size(), 1u);
  EXPECT_EQ(r[0].weeks[0], (WeeklyIntensity{utc(2026, 5, 4), 3, 6.0, 8, 1}));
  EXPECT_EQ(r[0].trend.points, 1);
  EXPECT_DOUBLE_EQ(*r[0].recent_mean, 6.0);
  EXPECT_EQ(r[0].latest_intensity, 8);
  EXPECT_EQ(r[0].latest_at_ms, utc(2026, 5, 4, 18));
}

TEST(ProgressSensationTest, ASessionAcrossLocalMidnightBelongsToTheDayItStarted) {
  // Started Sunday 3 May 23:50 UTC; the check-ins were made on Monday 4 May, in the next local week.
  const auto d = digests({session("late", utc(2026, 5, 3, 23, 50))},
                         {check_in("late", utc(2026, 5, 4, 0, 5), "calves", Side::kLeft, 5),
                          check_in("late", utc(2026, 5, 4, 0, 10), "calves", Side::kLeft, 3)});
  const auto r = sensation_by_region(d, kNow, kUtc);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].weeks.size(), 1u);
  EXPECT_EQ(r[0].weeks[0].week_start_ms, utc(2026, 4, 27));  // the Sunday's week
  EXPECT_EQ(r[0].points[0].at_ms, utc(2026, 5, 3, 23, 50));
  EXPECT_EQ(r[0].latest_intensity, 3);  // the last check-in of the session
  EXPECT_EQ(r[0].latest_at_ms, utc(2026, 5, 4, 0, 10));
}

TEST(ProgressSensationTest, ARegionPlayedButNeverCheckedInHasNoSensation) {
  const UnixMillis start = kNow - 3'600'000;
  const auto d = digests({session("s1", start)}, {check_in("s1", start + 200'000, "hamstrings", Side::kRight, 4)},
                         played("s1", 0, "calves", Side::kLeft, start, 120'000));
  const auto r = sensation_by_region(d, kNow, kUtc);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].region, "hamstrings");
}

TEST(ProgressSensationTest, SessionsStartedAfterNowAreIgnoredWhole) {
  // A session that started before now counts whole, even a check-in stamped after now (clocks differ).
  const auto d = digests(
      {session("s1", kNow - 60'000), session("s2", kNow + 60'000)},
      {check_in("s1", kNow + 1000, "calves", Side::kLeft, 7), check_in("s2", kNow + 70'000, "calves", Side::kLeft, 2)});
  const auto r = sensation_by_region(d, kNow, kUtc);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].points.size(), 1u);
  EXPECT_EQ(r[0].latest_intensity, 7);
}

TEST(ProgressSensationTest, PointsCoverTheLastHalfYearAndWeeksEverything) {
  const auto d = check_in_digests({check_in("old", kNow - 200 * kDayMs, "calves", Side::kLeft, 7),
                                   check_in("edge", kNow - 182 * kDayMs, "calves", Side::kLeft, 6),
                                   check_in("new", kNow - 10 * kDayMs, "calves", Side::kLeft, 3)});
  const auto r = sensation_by_region(d, kNow, kUtc);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].points.size(), 1u);  // the window is (now - 182 days, now]
  EXPECT_EQ(r[0].points[0].session_uid, "new");
  EXPECT_EQ(r[0].weeks.size(), 3u);
  EXPECT_DOUBLE_EQ(*r[0].first_weeks_mean, 7.0);
  SensationOptions all;
  all.point_days = 0;
  EXPECT_EQ(sensation_by_region(d, kNow, kUtc, all)[0].points.size(), 3u);
}

}  // namespace
}  // namespace smr::core
