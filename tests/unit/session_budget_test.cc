// Issue 16, item 1: the budget is the whole session. Every goal, planned for 3 to 90 minutes with the check-in
// window of each player (the terminal 10 s, the phone 20 s), is played by the session engine with no input on
// a simulated clock: it must end within 2 % of the minutes asked, and never after them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/planner.h"
#include "core/session_engine.h"
#include "plan_test_support.h"

namespace smr::core {
namespace {

using smr::test::builtin_catalog;
using smr::test::describe;

constexpr int kMinutes[] = {3, 5, 10, 20, 45, 90};

// A person who owns every tool the catalog lists, with no condition: nothing narrows the plan but the goal.
Profile everything_profile() {
  Profile p;
  for (const auto& t : builtin_catalog().tools()) p.tools.push_back(t.id);
  return p;
}

// What each goal needs besides the minutes: the workout goals an activity, specific-ache a few regions.
PlanRequest request_for(Goal goal, int minutes, int check_in_s) {
  PlanRequest q;
  q.goal = goal;
  q.minutes = minutes;
  q.check_in_s = check_in_s;
  if (goal == Goal::kPreActivity || goal == Goal::kPostWorkout || goal == Goal::kSorenessDay1 ||
      goal == Goal::kSorenessDay2) {
    q.activity = "running";
  }
  if (goal == Goal::kSpecificAche) q.focus = {{"calves", std::nullopt}, {"thoracic-spine", std::nullopt}};
  return q;
}

// Plays the routine with no input: ticks at every deadline until the engine ends. Returns the session's
// length in ms (start to end), or -1 when it does not end.
std::int64_t play_untouched(const Routine& routine) {
  SessionEngine engine(routine, builtin_catalog());
  if (!engine.start(0, 1'000'000)) return -1;
  for (int guard = 0; guard < 1'000'000 && !engine.ended(); ++guard) {
    const auto due = engine.next_deadline();
    if (!due || !engine.tick(*due)) return -1;
    (void)engine.take_update();
  }
  if (!engine.ended() || engine.state() != SessionState::kFinished) return -1;
  return *engine.ended_at() - *engine.started_at();
}

class SessionBudgetTest : public ::testing::TestWithParam<int> {};  // the check-in window

TEST_P(SessionBudgetTest, EveryGoalPlaysWithinTwoPercentOfTheMinutesAskedAndNeverOver) {
  const int check_in_s = GetParam();
  const Profile profile = everything_profile();
  int short_plans = 0;
  for (const auto& [goal, name] : EnumNames<Goal>::kNames) {
    for (const int minutes : kMinutes) {
      const PlanRequest q = request_for(goal, minutes, check_in_s);
      const auto routine = plan(builtin_catalog(), profile, q);
      ASSERT_TRUE(routine.has_value()) << describe(q) << ": " << routine.error().message;
      const std::int64_t asked_ms = std::int64_t{minutes} * 60'000;
      const std::int64_t played_ms = play_untouched(*routine);
      SCOPED_TRACE(describe(q) + ", check-in " + std::to_string(check_in_s) + " s\n" + describe(*routine));
      ASSERT_GE(played_ms, 0) << "the session did not finish on its own";
      // The engine plays exactly what the plan counted: get-ready, transitions, sets and check-in windows.
      EXPECT_EQ(played_ms, std::int64_t{routine->total_s()} * 1000);
      EXPECT_LE(played_ms, asked_ms) << "over the minutes asked";
      // Shorter only when there is nothing more worth doing, and then the plan says so: every region that suits
      // the goal was taken (none left out for time).
      const bool is_short = played_ms * 100 < asked_ms * 98;
      const bool says_short = std::any_of(routine->notes.begin(), routine->notes.end(),
                                          [](const Notice& n) { return n.id == "short-session"; });
      EXPECT_EQ(says_short, is_short) << "played " << played_ms << " ms of " << asked_ms;
      if (is_short) {
        ++short_plans;
        for (const auto& l : routine->left_out) {
          EXPECT_EQ(l.reason.find("not enough time"), std::string::npos)
              << "short, yet left out for time: " << l.region;
        }
      }
    }
  }
  // Before activity only short doses help (R4), so its long plans are short; the 90-minute ones of the goals with
  // few regions too. Any more is a regression.
  EXPECT_LE(short_plans, 6);
  RecordProperty("short_plans", short_plans);
}

INSTANTIATE_TEST_SUITE_P(TerminalAndPhone, SessionBudgetTest, ::testing::Values(10, 20),
                         [](const ::testing::TestParamInfo<int>& param) {
                           return "CheckIn" + std::to_string(param.param) + "s";
                         });

TEST(SessionBudget, ThePlayersOwnTimeIsCountedInTheRoutine) {
  const Profile profile = everything_profile();
  for (const int check_in_s : {0, 10, 20, 45}) {
    for (const int get_ready_s : {0, 10, 30}) {
      PlanRequest q = request_for(Goal::kDailyMobility, 10, check_in_s);
      q.get_ready_s = get_ready_s;
      const auto routine = plan(builtin_catalog(), profile, q);
      ASSERT_TRUE(routine.has_value()) << routine.error().message;
      EXPECT_EQ(routine->get_ready_s, get_ready_s);
      EXPECT_EQ(routine->check_in_s, check_in_s);
      int sets = 0;
      for (const auto& s : routine->steps) sets += s.sets;
      EXPECT_EQ(routine->total_s(), get_ready_s + routine->steps_s() + sets * check_in_s) << describe(*routine);
      EXPECT_LE(routine->total_s(), 600) << describe(*routine);
      // The engine's plan is the routine's: planned_ms counts the same seconds.
      EXPECT_EQ(SessionEngine(*routine, builtin_catalog()).planned_ms(), std::int64_t{routine->total_s()} * 1000);
    }
  }
}

TEST(SessionBudget, OutOfRangeWindowsAreRefusedNamingTheField) {
  PlanRequest q;
  q.check_in_s = 61;
  q.get_ready_s = -1;
  const auto problems = request_problems(builtin_catalog(), Profile{}, q);
  EXPECT_THAT(problems, ::testing::Contains("get_ready_s: -1 s is out of range; expected 0 to 60 seconds"));
  EXPECT_THAT(problems, ::testing::Contains("check_in_s: 61 s is out of range; expected 0 to 60 seconds"));
}

}  // namespace
}  // namespace smr::core
