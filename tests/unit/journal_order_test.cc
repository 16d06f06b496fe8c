// core::week_start, core::weekly_region_stats and core::canonicalize on literals: the reference every store's
// export and aggregation must agree with (docs/storage.md, "Canonical order and aggregation").

#include "core/journal_order.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../store/journal_printers.h"

namespace smr::core {
namespace {

using ::testing::ElementsAre;

constexpr UnixMillis kMinuteMs = 60'000;
constexpr UnixMillis kDayMs = 86'400'000;
constexpr UnixMillis kWeekMs = 7 * kDayMs;
constexpr UnixMillis kMonday2024Ms = 1'704'067'200'000;  // Monday 2024-01-01 00:00 UTC
constexpr UnixMillis kMonday1969Ms = -259'200'000;       // Monday 1969-12-29 00:00 UTC

CheckIn at(UnixMillis at_ms, const std::string& region = "calves", Side side = Side::kLeft, int intensity = 3,
           Quality quality = Quality::kPressure) {
  CheckIn c;
  c.uid = "00000000000000000000000000000001";
  c.session_uid = "00000000000000000000000000000010";
  c.at_ms = at_ms;
  c.region = region;
  c.side = side;
  c.intensity = intensity;
  c.quality = quality;
  return c;
}

TEST(WeekStartTest, MondayMidnightIsItsOwnWeekStart) { EXPECT_EQ(week_start(kMonday2024Ms, 0), kMonday2024Ms); }

TEST(WeekStartTest, SundayLastMinuteBelongsToThePreviousWeek) {
  EXPECT_EQ(week_start(kMonday2024Ms - 1, 0), kMonday2024Ms - kWeekMs);
}

TEST(WeekStartTest, WholeWeekMapsToItsMonday) {
  for (UnixMillis t = kMonday2024Ms; t < kMonday2024Ms + kWeekMs; t += 6 * 3'600'000) {
    EXPECT_EQ(week_start(t, 0), kMonday2024Ms) << t;
  }
}

TEST(WeekStartTest, PositiveOffsetMovesTheBoundaryEarlierInUtc) {
  // UTC+1: local Monday 00:00 is Sunday 23:00 UTC.
  const UnixMillis local_monday = kMonday2024Ms - 60 * kMinuteMs;
  EXPECT_EQ(week_start(local_monday - 30 * kMinuteMs, 60), local_monday - kWeekMs);  // Sunday 23:30 local
  EXPECT_EQ(week_start(local_monday + 30 * kMinuteMs, 60), local_monday);            // Monday 00:30 local
}

TEST(WeekStartTest, NegativeOffsetMovesTheBoundaryLaterInUtc) {
  // UTC-5: local Monday 00:00 is 05:00 UTC.
  const UnixMillis local_monday = kMonday2024Ms + 300 * kMinuteMs;
  EXPECT_EQ(week_start(local_monday - 30 * kMinuteMs, -300), local_monday - kWeekMs);
  EXPECT_EQ(week_start(local_monday + 30 * kMinuteMs, -300), local_monday);
}

TEST(WeekStartTest, TimesBefore1970RoundDownToMonday) {
  EXPECT_EQ(week_start(kMonday1969Ms, 0), kMonday1969Ms);
  EXPECT_EQ(week_start(-1, 0), kMonday1969Ms);                           // Wednesday 1969-12-31 23:59:59.999
  EXPECT_EQ(week_start(kMonday1969Ms - 1, 0), kMonday1969Ms - kWeekMs);  // Sunday 1969-12-28
  EXPECT_EQ(week_start(0, 0), kMonday1969Ms);                            // Thursday 1970-01-01
  EXPECT_EQ(week_start(0, 60), kMonday1969Ms - 60 * kMinuteMs);
}

TEST(WeeklyRegionStatsTest, NoCheckInsGiveNoStats) { EXPECT_THAT(weekly_region_stats({}, 0), ::testing::IsEmpty()); }

TEST(WeeklyRegionStatsTest, GroupsByWeekRegionAndSideInSpellingOrder) {
  const auto stats = weekly_region_stats(
      {at(kMonday2024Ms + 5, "quads", Side::kLeft, 3), at(kMonday2024Ms + 4, "calves", Side::kRight, 4),
       at(kMonday2024Ms + 3, "calves", Side::kLeft, 5), at(kMonday2024Ms + 2, "calves", Side::kCentre, 2),
       at(kMonday2024Ms - 1, "quads", Side::kRight, 1)},
      0);
  EXPECT_THAT(stats, ElementsAre(WeeklyRegionStat{kMonday2024Ms - kWeekMs, "quads", Side::kRight, 1, 1, 1, 0},
                                 WeeklyRegionStat{kMonday2024Ms, "calves", Side::kCentre, 1, 2, 2, 0},
                                 WeeklyRegionStat{kMonday2024Ms, "calves", Side::kLeft, 1, 5, 5, 0},
                                 WeeklyRegionStat{kMonday2024Ms, "calves", Side::kRight, 1, 4, 4, 0},
                                 WeeklyRegionStat{kMonday2024Ms, "quads", Side::kLeft, 1, 3, 3, 0}));
}

TEST(WeeklyRegionStatsTest, MeanIsRoundedToThreeDecimals) {
  const auto stats =
      weekly_region_stats({at(kMonday2024Ms, "calves", Side::kLeft, 4), at(kMonday2024Ms, "calves", Side::kLeft, 5),
                           at(kMonday2024Ms, "calves", Side::kLeft, 5), at(kMonday2024Ms, "quads", Side::kLeft, 1),
                           at(kMonday2024Ms, "quads", Side::kLeft, 0), at(kMonday2024Ms, "quads", Side::kLeft, 0)},
                          0);
  ASSERT_EQ(stats.size(), 2u);
  EXPECT_EQ(stats[0].mean_intensity, 4.667);
  EXPECT_EQ(stats[0].max_intensity, 5);
  EXPECT_EQ(stats[1].mean_intensity, 0.333);
  EXPECT_EQ(stats[1].max_intensity, 1);
}

TEST(WeeklyRegionStatsTest, MeanHalfwayRoundsAwayFromZero) {
  // 0.0625 * 8 check-ins: one 1 in 16 gives 0.0625 -> 0.063 (half away from zero, not to even).
  std::vector<CheckIn> check_ins(15, at(kMonday2024Ms, "calves", Side::kLeft, 0));
  check_ins.push_back(at(kMonday2024Ms, "calves", Side::kLeft, 1));
  const auto stats = weekly_region_stats(check_ins, 0);
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].mean_intensity, 0.063);
}

TEST(WeeklyRegionStatsTest, OnlyPainQualitiesCountAsPain) {
  std::vector<CheckIn> check_ins;
  for (const auto& [quality, name] : EnumNames<Quality>::kNames) {
    check_ins.push_back(at(kMonday2024Ms, "calves", Side::kLeft, 1, quality));
  }
  const auto stats = weekly_region_stats(check_ins, 0);
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].check_ins, 10);
  EXPECT_EQ(stats[0].pain_count, 7);
}

TEST(WeeklyRegionStatsTest, WeeksFollowTheOffset) {
  const UnixMillis local_monday = kMonday2024Ms - 60 * kMinuteMs;
  const std::vector<CheckIn> check_ins{at(local_monday - 30 * kMinuteMs), at(local_monday + 30 * kMinuteMs)};
  EXPECT_THAT(weekly_region_stats(check_ins, 60),
              ElementsAre(WeeklyRegionStat{local_monday - kWeekMs, "calves", Side::kLeft, 1, 3, 3, 0},
                          WeeklyRegionStat{local_monday, "calves", Side::kLeft, 1, 3, 3, 0}));
  EXPECT_THAT(weekly_region_stats(check_ins, 0),
              ElementsAre(WeeklyRegionStat{kMonday2024Ms - kWeekMs, "calves", Side::kLeft, 2, 3, 3, 0}));
}

TEST(CanonicalizeTest, SortsEveryListOfAJournal) {
  const std::string a = "0000000000000000000000000000000a", b = "0000000000000000000000000000000b",
                    c = "0000000000000000000000000000000c";
  Journal j;
  j.people = {{3, "Cy", 0}, {1, "me", 0}, {2, "Bo", 0}};
  j.profiles = {{2, {}}, {1, {}}};
  j.routines = {{c, 1, "R", 10, "{}"}, {b, 1, "R", 20, "{}"}, {a, 1, "R", 10, "{}"}};
  j.custom_exercises = {{b, 1, 5, "x"}, {a, 1, 5, "x"}};
  SessionRecord late, early_c, early_b;
  late.info.uid = a;
  late.info.started_ms = 200;
  early_c.info.uid = c;
  early_c.info.started_ms = 100;
  early_b.info.uid = b;
  early_b.info.started_ms = 100;
  j.sessions = {late, early_c, early_b};
  auto test_at = [](const std::string& uid, UnixMillis at_ms) {
    SelfTest t;
    t.uid = uid;
    t.at_ms = at_ms;
    return t;
  };
  j.self_tests = {test_at(b, 7), test_at(c, 3), test_at(a, 7)};
  j.settings = {{2, "a", ""}, {1, "z", ""}, {1, "b", ""}};
  canonicalize(j);

  auto ids = [](const auto& list, auto field) {
    std::vector<std::decay_t<decltype(list.front().*field)>> out;
    for (const auto& x : list) out.push_back(x.*field);
    return out;
  };
  EXPECT_THAT(ids(j.people, &Person::id), ElementsAre(1, 2, 3));
  EXPECT_THAT(ids(j.profiles, &PersonProfile::person_id), ElementsAre(1, 2));
  EXPECT_THAT(ids(j.routines, &SavedRoutine::uid), ElementsAre(a, c, b));
  EXPECT_THAT(ids(j.custom_exercises, &CustomExercise::uid), ElementsAre(a, b));
  std::vector<std::string> sessions;
  for (const auto& s : j.sessions) sessions.push_back(s.info.uid);
  EXPECT_THAT(sessions, ElementsAre(b, c, a));
  EXPECT_THAT(ids(j.self_tests, &SelfTest::uid), ElementsAre(c, a, b));
  EXPECT_THAT(ids(j.settings, &Setting::key), ElementsAre("b", "z", "a"));
}

TEST(CanonicalizeTest, SortsEventsBySeqAndTheRestByTimeThenUid) {
  const std::string s = "00000000000000000000000000000010";
  const std::string a = "0000000000000000000000000000000a", b = "0000000000000000000000000000000b";
  SessionRecord r;
  r.events = {{s, 2, 100, "x", -1, "{}"}, {s, 0, 300, "x", -1, "{}"}, {s, 1, 200, "x", -1, "{}"}};
  r.check_ins = {at(50), at(20), at(20)};
  r.check_ins[0].uid = a;
  r.check_ins[1].uid = b;
  r.check_ins[2].uid = a;
  r.adaptations = {{b, s, 5, -1, "k", "", "{}"}, {a, s, 5, -1, "k", "", "{}"}};
  r.notes = {{a, s, 9, ""}, {b, s, 1, ""}};
  canonicalize(r);
  std::vector<std::int64_t> seqs;
  for (const auto& e : r.events) seqs.push_back(e.seq);
  EXPECT_THAT(seqs, ElementsAre(0, 1, 2));
  std::vector<std::pair<UnixMillis, std::string>> check_ins;
  for (const auto& c : r.check_ins) check_ins.emplace_back(c.at_ms, c.uid);
  EXPECT_THAT(check_ins,
              ElementsAre(std::pair<UnixMillis, std::string>{20, a}, std::pair<UnixMillis, std::string>{20, b},
                          std::pair<UnixMillis, std::string>{50, a}));
  EXPECT_EQ(r.adaptations[0].uid, a);
  EXPECT_EQ(r.notes[0].uid, b);
}

}  // namespace
}  // namespace smr::core
