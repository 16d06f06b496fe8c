#include "core/progress_adherence.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "progress_fixture.h"

namespace smr::core {
namespace {

using testing::berlin_2026;
using testing::check_in;
using testing::digests;
using testing::events;
using testing::played;
using testing::session;
using testing::utc;

// Sessions at 07:00 Berlin summer time (05:00 UTC) on the given April 2026 days.
std::vector<SessionInfo> april_mornings(const std::vector<int>& days) {
  std::vector<SessionInfo> out;
  for (int d : days) out.push_back(session("s" + std::to_string(d), utc(2026, 4, d, 5)));
  return out;
}

TEST(ProgressAdherenceTest, EmptyHistory) {
  const Adherence a = adherence({}, utc(2026, 4, 22), berlin_2026());
  EXPECT_EQ(a.target, 5);
  EXPECT_TRUE(a.weeks.empty());
  EXPECT_EQ(a.streaks, Streaks{});
  EXPECT_EQ(a.mean_sessions_per_week, 0);
}

TEST(ProgressAdherenceTest, OneSession) {
  const Adherence a = adherence(digests(april_mornings({22})), utc(2026, 4, 22, 12), berlin_2026());
  ASSERT_EQ(a.weeks.size(), 1u);
  EXPECT_EQ(a.weeks[0].sessions, 1);
  EXPECT_TRUE(a.weeks[0].in_progress);
  EXPECT_FALSE(a.weeks[0].met_target);
  EXPECT_EQ(a.streaks.current_days, 1);
  EXPECT_EQ(a.streaks.longest_days, 1);
  EXPECT_EQ(a.streaks.current_weeks, 0);
  EXPECT_EQ(a.mean_sessions_per_week, 0);  // no complete week yet
  EXPECT_EQ(a.sessions_by_hour[7], 1);
}

TEST(ProgressAdherenceTest, SessionsPerWeekAgainstTheTarget) {
  // Mon-Fri of the week of 6 April, Mon-Thu of the next, nothing in the week of 20 April (in progress).
  const Adherence a =
      adherence(digests(april_mornings({6, 7, 8, 9, 10, 13, 14, 15, 16})), utc(2026, 4, 22, 12), berlin_2026());
  ASSERT_EQ(a.weeks.size(), 3u);
  EXPECT_EQ(a.weeks[0].week_start_ms, utc(2026, 4, 5, 22));  // Monday 6 April 00:00 CEST
  EXPECT_EQ(a.weeks[0].sessions, 5);
  EXPECT_TRUE(a.weeks[0].met_target);
  EXPECT_EQ(a.weeks[1].sessions, 4);
  EXPECT_FALSE(a.weeks[1].met_target);
  EXPECT_EQ(a.weeks[2].sessions, 0);
  EXPECT_TRUE(a.weeks[2].in_progress);
  EXPECT_DOUBLE_EQ(a.mean_sessions_per_week, 4.5);
  EXPECT_EQ(a.streaks.longest_days, 5);
  EXPECT_EQ(a.streaks.current_days, 0);
  EXPECT_EQ(a.streaks.longest_weeks, 1);
  EXPECT_EQ(a.streaks.current_weeks, 0);
}

TEST(ProgressAdherenceTest, TargetIsTheCallers) {
  const Adherence a =
      adherence(digests(april_mornings({13, 15, 17})), utc(2026, 4, 22), berlin_2026(), AdherenceOptions{3, 90'000});
  EXPECT_EQ(a.target, 3);
  EXPECT_TRUE(a.weeks[0].met_target);
  EXPECT_EQ(a.streaks.current_weeks, 1);
}

TEST(ProgressAdherenceTest, WeekBoundaryIsLocalMidnightOnMonday) {
  // 23:30 UTC on Sunday 4 January is 00:30 on Monday 5 January at UTC+1: the second week.
  const std::vector<SessionInfo> s{session("a", utc(2026, 1, 4, 22, 30)), session("b", utc(2026, 1, 4, 23, 30))};
  const Adherence plus_one = adherence(digests(s), utc(2026, 1, 6), TimeZone::fixed(60));
  ASSERT_EQ(plus_one.weeks.size(), 2u);
  EXPECT_EQ(plus_one.weeks[0].sessions, 1);
  EXPECT_EQ(plus_one.weeks[1].sessions, 1);
  EXPECT_EQ(plus_one.weeks[1].week_start_ms, utc(2026, 1, 4, 23));
  const Adherence in_utc = adherence(digests(s), utc(2026, 1, 6), TimeZone::fixed(0));
  EXPECT_EQ(in_utc.weeks[0].sessions, 2);
}

TEST(ProgressAdherenceTest, WeekBoundaryAcrossTheSpringDstChange) {
  // Sunday 29 March 23:30 CEST (21:30 UTC) and Monday 30 March 00:30 CEST (22:30 UTC). A fixed UTC+1 would put
  // both on the Sunday.
  const std::vector<SessionInfo> s{session("a", utc(2026, 3, 29, 21, 30)), session("b", utc(2026, 3, 29, 22, 30))};
  const Adherence a = adherence(digests(s), utc(2026, 3, 31), berlin_2026());
  ASSERT_EQ(a.weeks.size(), 2u);
  EXPECT_EQ(a.weeks[0].week_start_ms, utc(2026, 3, 22, 23));
  EXPECT_EQ(a.weeks[1].week_start_ms, utc(2026, 3, 29, 22));
  EXPECT_EQ(a.weeks[0].sessions, 1);
  EXPECT_EQ(a.weeks[1].sessions, 1);
  EXPECT_EQ(a.streaks.current_days, 2);  // Sunday and Monday, local
  EXPECT_EQ(a.sessions_by_hour[23], 1);
  EXPECT_EQ(a.sessions_by_hour[0], 1);
}

TEST(ProgressAdherenceTest, WeekBoundaryAcrossTheAutumnDstChange) {
  // Sunday 25 October 23:30 CET (22:30 UTC) and Monday 26 October 00:30 CET (23:30 UTC). Summer time's UTC+2
  // would put the first on the Monday.
  const std::vector<SessionInfo> s{session("a", utc(2026, 10, 25, 22, 30)), session("b", utc(2026, 10, 25, 23, 30))};
  const Adherence a = adherence(digests(s), utc(2026, 10, 27), berlin_2026());
  ASSERT_EQ(a.weeks.size(), 2u);
  EXPECT_EQ(a.weeks[0].week_start_ms, utc(2026, 10, 18, 22));  // Monday 19 October 00:00 CEST
  EXPECT_EQ(a.weeks[1].week_start_ms, utc(2026, 10, 25, 23));  // Monday 26 October 00:00 CET
  EXPECT_EQ(a.weeks[0].sessions, 1);
  EXPECT_EQ(a.weeks[1].sessions, 1);
  const Adherence summer = adherence(digests(s), utc(2026, 10, 27), TimeZone::fixed(120));
  ASSERT_EQ(summer.weeks.size(), 1u);
  EXPECT_EQ(summer.weeks[0].sessions, 2);
}

TEST(ProgressAdherenceTest, TimeOfDayIsLocalInWinterAndSummer) {
  // 07:00 in Berlin: 06:00 UTC in February, 05:00 UTC in June.
  const Adherence a = adherence(digests({session("w", utc(2026, 2, 10, 6)), session("s", utc(2026, 6, 10, 5))}),
                                utc(2026, 6, 11), berlin_2026());
  EXPECT_EQ(a.sessions_by_hour[7], 2);
}

TEST(ProgressAdherenceTest, DayStreakCrossesWeeksAndSurvivesUntilTomorrowEnds) {
  const auto s = april_mornings({10, 11, 12, 13});  // Fri, Sat, Sun, Mon
  EXPECT_EQ(adherence(digests(s), utc(2026, 4, 13, 20), berlin_2026()).streaks.current_days, 4);
  EXPECT_EQ(adherence(digests(s), utc(2026, 4, 14, 20), berlin_2026()).streaks.current_days, 4);  // none yet today
  EXPECT_EQ(adherence(digests(s), utc(2026, 4, 15, 20), berlin_2026()).streaks.current_days, 0);
  EXPECT_EQ(adherence(digests(s), utc(2026, 4, 15, 20), berlin_2026()).streaks.longest_days, 4);
}

TEST(ProgressAdherenceTest, WeekStreakCountsTheCurrentWeekOnlyOnceItMeetsTheTarget) {
  auto s = april_mornings({6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 27, 28});
  const Adherence before = adherence(digests(s), utc(2026, 4, 28, 12), berlin_2026());
  EXPECT_EQ(before.streaks.current_weeks, 3);
  EXPECT_EQ(before.streaks.longest_weeks, 3);
  for (int d : {29, 30}) s.push_back(session("x" + std::to_string(d), utc(2026, 4, d, 5)));
  s.push_back(session("may1", utc(2026, 5, 1, 5)));
  const Adherence met = adherence(digests(s), utc(2026, 5, 1, 12), berlin_2026());
  EXPECT_EQ(met.streaks.current_weeks, 4);
  EXPECT_EQ(met.streaks.longest_weeks, 4);
}

TEST(ProgressAdherenceTest, SessionsAfterNowAreIgnored) {
  const Adherence a = adherence(digests(april_mornings({6, 30})), utc(2026, 4, 7), berlin_2026());
  ASSERT_EQ(a.weeks.size(), 1u);
  EXPECT_EQ(a.weeks[0].sessions, 1);
}

TEST(ProgressAdherenceTest, RegionTimeAgainstTheNinetySecondDose) {
  const auto s = april_mornings({6, 7, 13});
  const UnixMillis s6 = utc(2026, 4, 6, 5);
  const UnixMillis s7 = utc(2026, 4, 7, 5);
  const UnixMillis s13 = utc(2026, 4, 13, 5);
  const auto played_events =
      events({played("s6", 0, "calves", Side::kLeft, s6, 90'000), played("s7", 0, "calves", Side::kLeft, s7, 89'999),
              played("s7", 1, "calves", Side::kRight, s7 + 100'000, 120'000),
              played("s13", 0, "calves", Side::kLeft, s13, 30'000)});
  const Adherence a = adherence(digests(s, {}, played_events), utc(2026, 4, 14), berlin_2026());
  ASSERT_EQ(a.weeks.size(), 2u);
  ASSERT_EQ(a.weeks[0].regions.size(), 2u);
  EXPECT_EQ(a.weeks[0].regions[0], (RegionWeek{"calves", Side::kLeft, 179'999, 2, 1}));
  EXPECT_EQ(a.weeks[0].regions[1], (RegionWeek{"calves", Side::kRight, 120'000, 1, 1}));
  ASSERT_EQ(a.weeks[1].regions.size(), 1u);
  EXPECT_EQ(a.weeks[1].regions[0], (RegionWeek{"calves", Side::kLeft, 30'000, 1, 0}));
}

TEST(ProgressAdherenceTest, ARegionCheckedInButNeverPlayedHasNoTime) {
  const UnixMillis start = utc(2026, 4, 13, 5);
  const auto d = digests({session("s13", start)}, {check_in("s13", start + 200'000, "hamstrings", Side::kRight, 4)},
                         played("s13", 0, "glutes", Side::kCentre, start, 95'000));
  const Adherence a = adherence(d, utc(2026, 4, 14), berlin_2026());
  ASSERT_EQ(a.weeks.size(), 1u);
  ASSERT_EQ(a.weeks[0].regions.size(), 1u);
  EXPECT_EQ(a.weeks[0].regions[0], (RegionWeek{"glutes", Side::kCentre, 95'000, 1, 1}));
}

TEST(ProgressAdherenceTest, TwoSessionsOnOneDayCountTwiceButMakeOneStreakDay) {
  const Adherence a = adherence(digests({session("am", utc(2026, 4, 13, 5)), session("pm", utc(2026, 4, 13, 17))}),
                                utc(2026, 4, 13, 20), berlin_2026());
  ASSERT_EQ(a.weeks.size(), 1u);
  EXPECT_EQ(a.weeks[0].sessions, 2);
  EXPECT_EQ(a.streaks.current_days, 1);
  EXPECT_EQ(a.sessions_by_hour[7], 1);
  EXPECT_EQ(a.sessions_by_hour[19], 1);
}

TEST(ProgressAdherenceTest, ASessionAcrossLocalMidnightCountsOnTheDayItStarted) {
  // Sunday 12 April 23:50 CEST (21:50 UTC) to Monday 00:20, its time played after midnight.
  const UnixMillis start = utc(2026, 4, 12, 21, 50);
  auto late = session("late", start);
  late.ended_ms = start + 30 * 60'000;
  const auto d = digests({late}, {}, played("late", 0, "calves", Side::kLeft, start + 15 * 60'000, 120'000));
  const Adherence a = adherence(d, utc(2026, 4, 13, 12), berlin_2026());
  ASSERT_EQ(a.weeks.size(), 2u);
  EXPECT_EQ(a.weeks[0].sessions, 1);
  EXPECT_EQ(a.weeks[0].regions.size(), 1u);  // the time counts in the week the session started
  EXPECT_EQ(a.weeks[1].sessions, 0);
  EXPECT_EQ(a.sessions_by_hour[23], 1);
  EXPECT_EQ(a.streaks.current_days, 1);  // yesterday's session, none yet today
}

TEST(ProgressAdherenceTest, InputOrderDoesNotMatter) {
  auto d = digests(april_mornings({6, 7, 8, 13}));
  const Adherence oldest_first = adherence(d, utc(2026, 4, 14), berlin_2026());
  std::reverse(d.begin(), d.end());
  EXPECT_EQ(adherence(d, utc(2026, 4, 14), berlin_2026()), oldest_first);
}

}  // namespace
}  // namespace smr::core
