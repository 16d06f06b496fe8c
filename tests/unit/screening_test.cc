// Screening: profile -> may roll, clearances, blocks and limits (evidence.md R10-R12), on small literals
// (tests/unit/tiny_catalog.h) and on the built-in catalog.

#include "core/screening.h"

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include "cli/catalog_text.h"
#include "cli/profile_input.h"
#include "cli/warning_text.h"
#include "json/catalog_json.h"
#include "plan_test_support.h"
#include "tiny_catalog.h"

namespace smr::core {
namespace {

using test::builtin_catalog;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Catalog& tiny() {
  static const auto loaded = catalog::load_catalog(catalog::fixtures::TinyCatalog().files());
  return *loaded;
}

TEST(ScreeningTest, NothingToReportMayRollFreely) {
  const auto s = screen(tiny(), Profile{});
  EXPECT_TRUE(s.may_roll);
  EXPECT_TRUE(s.clearance_needed.empty());
  EXPECT_TRUE(s.blocked_regions.empty());
  EXPECT_EQ(s.intensity_max("calves"), 7);
}

TEST(ScreeningTest, ARedFlagStopsRollingWithItsMessage) {
  Profile p;
  p.symptoms = {"calf-swelling"};
  const auto s = screen(tiny(), p);
  EXPECT_FALSE(s.may_roll);
  ASSERT_EQ(s.stop.size(), 1u);
  EXPECT_EQ(s.stop[0].message, "Stop and see a clinician today.");
  EXPECT_EQ(s.stop[0].evidence.rules, std::vector<std::string>{"R1"});
}

TEST(ScreeningTest, AClearanceConditionAsksForAPhysicianAndSetsItsLimits) {
  Profile p;
  p.conditions = {"blood-thinners"};
  const auto s = screen(tiny(), p);
  EXPECT_TRUE(s.may_roll);
  ASSERT_EQ(s.clearance_needed.size(), 1u);
  EXPECT_EQ(s.clearance_needed[0].message, "Check with your physician first.");
  EXPECT_EQ(s.intensity_max("calves"), 4);
  EXPECT_FALSE(s.tool_allowed(*tiny().find_tool("lacrosse-ball"), "calves"));
  EXPECT_TRUE(s.tool_allowed(*tiny().find_tool("foam-roller-medium"), "calves"));
  ASSERT_EQ(s.blocked_tools.size(), 1u);
  EXPECT_EQ(s.blocked_tools[0].tool, "lacrosse-ball");
  EXPECT_EQ(s.blocked_tools[0].regions, std::vector<std::string>{"calves"});
}

TEST(ScreeningTest, EmergencyRedFlagsComeFirst) {
  Profile p;
  p.symptoms = {"calf-swelling", "chest-pain-breathless"};
  const auto s = screen(builtin_catalog(), p);
  ASSERT_EQ(s.stop.size(), 2u);
  EXPECT_EQ(s.stop[0].id, "chest-pain-breathless");
}

TEST(ScreeningTest, DiabetesAndFibromyalgiaNeedClearance) {
  Profile p;
  p.conditions = {"fibromyalgia", "diabetes"};
  const auto s = screen(builtin_catalog(), p);
  ASSERT_EQ(s.clearance_needed.size(), 2u);
  EXPECT_EQ(s.clearance_needed[0].id, "diabetes");  // catalog order
  EXPECT_EQ(s.clearance_needed[1].id, "fibromyalgia");
  for (const auto& n : s.clearance_needed) EXPECT_THAT(n.message, HasSubstr("Check with your physician"));
  EXPECT_EQ(s.intensity_max("calves"), 4);  // fibromyalgia's everywhere-limit is lower than diabetes' 5
}

// Issue 15: the concern in pregnancy is positions (lying on the back or front, balancing on a roller), not
// the whole upper back: the belly, lower back and front of the hips are blocked, standing and seated work on
// the upper back and ribs goes through.
TEST(ScreeningTest, PregnancyBlocksTheBellyLowBackAndFrontHipsAndRulesOutLyingPositionsIssue15) {
  Profile p;
  p.conditions = {"pregnancy"};
  const auto s = screen(builtin_catalog(), p);
  for (const auto* r : {"low-back", "quadratus-lumborum", "diaphragm-ribs", "hip-flexors"}) {
    EXPECT_TRUE(s.region_blocked(r, Side::kCentre)) << r;
  }
  for (const auto* r : {"thoracic-spine", "intercostals", "lats", "rhomboids"}) {
    EXPECT_FALSE(s.region_blocked(r, Side::kCentre)) << r;
    EXPECT_FALSE(s.tool_allowed(*builtin_catalog().find_tool("foam-roller-medium"), r)) << r;
    EXPECT_TRUE(s.tool_allowed(*builtin_catalog().find_tool("therapy-ball-medium"), r)) << r;
  }
  for (const auto& region : builtin_catalog().regions()) {
    EXPECT_FALSE(s.position_allowed(region.id, Position::kFloorBack)) << region.id;
    EXPECT_FALSE(s.position_allowed(region.id, Position::kFloorFront)) << region.id;
    for (const auto pos : {Position::kSeated, Position::kStanding, Position::kStandingWall, Position::kFloorSide}) {
      EXPECT_TRUE(s.position_allowed(region.id, pos)) << region.id << " " << to_string(pos);
    }
  }
}

// A position limit applies exactly to its regions and positions, and only while the condition is present.
TEST(ScreeningTest, APositionLimitRulesOutOnlyItsPositionsOnItsRegionsIssue15) {
  const auto loaded = catalog::load_catalog(
      catalog::fixtures::TinyCatalog()
          .replace("conditions.toml", "intensity_max = 4\n", "intensity_max = 4\npositions = [\"floor-back\"]\n")
          .files());
  ASSERT_TRUE(loaded.has_value());
  const std::vector<Position> all{Position::kFloorBack,   Position::kFloorFront,    Position::kFloorSide,
                                  Position::kFloorSeated, Position::kFloorKneeling, Position::kSeated,
                                  Position::kStanding,    Position::kStandingWall};
  Profile with;
  with.conditions = {"blood-thinners"};
  const auto limited = screen(*loaded, with);
  const auto free = screen(*loaded, Profile{});
  for (const auto pos : all) {
    EXPECT_EQ(limited.position_allowed("calves", pos), pos != Position::kFloorBack) << to_string(pos);
    EXPECT_TRUE(limited.position_allowed("shins", pos)) << "a region the limit does not list";
    EXPECT_TRUE(free.position_allowed("calves", pos)) << to_string(pos);
  }
  ASSERT_EQ(limited.limits.size(), 1u);
  EXPECT_EQ(limited.limits[0].positions, std::vector<Position>{Position::kFloorBack});
}

// A current clot blocks every leg and hip region (issue 15: the message says "do not roll your legs").
TEST(ScreeningTest, ACurrentClotBlocksEveryLegAndHipRegionIssue15) {
  Profile p;
  p.conditions = {"dvt-or-clotting-disorder"};
  const auto s = screen(builtin_catalog(), p);
  for (const auto* r : {"plantar-fascia", "calves", "shins", "peroneals", "hamstrings", "quadriceps", "it-band-tfl",
                        "adductors", "glutes", "piriformis", "hip-flexors"}) {
    EXPECT_TRUE(s.region_blocked(r, Side::kLeft)) << r;
    EXPECT_TRUE(s.region_blocked(r, Side::kRight)) << r;
  }
  EXPECT_FALSE(s.region_blocked("forearms", Side::kLeft));
  EXPECT_LE(s.intensity_max("forearms"), 3);
}

// Severe osteoporosis limits the spine, ribs and hip, not the forearms and calves (issue 15).
TEST(ScreeningTest, SevereOsteoporosisAllowsAMediumBallOnForearmsAndCalvesButNotTheSpineIssue15) {
  Profile p;
  p.conditions = {"severe-osteoporosis"};
  const auto s = screen(builtin_catalog(), p);
  const auto& medium_ball = *builtin_catalog().find_tool("therapy-ball-medium");
  for (const auto* r : {"forearms", "calves"}) EXPECT_TRUE(s.tool_allowed(medium_ball, r)) << r;
  for (const auto* r : {"thoracic-spine", "quadratus-lumborum", "intercostals"}) {
    EXPECT_FALSE(s.tool_allowed(medium_ball, r)) << r;
  }
  EXPECT_FALSE(s.tool_allowed(*builtin_catalog().find_tool("foam-roller-soft"), "glutes"));
  EXPECT_FALSE(s.tool_allowed(*builtin_catalog().find_tool("lacrosse-ball"), "forearms"));
}

// Words separated by single spaces (the terminal wraps long questions).
std::string squeezed(const std::string& text) {
  std::stringstream in(text);
  std::string out;
  for (std::string word; in >> word;) out += (out.empty() ? "" : " ") + word;
  return out;
}

// Issue 15: `smr screen` asks every condition of the catalog, new ones included, with its own question. For
// each condition in turn, answering yes to that question alone gives exactly that condition.
TEST(ScreeningTest, TheTerminalScreeningAsksEveryConditionsQuestionIssue15) {
  const auto& catalog = builtin_catalog();
  const auto& conditions = catalog.conditions();
  for (std::size_t k = 0; k < conditions.size(); ++k) {
    std::string answers;
    for (std::size_t i = 0; i < catalog.red_flags().size(); ++i) answers += "n\n";
    for (std::size_t i = 0; i < conditions.size(); ++i) {
      answers += i == k ? "y\n" : "n\n";
      if (i == k && conditions[i].block_named_area) answers += "\n";  // "Where?": none named
    }
    answers += "n\n\n";  // experience; no tools
    for (std::size_t i = 0; i < catalog.lifestyle().size(); ++i) answers += "n\n";
    answers += "\n";  // no aches
    std::istringstream in(answers);
    std::ostringstream out;
    const auto profile = cli::ask_profile(catalog, in, out);
    EXPECT_EQ(profile.conditions, std::vector<std::string>{conditions[k].id});
    const auto& c = conditions[k];
    EXPECT_THAT(squeezed(out.str()), HasSubstr(squeezed(c.question.empty() ? c.name + "?" : c.question))) << c.id;
  }
}

// Issue 15: position limits are shown by `smr catalog show CONDITION` and carried in the catalog JSON.
TEST(ScreeningTest, PositionLimitsAreShownAndSerialisedIssue15) {
  const auto* pregnancy = builtin_catalog().find_condition("pregnancy");
  ASSERT_NE(pregnancy, nullptr);
  const auto text = squeezed(cli::show_condition(builtin_catalog(), *pregnancy));
  EXPECT_THAT(text, HasSubstr("Everywhere: not lying on your back on the floor, or lying face down on the floor."));
  const auto json = json::to_json(*pregnancy).as_object();
  bool found = false;
  for (const auto& l : json.at("limits").as_array()) {
    const auto& positions = l.as_object().at("positions").as_array();
    if (positions.size() == 2 && positions[0] == "floor-back" && positions[1] == "floor-front") found = true;
  }
  EXPECT_TRUE(found) << boost::json::serialize(json);
}

TEST(ScreeningTest, ANamedAreaBlocksThatSideOnly) {
  Profile p;
  p.conditions = {"fracture"};
  p.named_areas = {{"fracture", "forearms", Side::kRight}};
  const auto s = screen(builtin_catalog(), p);
  EXPECT_TRUE(s.region_blocked("forearms", Side::kRight));
  EXPECT_FALSE(s.region_blocked("forearms", Side::kLeft));
  EXPECT_TRUE(s.region_blocked("forearms", Side::kCentre));  // "any side of it"
}

TEST(ScreeningTest, ABlockingConditionWithoutAnAreaAsksForOne) {
  Profile p;
  p.conditions = {"open-wound"};
  const auto s = screen(builtin_catalog(), p);
  ASSERT_EQ(s.cautions.size(), 2u);  // the condition's own message, then the request for the area
  EXPECT_EQ(s.cautions[0].id, "open-wound");
  EXPECT_THAT(s.cautions[1].message, HasSubstr("--area open-wound:REGION"));
}

TEST(ScreeningTest, UnknownIdsAreNamedWithTheValidOnes) {
  Profile p;
  p.conditions = {"diabetis"};
  p.tools = {"foam-roller"};
  p.aches = {{"neck", Side::kLeft, ""}};
  const auto problems = profile_problems(builtin_catalog(), p);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_THAT(problems[0],
              HasSubstr("conditions[0]: unknown condition \"diabetis\"; did you mean \"diabetes\"?; expected "
                        "\"open-wound\", \"fracture\""));
  EXPECT_THAT(problems[1], HasSubstr("tools[0]: unknown tool \"foam-roller\""));
  EXPECT_EQ(problems[2],
            "aches[0].side: region \"neck\" is in the middle of the body; it has no left side (leave the side out)");
}

// Issue 11: a region that aches typed wrong gets "did you mean" and is asked again.
TEST(ScreeningTest, AnAcheTypedWrongGetsDidYouMeanIssue11) {
  const auto& catalog = builtin_catalog();
  std::string answers;
  for (std::size_t i = 0; i < catalog.red_flags().size(); ++i) answers += "n\n";
  for (std::size_t i = 0; i < catalog.conditions().size(); ++i) answers += "n\n";
  answers += "n\n\n";  // experience; no tools
  for (std::size_t i = 0; i < catalog.lifestyle().size(); ++i) answers += "n\n";
  answers += "calfs:left\ncalves:left\n\n";
  std::istringstream in(answers);
  std::ostringstream out;
  const auto profile = cli::ask_profile(catalog, in, out);
  EXPECT_THAT(out.str(), HasSubstr("There is no region \"calfs\"; did you mean \"calves\"? Type it again"));
  ASSERT_EQ(profile.aches.size(), 1u);
  EXPECT_EQ(profile.aches[0].region, "calves");
  EXPECT_EQ(profile.aches[0].side, Side::kLeft);
}

// Issue 11: under the one heading "Check with your physician before you start", each clearance item names its
// condition and does not say the heading again; its advice is kept word for word.
TEST(ScreeningTest, ClearanceItemsDoNotRepeatTheHeadingIssue11) {
  const auto& catalog = builtin_catalog();
  int clearances = 0;
  for (const auto& c : catalog.conditions()) {
    if (c.effect != ConditionEffect::kClearance) continue;
    ++clearances;
    const std::string item = cli::clearance_item(catalog, Notice{c.id, c.message, {}});
    EXPECT_EQ(item.find(cli::kClearanceHeading), std::string::npos) << item;
    EXPECT_EQ(item.rfind(c.name, 0), 0u) << item;
    // The advice after the heading's words is all there.
    const auto tail = c.message.substr(std::min(c.message.size(), cli::kClearanceHeading.size() + 2));
    EXPECT_NE(item.find(tail.substr(1)), std::string::npos) << item;
  }
  EXPECT_GT(clearances, 2);
}

// Issue 11: after a session, someone whose conditions say what to do "after each session" is reminded of it;
// every reminder is a sentence of their advice.
TEST(ScreeningTest, AfterSessionRemindersComeFromTheAdviceIssue11) {
  const auto& catalog = builtin_catalog();
  Profile p;
  p.conditions = {"loss-of-sensation"};
  const auto reminders = cli::after_session_reminders(screen(catalog, p));
  EXPECT_THAT(reminders, ElementsAre("Look at your skin after each session for redness, marks or blisters."));
  for (const auto& c : catalog.conditions()) {
    Profile one;
    one.conditions = {c.id};
    if (c.block_named_area) one.named_areas = {{c.id, "calves", Side::kLeft}};
    const auto s = screen(catalog, one);
    for (const auto& r : cli::after_session_reminders(s)) {
      EXPECT_NE(c.message.find(r), std::string::npos) << c.id << ": " << r;
      EXPECT_TRUE(r.find("after each session") != std::string::npos || r.find("afterwards") != std::string::npos);
    }
  }
  EXPECT_TRUE(cli::after_session_reminders(screen(catalog, Profile{})).empty());
}

}  // namespace
}  // namespace smr::core
