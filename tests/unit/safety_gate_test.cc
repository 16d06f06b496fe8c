// The safety gate (core/safety_gate.h) and the safety use cases (service/safety_service.h), case by case: a stale
// plan is repaired for the person's current screening, an incoherent one is refused naming the step, a warning
// sign is remembered until cleared, and in-session changes stay within what the gate allows.

#include <gtest/gtest.h>

#include "core/checkin_rules.h"
#include "core/planner.h"
#include "core/safety_gate.h"
#include "plan_test_support.h"
#include "service/safety_service.h"
#include "store/store.h"

namespace smr::service {
namespace {

using core::Side;
using test::builtin_catalog;

core::RoutineStep calves_step(const std::string& exercise, const std::string& tool, Side side, int ceiling = 7) {
  const auto* x = builtin_catalog().find_exercise(exercise);
  EXPECT_NE(x, nullptr) << exercise;
  core::RoutineStep s;
  s.exercise = exercise;
  s.region = "calves";
  s.side = side;
  s.tool = tool;
  s.position = x ? x->position : core::Position::kFloorBack;
  s.phases = {{core::PhaseKind::kLocate, 5}, {core::PhaseKind::kHold, 30}};
  s.intensity_max = ceiling;
  s.intensity_target_max = 6;
  s.intensity_min = 4;
  return s;
}

core::Routine stale_calves_plan() {
  core::Routine r;
  r.goal = "daily-mobility";
  r.steps = {calves_step("calves-roller", "foam-roller-firm", Side::kLeft),
             calves_step("calves-roller", "foam-roller-firm", Side::kRight)};
  r.budget_s = r.total_s();
  return r;
}

std::unique_ptr<store::Store> memory_store() {
  auto s = store::open_store("memory:");
  EXPECT_TRUE(s);
  return std::move(*s);
}

core::Profile profile_with(std::vector<std::string> conditions, std::vector<std::string> tools) {
  core::Profile p;
  p.conditions = std::move(conditions);
  p.tools = std::move(tools);
  return p;
}

TEST(SafetyGate, AStalePlanWithAFirmRollerOnTheCalvesIsRepairedForLossOfFeeling) {
  const auto& c = builtin_catalog();
  const auto screening = core::screen(c, profile_with({"loss-of-sensation"}, {}));
  auto gated =
      core::gate_routine(c, screening, {std::nullopt, {"foam-roller-firm", "foam-roller-medium"}}, stale_calves_plan());
  ASSERT_TRUE(gated) << gated.error().message;
  ASSERT_EQ(gated->routine.steps.size(), 2U);
  for (const auto& s : gated->routine.steps) {
    EXPECT_EQ(s.tool, "foam-roller-medium");
    EXPECT_TRUE(core::step_allowed(c, screening, s, std::nullopt));
    EXPECT_LE(s.intensity_max, 4);  // the condition's ceiling
  }
  ASSERT_GE(gated->changes.size(), 2U);
  EXPECT_EQ(gated->changes[0].kind, core::GateChangeKind::kReplaced);
  EXPECT_EQ(gated->changes[0].from_tool, "foam-roller-firm");
  EXPECT_NE(gated->changes[0].message.find("R10"), std::string::npos) << gated->changes[0].message;
  // The clearance notice comes from the current screening, not from the stale plan.
  EXPECT_EQ(gated->routine.clearance_needed, screening.clearance_needed);
}

TEST(SafetyGate, WordsToGetToAStepFollowWhatTheGateChangedIssue19) {
  const auto& c = builtin_catalog();
  auto planned = stale_calves_plan();
  planned.steps[0].transition = "Get your firm foam roller and start sitting on the floor: your calves (left side).";
  planned.steps[1].transition = "Switch sides: now your calves (right side).";

  // Replaced: the player no longer sends the person for the firm roller.
  const auto flexible = core::screen(c, profile_with({"hypermobility"}, {}));
  auto gated = core::gate_routine(c, flexible, {std::nullopt, {"foam-roller-medium"}}, planned);
  ASSERT_TRUE(gated) << gated.error().message;
  ASSERT_EQ(gated->routine.steps.size(), 2U);
  EXPECT_EQ(gated->routine.steps[0].transition,
            "Get your medium foam roller and start sitting on the floor: your calves (left side).");
  EXPECT_EQ(gated->routine.steps[1].transition, "Switch sides: now your calves (right side).");

  // Left out: the step after it is the first now, and says how to start.
  auto wound = profile_with({"open-wound"}, {});
  wound.named_areas = {{"open-wound", "calves", Side::kLeft}};
  gated = core::gate_routine(c, core::screen(c, wound), {std::nullopt, {"foam-roller-firm"}}, planned);
  ASSERT_TRUE(gated) << gated.error().message;
  ASSERT_EQ(gated->routine.steps.size(), 1U);
  EXPECT_EQ(gated->routine.steps[0].transition,
            "Get your firm foam roller and start sitting on the floor: your calves (right side).");

  // Nothing changed: the words stay as written.
  gated = core::gate_routine(c, core::screen(c, profile_with({}, {})), {std::nullopt, {"foam-roller-firm"}}, planned);
  ASSERT_TRUE(gated) << gated.error().message;
  EXPECT_EQ(gated->routine.steps[0].transition, planned.steps[0].transition);
  EXPECT_EQ(gated->routine.steps[1].transition, planned.steps[1].transition);
}

TEST(SafetyGate, AStepWithNothingSafeInItsPlaceIsRemovedAndSaysWhy) {
  const auto& c = builtin_catalog();
  const auto screening = core::screen(c, profile_with({"loss-of-sensation"}, {}));
  core::Routine r = stale_calves_plan();
  r.steps.push_back(calves_step("calves-roller", "foam-roller-soft", Side::kLeft));
  // Only the firm and the soft roller: the firm roller's steps are replaced with the soft one, or left out.
  auto gated = core::gate_routine(c, screening, {std::nullopt, {"foam-roller-firm"}}, r);
  ASSERT_TRUE(gated);
  for (const auto& s : gated->routine.steps) EXPECT_TRUE(core::step_allowed(c, screening, s, std::nullopt));
  const auto removed = std::count_if(gated->changes.begin(), gated->changes.end(), [](const core::GateChange& ch) {
    return ch.kind == core::GateChangeKind::kRemoved;
  });
  EXPECT_GE(removed, 1);
}

TEST(SafetyGate, ARoutineWhoseExerciseAndToolDoNotBelongTogetherIsRefusedNamingTheStep) {
  const auto& c = builtin_catalog();
  core::Routine r = stale_calves_plan();
  r.steps[1].tool = "lacrosse-ball";  // calves-roller is not done with a ball
  auto gated = core::gate_routine(c, core::screen(c, {}), {}, r);
  ASSERT_FALSE(gated);
  EXPECT_EQ(gated.error().kind, core::GateRefusal::Kind::kIncoherent);
  EXPECT_EQ(gated.error().field, "routine.steps[1].tool");

  r = stale_calves_plan();
  r.steps[0].region = "hamstrings";
  gated = core::gate_routine(c, core::screen(c, {}), {}, r);
  ASSERT_FALSE(gated);
  EXPECT_EQ(gated.error().field, "routine.steps[0].region");
}

TEST(SafetyGate, TheContextOfTheRoutineIsChecked) {
  const auto& c = builtin_catalog();
  core::Routine r = stale_calves_plan();  // on the floor
  r.context = core::Context::kCall;
  const auto screening = core::screen(c, {});
  auto gated = core::gate_routine(c, screening, {core::Context::kCall, {"foam-roller-firm", "massage-stick"}}, r);
  if (gated) {
    for (const auto& s : gated->routine.steps) {
      EXPECT_TRUE(c.find_exercise(s.exercise)->fits(core::Context::kCall)) << s.exercise;
    }
  } else {
    EXPECT_EQ(gated.error().kind, core::GateRefusal::Kind::kNothingSafe);
  }
}

TEST(SafetyService, AStalePlanIsRepairedWhenTheSessionStarts) {
  const auto& c = builtin_catalog();
  auto st = memory_store();
  ASSERT_TRUE(save_profile(*st, c, core::kLocalPersonId,
                           profile_with({"loss-of-sensation"}, {"foam-roller-firm", "foam-roller-medium"}), 1));
  StartRequest req;
  req.routine = stale_calves_plan();
  auto started = start_session(*st, c, std::move(req), 0, 1000);
  ASSERT_TRUE(started) << started.error().message;
  EXPECT_FALSE(started->changes.empty());
  auto info = st->session(started->live->uid());
  ASSERT_TRUE(info);
  // The journal keeps the routine as played, not the stale one.
  EXPECT_EQ((*info).info.routine_json.find("foam-roller-firm"), std::string::npos);
}

TEST(SafetyService, AWarningSignReportedInASessionStopsTheNextPlanUntilItIsCleared) {
  const auto& c = builtin_catalog();
  auto st = memory_store();
  ASSERT_TRUE(save_profile(*st, c, core::kLocalPersonId, profile_with({}, {"foam-roller-firm"}), 1));
  StartRequest req;
  req.routine = stale_calves_plan();
  auto started = start_session(*st, c, std::move(req), 0, 1000);
  ASSERT_TRUE(started);
  core::SessionInput flag;
  flag.kind = core::InputKind::kRedFlag;
  flag.red_flag = "calf-swelling";
  ASSERT_TRUE(started->live->tick(15'000));
  ASSERT_TRUE(started->live->apply(15'000, flag));
  ASSERT_TRUE(started->live->ended());

  auto warnings = active_warnings(*st, core::kLocalPersonId);
  ASSERT_TRUE(warnings);
  ASSERT_EQ(warnings->size(), 1U);
  EXPECT_EQ((*warnings)[0].red_flag, "calf-swelling");
  EXPECT_EQ((*warnings)[0].session_uid, started->live->uid());

  auto next = plan(*st, c, core::kLocalPersonId, core::PlanRequest{});
  ASSERT_FALSE(next);
  EXPECT_EQ(next.error().code, Error::Code::kStop);
  EXPECT_EQ(next.error().field, "profile.warnings");
  // Screening again without the symptom does not forget it.
  ASSERT_TRUE(save_profile(*st, c, core::kLocalPersonId, profile_with({}, {"foam-roller-firm"}), 2));
  EXPECT_FALSE(plan(*st, c, core::kLocalPersonId, core::PlanRequest{}));

  auto wrong = clear_warning(*st, c, core::kLocalPersonId, "chest-pain-breathless");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, Error::Code::kNotFound);
  EXPECT_NE(wrong.error().message.find("calf-swelling"), std::string::npos);

  ASSERT_TRUE(clear_warning(*st, c, core::kLocalPersonId, "calf-swelling"));
  EXPECT_TRUE(plan(*st, c, core::kLocalPersonId, core::PlanRequest{}));
}

TEST(SafetyService, ASymptomAnsweredInScreeningIsAnActiveWarningWithItsTime) {
  const auto& c = builtin_catalog();
  auto st = memory_store();
  core::Profile p = profile_with({}, {"foam-roller-medium"});
  p.symptoms = {"chest-pain-breathless"};
  auto saved = save_profile(*st, c, core::kLocalPersonId, p, 42);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->warnings.size(), 1U);
  EXPECT_EQ(saved->warnings[0].since_ms, 42);
  EXPECT_FALSE(saved->screening.may_roll);
  ASSERT_TRUE(clear_warning(*st, c, core::kLocalPersonId, "chest-pain-breathless"));
  auto safety = person_safety(*st, c, core::kLocalPersonId);
  ASSERT_TRUE(safety);
  EXPECT_TRUE(safety->screening.may_roll);
  EXPECT_TRUE(safety->saved->symptoms.empty());
}

TEST(SafetyService, AProfileProblemNamesTheField) {
  const auto& c = builtin_catalog();
  auto st = memory_store();
  core::Profile p;
  p.tools = {"foam-roller-medium", "no-such-tool"};
  auto saved = save_profile(*st, c, core::kLocalPersonId, p, 1);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, Error::Code::kInvalid);
  EXPECT_EQ(saved.error().field, "tools[1]");
  auto stored = st->profile(core::kLocalPersonId);
  ASSERT_TRUE(stored);
  EXPECT_FALSE(*stored);  // nothing stored
}

// --- adaptations ------------------------------------------------------------------------------------------

core::PersonKit kit_for(const core::Profile& p, std::vector<std::string> owned) {
  core::PersonKit kit;
  kit.owned_tools = std::move(owned);
  kit.screening = core::screen(builtin_catalog(), p);
  return kit;
}

TEST(Adaptations, ANerveLikeAnswerMovesOnlyToTheSameOrAGentlerTool) {
  const auto& c = builtin_catalog();
  // On a soft ball, with a lacrosse ball owned: a nearby spot must not hand over the firmer ball.
  const auto step = calves_step("calves-ball-chair", "therapy-ball-large", Side::kLeft);
  const auto kit = kit_for({}, {"therapy-ball-large", "lacrosse-ball"});
  for (const auto q : {core::Quality::kNumb, core::Quality::kTingling, core::Quality::kRadiating}) {
    const auto d = core::decide_check_in({3, q, "", ""}, step, c, kit, 0);
    if (d.adaptation == core::AdaptationKind::kNearbySpot) {
      const auto* to = c.find_tool(d.tool);
      const auto* from = c.find_tool(step.tool);
      EXPECT_TRUE(d.tool == step.tool || core::gentler_tool(*to, *from)) << d.tool;
    }
  }
}

TEST(Adaptations, NoPromptToPressHarderWhenAConditionLimitsTheRegion) {
  const auto& c = builtin_catalog();
  const auto step = calves_step("calves-roller", "foam-roller-soft", Side::kLeft, 4);
  const auto limited = core::decide_check_in({1, core::Quality::kPressure, "", ""}, step, c,
                                             kit_for(profile_with({"loss-of-sensation"}, {}), {"foam-roller-soft"}), 0);
  EXPECT_EQ(limited.verdict, core::Verdict::kBelowTarget);
  EXPECT_EQ(limited.say.find("lean in"), std::string::npos) << limited.say;
  const auto free =
      core::decide_check_in({1, core::Quality::kPressure, "", ""}, step, c, kit_for({}, {"foam-roller-soft"}), 0);
  EXPECT_NE(free.say.find("lean in"), std::string::npos) << free.say;
}

TEST(Adaptations, EveryOfferedToolAndSpotPassesTheGate) {
  const auto& c = builtin_catalog();
  std::vector<std::string> all;
  for (const auto& t : c.tools()) all.push_back(t.id);
  for (const auto& cond : c.conditions()) {
    const auto kit = kit_for(profile_with({cond.id}, {}), all);
    for (const auto& x : c.exercises()) {
      for (const auto& tool : x.tools) {
        core::RoutineStep s;
        s.exercise = x.id;
        s.region = x.region;
        s.side = c.find_region(x.region)->paired() ? Side::kLeft : Side::kCentre;
        s.tool = tool;
        s.position = x.position;
        if (const auto* t = core::gentler_owned_tool(s, c, kit)) {
          core::RoutineStep moved = s;
          moved.tool = t->id;
          EXPECT_TRUE(core::step_allowed(c, kit.screening, moved, std::nullopt)) << cond.id << " " << x.id;
        }
        if (const auto spot = core::nearby_spot(s, c, kit)) {
          EXPECT_TRUE(
              core::step_allowed(c, kit.screening, core::with_exercise(s, *spot->exercise, *spot->tool), std::nullopt))
              << cond.id << " " << x.id << " -> " << spot->exercise->id;
        }
      }
    }
  }
}

}  // namespace
}  // namespace smr::service
