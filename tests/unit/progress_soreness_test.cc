#include "core/progress_soreness.h"

#include <gtest/gtest.h>

#include <vector>

#include "progress_fixture.h"

namespace smr::core {
namespace {

using testing::berlin_2026;
using testing::utc;

SorenessRating rating(UnixMillis at, std::string region, int value, std::string session_uid, SorenessPhase phase,
                      Side side = Side::kLeft) {
  return SorenessRating{at, std::move(region), side, value, std::move(session_uid), phase};
}

TEST(ProgressSorenessTest, EmptyHistory) {
  const Soreness s = soreness({}, {}, berlin_2026());
  EXPECT_TRUE(s.sessions.empty());
  EXPECT_TRUE(s.workouts.empty());
  EXPECT_FALSE(s.mean_change);
}

TEST(ProgressSorenessTest, BeforeAndAfterASession) {
  const UnixMillis t = utc(2026, 5, 4, 17);
  const Soreness s = soreness({rating(t, "quadriceps", 6, "r1", SorenessPhase::kBefore),
                               rating(t + 900'000, "quadriceps", 4, "r1", SorenessPhase::kAfter),
                               rating(t, "calves", 3, "r1", SorenessPhase::kBefore),
                               rating(t + 900'000, "calves", 2, "r1", SorenessPhase::kAfter),
                               rating(t, "hamstrings", 5, "r1", SorenessPhase::kBefore)},  // no "after": no pair
                              {}, berlin_2026());
  ASSERT_EQ(s.sessions.size(), 2u);
  EXPECT_EQ(s.sessions[0], (SessionSoreness{"r1", "calves", Side::kLeft, 3, 2, -1, false}));
  EXPECT_EQ(s.sessions[1], (SessionSoreness{"r1", "quadriceps", Side::kLeft, 6, 4, -2, true}));
  EXPECT_DOUBLE_EQ(*s.mean_change, -1.5);
}

TEST(ProgressSorenessTest, DaysZeroToTwoAfterAWorkoutAreLocalDays) {
  // Leg day on Monday 4 May 2026 at 18:00 CEST (16:00 UTC). Ratings: Monday 22:00, Tuesday 00:30 (day 1,
  // although less than 24 h later), Wednesday 08:00 (day 2), Thursday (day 3: outside).
  const TimeZone tz = berlin_2026();
  const std::vector<Workout> workouts{{"legs", utc(2026, 5, 4, 16)}};
  const Soreness s = soreness({rating(utc(2026, 5, 4, 20), "quadriceps", 2, "", SorenessPhase::kCheck),
                               rating(utc(2026, 5, 4, 22, 30), "quadriceps", 5, "", SorenessPhase::kCheck),
                               rating(utc(2026, 5, 6, 6), "quadriceps", 4, "", SorenessPhase::kCheck),
                               rating(utc(2026, 5, 7, 6), "quadriceps", 1, "", SorenessPhase::kCheck),
                               rating(utc(2026, 5, 4, 15), "quadriceps", 9, "", SorenessPhase::kCheck)},  // before it
                              workouts, tz);
  ASSERT_EQ(s.workouts.size(), 1u);
  const WorkoutSoreness& w = s.workouts[0];
  EXPECT_EQ(w.workout_uid, "legs");
  EXPECT_EQ(w.by_day[0], 2);
  EXPECT_EQ(w.by_day[1], 5);
  EXPECT_EQ(w.by_day[2], 4);
  EXPECT_EQ(w.peak_day, 1);
}

TEST(ProgressSorenessTest, ARatingBelongsToTheLatestWorkout) {
  const std::vector<Workout> workouts{{"w1", utc(2026, 5, 4, 16)}, {"w2", utc(2026, 5, 5, 16)}};
  const Soreness s =
      soreness({rating(utc(2026, 5, 5, 18), "calves", 3, "", SorenessPhase::kCheck)}, workouts, TimeZone::fixed(0));
  ASSERT_EQ(s.workouts.size(), 1u);
  EXPECT_EQ(s.workouts[0].workout_uid, "w2");
  EXPECT_EQ(s.workouts[0].by_day[0], 3);
  EXPECT_FALSE(s.workouts[0].by_day[1]);
}

TEST(ProgressSorenessTest, StoredAsSelfTestRows) {
  const SorenessRating r = rating(utc(2026, 5, 4, 17), "quadriceps", 6, "r1", SorenessPhase::kBefore);
  const SelfTest row = to_self_test(r);
  EXPECT_EQ(row.test, "soreness/quadriceps");
  EXPECT_EQ(row.unit, "nrs");
  EXPECT_EQ(row.phase, "before");
  EXPECT_EQ(row.value, 6);
  SelfTest workout;
  workout.uid = "w";
  workout.test = "workout";
  workout.at_ms = 5;
  SelfTest knee;
  knee.test = "knee-to-wall";
  knee.phase = "check";
  const std::vector<SelfTest> rows{row, workout, knee};
  EXPECT_EQ(soreness_ratings_from(rows), std::vector<SorenessRating>{r});
  EXPECT_EQ(workouts_from(rows), (std::vector<Workout>{{"w", 5}}));
}

}  // namespace
}  // namespace smr::core
