#include "core/checkin_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "session_fixture.h"

namespace smr::core {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::session_catalog;
using testing::step;

class CheckInRulesTest : public ::testing::Test {
 protected:
  CheckInDecision decide(int intensity, Quality quality, const RoutineStep& s, int earlier_pain = 0) {
    return decide_check_in(CheckInAnswer{intensity, quality, "", "", {}}, s, catalog_, kit_, earlier_pain);
  }

  Catalog catalog_ = session_catalog();
  PersonKit kit_{{"foam-roller-medium"}, {}, std::nullopt};
  RoutineStep calf_ = step("calf-roller", "calves", Side::kLeft, "foam-roller-medium");
};

// Issue 10: several qualities in one answer. Property over every pair and triple of qualities and every
// intensity: the answer made with answer_with() is decided exactly as if each quality had been judged: it adapts
// when any one alone would, watches for numbness when any one is nerve-like, and equals the decision for its
// most serious quality alone.
TEST_F(CheckInRulesTest, SeveralQualitiesAreDecidedByTheMostSerious) {
  std::vector<Quality> all;
  for (const auto& [q, name] : EnumNames<Quality>::kNames) all.push_back(q);
  std::vector<std::vector<Quality>> lists;
  for (Quality a : all) {
    for (Quality b : all) {
      lists.push_back({a, b});
      for (Quality c : {Quality::kPressure, Quality::kSharp, Quality::kNumb}) lists.push_back({a, b, c});
    }
  }
  for (const auto& felt : lists) {
    for (int intensity : {2, 5, 7, 9}) {
      const CheckInAnswer answer = answer_with(intensity, felt);
      SCOPED_TRACE(std::string(to_string(felt[0])) + "+" + std::string(to_string(felt[1])) + " at " +
                   std::to_string(intensity));
      const CheckInDecision d = decide_check_in(answer, calf_, catalog_, kit_, 0);
      bool any_adapts = false;
      bool any_watches = false;
      for (Quality q : felt) {
        const CheckInDecision alone = decide(intensity, q, calf_);
        any_adapts = any_adapts || alone.verdict == Verdict::kAdapt;
        any_watches = any_watches || alone.watch_numbness;
      }
      EXPECT_EQ(d.verdict == Verdict::kAdapt, any_adapts);
      EXPECT_EQ(d.watch_numbness, any_watches);
      EXPECT_EQ(d, decide(intensity, answer.quality, calf_));
      // Every quality named is kept once: the lead plus the others.
      for (Quality q : felt) {
        EXPECT_TRUE(q == answer.quality || std::count(answer.also_felt.begin(), answer.also_felt.end(), q) == 1);
      }
      EXPECT_EQ(std::count(answer.also_felt.begin(), answer.also_felt.end(), answer.quality), 0);
    }
  }
}

TEST_F(CheckInRulesTest, FourToSixIsOnTarget) {
  for (int i : {4, 5, 6}) {
    const CheckInDecision d = decide(i, Quality::kGoodHurt, calf_);
    EXPECT_EQ(d.verdict, Verdict::kOnTarget) << i;
    EXPECT_THAT(d.rules, ElementsAre("R3"));
    EXPECT_FALSE(d.adaptation);
  }
}

TEST_F(CheckInRulesTest, BelowFourAsksToLeanInALittle) {
  const CheckInDecision d = decide(2, Quality::kPressure, calf_);
  EXPECT_EQ(d.verdict, Verdict::kBelowTarget);
  EXPECT_EQ(d.say, "You can lean in a little more: aim for 4 to 6 out of 10.");
  EXPECT_FALSE(d.adaptation);
}

TEST_F(CheckInRulesTest, SevenIsACueToEaseOff) {
  const CheckInDecision d = decide(7, Quality::kAche, calf_);
  EXPECT_EQ(d.verdict, Verdict::kEaseOff);
  EXPECT_THAT(d.rules, ElementsAre("R3"));
  EXPECT_EQ(d.say, "That is the ceiling. Ease off a little: take some weight onto your hands or feet.");
  EXPECT_FALSE(d.adaptation);
}

TEST_F(CheckInRulesTest, EightOrMoreAdapts) {
  for (int i : {8, 9, 10}) {
    const CheckInDecision d = decide(i, Quality::kPressure, calf_);
    EXPECT_EQ(d.verdict, Verdict::kAdapt) << i;
    EXPECT_TRUE(d.adaptation) << i;
  }
}

TEST_F(CheckInRulesTest, AnyPainQualityAdaptsEvenAtLowIntensity) {
  for (Quality q : {Quality::kSharp, Quality::kBurning, Quality::kStinging, Quality::kStabbing, Quality::kRadiating,
                    Quality::kNumb, Quality::kTingling}) {
    const CheckInDecision d = decide(3, q, calf_);
    EXPECT_EQ(d.verdict, Verdict::kAdapt) << to_string(q);
    EXPECT_TRUE(d.adaptation) << to_string(q);
  }
}

TEST_F(CheckInRulesTest, AStepsLowerCeilingIsRespected) {
  RoutineStep gentle = calf_;
  gentle.intensity_target_max = 4;
  gentle.intensity_max = 5;
  EXPECT_EQ(decide(5, Quality::kPressure, gentle).verdict, Verdict::kEaseOff);
  EXPECT_EQ(decide(6, Quality::kPressure, gentle).verdict, Verdict::kAdapt);
}

TEST_F(CheckInRulesTest, PainSwitchesToASofterOrLargerToolThePersonOwns) {
  kit_.owned_tools = {"foam-roller-medium", "foam-roller-soft"};
  const CheckInDecision d = decide(5, Quality::kSharp, calf_);
  EXPECT_EQ(d.adaptation, AdaptationKind::kSofterTool);
  EXPECT_EQ(d.tool, "foam-roller-soft");
  EXPECT_THAT(d.rules, ElementsAre("R3", "R9"));
  EXPECT_EQ(d.reason,
            "sharp at 5/10 is pain, not the useful kind of pressure: switch to a softer or larger tool, which works "
            "as well (R3, R9)");
}

TEST_F(CheckInRulesTest, ALargerContactCountsAsGentler) {
  kit_.owned_tools = {"lacrosse-ball", "therapy-ball-small"};
  const RoutineStep ball = step("calf-ball", "calves", Side::kLeft, "lacrosse-ball");
  EXPECT_EQ(decide(9, Quality::kPressure, ball).tool, "therapy-ball-small");
}

TEST_F(CheckInRulesTest, AFirmerToolIsNeverOfferedAsSofter) {
  kit_.owned_tools = {"foam-roller-medium", "foam-roller-firm"};
  const CheckInDecision d = decide(9, Quality::kPressure, calf_);
  EXPECT_NE(d.adaptation, AdaptationKind::kSofterTool);
}

TEST_F(CheckInRulesTest, ASofterToolTheExerciseDoesNotListIsNotOffered) {
  kit_.owned_tools = {"foam-roller-medium", "foam-roller-soft"};  // hamstring-roller lists medium and firm
  const RoutineStep ham = step("hamstring-roller", "hamstrings", Side::kLeft, "foam-roller-medium");
  EXPECT_EQ(gentler_owned_tool(ham, catalog_, kit_), nullptr);
}

TEST_F(CheckInRulesTest, LighterVariationWhenNoGentlerToolIsOwned) {
  const CheckInDecision d = decide(8, Quality::kPressure, calf_);
  EXPECT_EQ(d.adaptation, AdaptationKind::kLighterVariation);
  EXPECT_EQ(d.lighter, "Keep your other foot on the floor and take more weight on your hands.");
  EXPECT_EQ(d.reason,
            "8/10 is above the ceiling of 7 for this step, and more pressure adds nothing: use the lighter "
            "variation (R3)");
}

TEST_F(CheckInRulesTest, NearbySpotWhenNoGentlerToolAndNoLighterVariation) {
  kit_.owned_tools = {"foam-roller-medium", "foam-roller-soft"};
  const RoutineStep ham = step("hamstring-roller", "hamstrings", Side::kLeft, "foam-roller-medium");
  const CheckInDecision d = decide(8, Quality::kStabbing, ham);
  EXPECT_EQ(d.adaptation, AdaptationKind::kNearbySpot);
  EXPECT_EQ(d.exercise, "hamstring-stick");
  EXPECT_EQ(d.tool, "foam-roller-soft");
}

TEST_F(CheckInRulesTest, NearbySpotIsNeverAnExerciseUnsafeForTheperson) {
  kit_.owned_tools = {"foam-roller-medium", "foam-roller-soft", "lacrosse-ball"};
  kit_.screening.conditions = {"varicose-veins"};
  const RoutineStep ham = step("hamstring-roller", "hamstrings", Side::kLeft, "foam-roller-medium");
  const CheckInDecision d = decide(8, Quality::kStabbing, ham);
  EXPECT_EQ(d.adaptation, AdaptationKind::kNearbySpot);
  EXPECT_EQ(d.exercise, "hamstring-ball-chair");  // a regular exercise, but the beginner one is unsafe
}

TEST_F(CheckInRulesTest, NumbTinglingOrRadiatingMovesToANearbySpotAndWatchesForSpreading) {
  kit_.owned_tools = {"foam-roller-medium", "foam-roller-soft", "lacrosse-ball"};
  const CheckInDecision d = decide(4, Quality::kTingling, calf_);
  EXPECT_EQ(d.adaptation, AdaptationKind::kNearbySpot);
  EXPECT_EQ(d.exercise, "calf-ball");
  EXPECT_EQ(d.tool, "foam-roller-soft");  // the gentler tool: never the firmer lacrosse ball after tingling
  EXPECT_TRUE(d.watch_numbness);
}

TEST_F(CheckInRulesTest, AfterANerveLikeAnswerAFirmerToolIsNeverOfferedEvenAsANearbySpot) {
  kit_.owned_tools = {"foam-roller-medium", "lacrosse-ball"};
  for (const auto q : {Quality::kNumb, Quality::kTingling, Quality::kRadiating}) {
    const CheckInDecision d = decide(4, q, calf_);
    EXPECT_EQ(d.adaptation, AdaptationKind::kSkipRegion) << to_string(q);
    EXPECT_EQ(d.tool, "");
  }
}

TEST_F(CheckInRulesTest, SkipsTheRegionWhenNothingGentlerFits) {
  const RoutineStep ham = step("hamstring-roller", "hamstrings", Side::kLeft, "foam-roller-medium");
  const CheckInDecision d = decide(9, Quality::kBurning, ham);
  EXPECT_EQ(d.adaptation, AdaptationKind::kSkipRegion);
  EXPECT_FALSE(d.ask_clinician);
  EXPECT_EQ(d.say, "Let's leave your hamstrings for today. Come off the tool and rest a moment.");
  EXPECT_EQ(d.reason,
            "burning at 9/10 is pain, not the useful kind of pressure, and nothing gentler is left for this area: "
            "skip the region (R3)");
}

TEST_F(CheckInRulesTest, SameRegionPainfulTwiceSkipsItAndSuggestsAClinician) {
  kit_.owned_tools = {"foam-roller-medium", "foam-roller-soft"};
  const CheckInDecision d = decide(6, Quality::kSharp, calf_, /*earlier_pain=*/1);
  EXPECT_EQ(d.adaptation, AdaptationKind::kSkipRegion);
  EXPECT_TRUE(d.ask_clinician);
  EXPECT_EQ(d.say,
            "That is the second time today this area hurts, so we will leave your calves. If it keeps hurting, "
            "consider asking a clinician.");
  EXPECT_THAT(d.reason, HasSubstr("the second time in this area today"));
}

TEST_F(CheckInRulesTest, ARedFlagAnswerStopsTheSessionWithTheFlagsMessage) {
  const CheckInDecision d =
      decide_check_in(CheckInAnswer{3, Quality::kNumb, "", "spreading-numbness", {}}, calf_, catalog_, kit_, 0);
  EXPECT_EQ(d.verdict, Verdict::kStop);
  EXPECT_EQ(d.adaptation, AdaptationKind::kStopSession);
  EXPECT_EQ(d.say, "Stop rolling and get checked today.");
  EXPECT_EQ(d.urgency, Urgency::kUrgent);
  EXPECT_THAT(d.rules, ElementsAre("R12"));
  EXPECT_EQ(d.reason, "red flag \"spreading-numbness\" (urgent): stop the session (R12)");
}

TEST_F(CheckInRulesTest, InvalidAnswersAreNamed) {
  EXPECT_EQ(problem_with(CheckInAnswer{11, Quality::kAche, "", "", {}}, catalog_), "intensity: 11 is outside 0 to 10");
  EXPECT_EQ(problem_with(CheckInAnswer{-1, Quality::kAche, "", "", {}}, catalog_), "intensity: -1 is outside 0 to 10");
  EXPECT_EQ(problem_with(CheckInAnswer{5, Quality::kAche, "", "headache", {}}, catalog_),
            "red_flag: \"headache\" is not a red flag in the catalog");
  EXPECT_EQ(problem_with(CheckInAnswer{5, Quality::kAche, "", "", {}}, catalog_), "");
}

}  // namespace
}  // namespace smr::core
