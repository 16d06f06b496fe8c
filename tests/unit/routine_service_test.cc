// Routines people keep (issue 10, item 6): saved under a name, listed, shown, deleted; a past session's routine
// played again; and, whatever the person's screening became since, a saved or repeated routine never plays a
// step the safety gate forbids.

#include "service/routine_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>

#include "core/planner.h"
#include "core/safety_gate.h"
#include "plan_test_support.h"
#include "service/safety_service.h"
#include "store/store.h"

namespace smr::service {
namespace {

using test::builtin_catalog;

std::unique_ptr<store::Store> memory() { return std::move(*store::open_store("memory:")); }

// A plan for someone with no conditions and the common tools: what a person saves before their screening changes.
core::Routine planned(core::Goal goal, int minutes) {
  core::Profile p;
  p.tools = {"foam-roller-medium", "lacrosse-ball", "foam-roller-soft"};
  core::PlanRequest q;
  q.goal = goal;
  q.minutes = minutes;
  if (goal == core::Goal::kPostWorkout) q.activity = "running";  // the workout goals need the activity
  auto r = core::plan(builtin_catalog(), p, q);
  if (!r) {
    ADD_FAILURE() << r.error().message;
    return {};
  }
  return *r;
}

TEST(RoutineServiceTest, SavedRoutinesAreListedByNameShownAndDeletedByNameIgnoringCaseOrUid) {
  auto st = memory();
  const auto& c = builtin_catalog();
  auto desk = save_routine(*st, c, core::kLocalPersonId, "  Desk reset ", planned(core::Goal::kDeskRelief, 10), 5);
  ASSERT_TRUE(desk) << desk.error().message;
  EXPECT_EQ(desk->name, "Desk reset");  // trimmed
  auto legs = save_routine(*st, c, core::kLocalPersonId, "after legs", planned(core::Goal::kPostWorkout, 15), 6);
  ASSERT_TRUE(legs) << legs.error().message;

  auto all = saved_routines(*st, core::kLocalPersonId);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "after legs");  // by name, ignoring case
  EXPECT_EQ((*all)[1].name, "Desk reset");
  EXPECT_EQ((*all)[1].routine, desk->routine);  // kept as it was saved

  auto by_name = saved_routine(*st, core::kLocalPersonId, "DESK RESET");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->uid, desk->uid);
  auto by_uid = saved_routine(*st, core::kLocalPersonId, legs->uid);
  ASSERT_TRUE(by_uid);
  EXPECT_EQ(by_uid->name, "after legs");

  ASSERT_TRUE(delete_saved_routine(*st, core::kLocalPersonId, "desk reset"));
  all = saved_routines(*st, core::kLocalPersonId);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].name, "after legs");
  // Export carries them (so import does too).
  auto exported = st->export_journal();
  ASSERT_TRUE(exported);
  ASSERT_EQ(exported->routines.size(), 1u);
  EXPECT_EQ(exported->routines[0].name, "after legs");
}

TEST(RoutineServiceTest, BadNamesAreRefusedNamingTheFieldAndWhatANameMayBe) {
  auto st = memory();
  const auto r = planned(core::Goal::kDeskRelief, 10);
  struct Case {
    std::string name, message;
  };
  const std::vector<Case> cases{
      {"   ", "name: missing; a name is 1 to 60 characters, e.g. \"Desk reset\""},
      {std::string(61, 'x'), "name: 61 characters is too long; a name is 1 to 60 characters, e.g. \"Desk reset\""},
      {"two\nlines",
       "name: control characters (a tab, a new line) are not allowed; a name is 1 to 60 characters, e.g. \"Desk "
       "reset\""},
      {"0123456789abcdef0123456789abcdef",
       "name: 32 hex digits look like a uid; choose words; a name is 1 to 60 characters, e.g. \"Desk reset\""},
  };
  for (const auto& k : cases) {
    auto saved = save_routine(*st, builtin_catalog(), core::kLocalPersonId, k.name, r, 1);
    ASSERT_FALSE(saved) << k.name;
    EXPECT_EQ(saved.error().code, Error::Code::kInvalid);
    EXPECT_EQ(saved.error().field, "name");
    EXPECT_EQ(saved.error().message, k.message);
  }
  // Characters are counted, not bytes: 60 two-byte characters are a name, 61 are not.
  std::string sixty;
  for (int i = 0; i < 60; ++i) sixty += "\u00e9";
  EXPECT_TRUE(save_routine(*st, builtin_catalog(), core::kLocalPersonId, sixty, r, 1));
  auto too_long = save_routine(*st, builtin_catalog(), core::kLocalPersonId, sixty + "\u00e9", r, 1);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().field, "name");
}

TEST(RoutineServiceTest, ADuplicateNameIgnoringCaseIsAConflictAndAnUnknownOneIsNotFound) {
  auto st = memory();
  const auto& c = builtin_catalog();
  ASSERT_TRUE(save_routine(*st, c, core::kLocalPersonId, "Morning", planned(core::Goal::kDailyMobility, 10), 1));
  auto again = save_routine(*st, c, core::kLocalPersonId, "morning", planned(core::Goal::kDeskRelief, 5), 2);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Error::Code::kConflict);
  EXPECT_EQ(again.error().field, "name");
  EXPECT_EQ(again.error().message,
            "name: a routine called \"Morning\" is saved already; choose another name or delete that one first");

  auto missing = saved_routine(*st, core::kLocalPersonId, "Evening");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Error::Code::kNotFound);
  EXPECT_EQ(missing.error().field, "name");
  EXPECT_EQ(missing.error().message, "name: no saved routine \"Evening\"; the saved ones are \"Morning\"");
  auto none = saved_routine(*memory(), core::kLocalPersonId, "Evening");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message, "name: no saved routine \"Evening\"; none is saved yet");
  EXPECT_EQ(delete_saved_routine(*st, core::kLocalPersonId, "Evening").error().code, Error::Code::kNotFound);
}

TEST(RoutineServiceTest, ARoutineWhoseStepsDoNotHoldTogetherIsRefusedNamingTheStep) {
  auto st = memory();
  auto r = planned(core::Goal::kDeskRelief, 10);
  ASSERT_GE(r.steps.size(), 2u);
  r.steps[1].exercise = "made-up-exercise";
  auto saved = save_routine(*st, builtin_catalog(), core::kLocalPersonId, "Broken", r, 1);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, Error::Code::kInvalid);
  EXPECT_EQ(saved.error().field, "routine.steps[1].exercise");
  core::Routine empty;
  saved = save_routine(*st, builtin_catalog(), core::kLocalPersonId, "Empty", empty, 1);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().field, "routine.steps");
}

TEST(RoutineServiceTest, APastSessionsRoutineIsTheOneItPlayed) {
  auto st = memory();
  const auto& c = builtin_catalog();
  auto none = session_routine(*st, core::kLocalPersonId, "last");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, Error::Code::kNotFound);
  EXPECT_EQ(none.error().field, "session_uid");

  core::Profile p;
  p.tools = {"foam-roller-medium", "lacrosse-ball"};
  ASSERT_TRUE(save_profile(*st, c, core::kLocalPersonId, p, 1));
  StartRequest first;
  first.routine = planned(core::Goal::kDeskRelief, 10);
  auto one = start_session(*st, c, first, 0, 1'000);
  ASSERT_TRUE(one) << one.error().message;
  StartRequest second;
  second.routine = planned(core::Goal::kPostWorkout, 15);
  auto two = start_session(*st, c, second, 0, 2'000);
  ASSERT_TRUE(two) << two.error().message;

  auto last = session_routine(*st, core::kLocalPersonId, "last");
  ASSERT_TRUE(last) << last.error().message;
  EXPECT_EQ(*last, two->routine);  // as played (after the gate)
  auto by_uid = session_routine(*st, core::kLocalPersonId, one->live->uid());
  ASSERT_TRUE(by_uid);
  EXPECT_EQ(*by_uid, one->routine);

  auto unknown = session_routine(*st, core::kLocalPersonId, "feedfeedfeedfeedfeedfeedfeedfeed");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Error::Code::kNotFound);
  EXPECT_EQ(unknown.error().message,
            "session_uid: no session \"feedfeedfeedfeedfeedfeedfeedfeed\"; smr log lists the sessions with their uids");

  // A session kept without a routine (imported) cannot be played again.
  core::SessionInfo bare;
  bare.uid = "feedfeedfeedfeedfeedfeedfeedfee0";
  bare.started_ms = 3'000;
  bare.routine_json = "{}";
  ASSERT_TRUE(st->start_session(bare));
  auto cannot = session_routine(*st, core::kLocalPersonId, "last");
  ASSERT_FALSE(cannot);
  EXPECT_EQ(cannot.error().code, Error::Code::kInvalid);
  EXPECT_EQ(cannot.error().field, "session_uid");
}

// Every step of `r` passes the gate for `screening` (no rule broken, no ceiling above the person's limit).
::testing::AssertionResult all_steps_allowed(const core::Catalog& c, const core::ScreeningResult& screening,
                                             const core::Routine& r) {
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const auto problems = core::step_problems(c, screening, r.steps[i], r.context);
    if (!problems.empty()) {
      return ::testing::AssertionFailure() << "step " << i << " (" << r.steps[i].exercise << " with " << r.steps[i].tool
                                           << ") breaks " << core::to_string(problems[0].rule);
    }
    if (r.steps[i].intensity_max > screening.intensity_max(r.steps[i].region)) {
      return ::testing::AssertionFailure() << "step " << i << " is above the person's ceiling";
    }
  }
  return ::testing::AssertionSuccess();
}

// Property: a routine saved (or played) while the screening was clear, played again after it changed (random
// conditions, named areas and tools), never plays a step the gate forbids for the person as they are now; it is
// refused only for nothing safe (field routine.steps), never played as saved when it breaks a rule.
TEST(RoutineServiceTest, ASavedOrRepeatedRoutinePlayedAfterTheScreeningChangedNeverPlaysAForbiddenStep) {
  const auto& c = builtin_catalog();
  int played = 0, changed = 0;
  for (unsigned seed = 0; seed < 300; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
    auto st = memory();
    core::Profile before;
    before.tools = {"foam-roller-medium", "lacrosse-ball", "foam-roller-soft"};
    ASSERT_TRUE(save_profile(*st, c, core::kLocalPersonId, before, 1));
    static const core::Goal kGoals[] = {core::Goal::kDailyMobility, core::Goal::kDeskRelief, core::Goal::kPostWorkout,
                                        core::Goal::kBreathingCalm};
    const auto goal = kGoals[std::uniform_int_distribution<std::size_t>(0, std::size(kGoals) - 1)(rng)];
    const auto routine = planned(goal, std::uniform_int_distribution<int>(5, 30)(rng));
    if (routine.steps.empty()) continue;
    ASSERT_TRUE(save_routine(*st, c, core::kLocalPersonId, "Mine", routine, 2));
    StartRequest first;
    first.routine = routine;
    ASSERT_TRUE(start_session(*st, c, first, 0, 3));  // played once with the old screening

    // The screening changes: conditions (with areas they block), other tools.
    core::Profile after;
    for (const auto& cond : c.conditions()) {
      if (!chance(20)) continue;
      after.conditions.push_back(cond.id);
      if (cond.block_named_area) {
        const auto& region = c.regions()[std::uniform_int_distribution<std::size_t>(0, c.regions().size() - 1)(rng)];
        after.named_areas.push_back({cond.id, region.id, region.paired() ? core::Side::kLeft : core::Side::kCentre});
      }
    }
    for (const auto& t : c.tools()) {
      if (chance(40)) after.tools.push_back(t.id);
    }
    ASSERT_TRUE(save_profile(*st, c, core::kLocalPersonId, after, 4));
    auto safety = person_safety(*st, c, core::kLocalPersonId);
    ASSERT_TRUE(safety);

    for (const bool repeat : {false, true}) {
      auto again = repeat ? session_routine(*st, core::kLocalPersonId, "last")
                          : saved_routine(*st, core::kLocalPersonId, "mine").map([](NamedRoutine n) {
                              return std::move(n.routine);
                            });
      ASSERT_TRUE(again) << again.error().message;
      StartRequest req;
      req.routine = *again;
      auto started = start_session(*st, c, req, 0, repeat ? 6 : 5);
      if (!started) {
        EXPECT_EQ(started.error().code, Error::Code::kInvalid) << started.error().message;
        EXPECT_EQ(started.error().field, "routine.steps");
        continue;
      }
      ++played;
      if (!started->changes.empty()) ++changed;
      EXPECT_TRUE(all_steps_allowed(c, safety->screening, started->routine)) << (repeat ? "repeated" : "saved");
      EXPECT_EQ(started->live->engine().routine(), started->routine);  // the gated routine is what plays
    }
  }
  EXPECT_GT(played, 300) << "most cases should play";
  EXPECT_GT(changed, 30) << "the changed screening should change some routines";
}

}  // namespace
}  // namespace smr::service
