// The built-in catalog's content meets the product's requirements (docs/catalog.md, shared/evidence.md):
// which regions, tools, techniques, conditions, red flags, rules and sources exist, that every exercise is
// complete and safe, and that never-roll zones keep the wrong tools off the lumbar spine, the neck, the shins...

#include <algorithm>
#include <array>
#include <cstddef>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/loader.h"
#include "core/catalog.h"
#include "core/region.h"
#include "core/tool.h"

namespace smr::catalog {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAreArray;

const LoadResult& builtin() {
  static const LoadResult loaded = load_builtin_catalog();
  return loaded;
}

std::string all_errors(const std::vector<CatalogError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.to_string() + "\n";
  return out;
}

// Every test needs the catalog; when it does not load, each test stops with the full list of errors.
class CatalogContentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(builtin().has_value()) << "the built-in catalog does not load:\n" << all_errors(builtin().error());
  }
  const core::Catalog& catalog() const { return *builtin(); }

  // The selector texts a region's never-roll zone forbids; fails the test when the zone is not listed.
  std::vector<std::string> forbidden(std::string_view region_id, std::string_view zone_id) const {
    const auto* region = catalog().find_region(region_id);
    if (!region) {
      ADD_FAILURE() << "no region " << region_id;
      return {};
    }
    for (const auto& nr : region->never_roll) {
      if (nr.zone != zone_id) continue;
      std::vector<std::string> out;
      for (const auto& sel : nr.forbid) out.push_back(sel.text());
      return out;
    }
    ADD_FAILURE() << "region " << region_id << " has no never-roll zone " << zone_id;
    return {};
  }

  // Every tool of every exercise on the region.
  std::vector<const core::Tool*> exercise_tools(std::string_view region_id) const {
    std::vector<const core::Tool*> out;
    for (const auto* x : catalog().exercises_for_region(region_id)) {
      for (const auto& id : x->tools) {
        if (const auto* tool = catalog().find_tool(id)) out.push_back(tool);
      }
    }
    return out;
  }
};

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The point a shape is "at": an ellipse's centre, or a polygon's area centroid.
core::Point centre_of(const core::Shape& shape) {
  if (!shape.is_polygon()) return shape.centre;
  double area2 = 0;
  double cx = 0;
  double cy = 0;
  const auto& p = shape.points;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto& a = p[i];
    const auto& b = p[(i + 1) % p.size()];
    const double cross = a.x * b.y - b.x * a.y;
    area2 += cross;
    cx += (a.x + b.x) * cross;
    cy += (a.y + b.y) * cross;
  }
  if (area2 == 0) return p.front();
  return {cx / (3 * area2), cy / (3 * area2)};
}

// Leftmost and rightmost x of a shape.
std::pair<double, double> x_extent(const core::Shape& shape) {
  if (!shape.is_polygon()) return {shape.centre.x - shape.rx, shape.centre.x + shape.rx};
  double lo = shape.points.front().x;
  double hi = lo;
  for (const auto& pt : shape.points) {
    lo = std::min(lo, pt.x);
    hi = std::max(hi, pt.x);
  }
  return {lo, hi};
}

// --- loading ---

TEST_F(CatalogContentTest, LoadsWithoutErrors) { EXPECT_TRUE(builtin().has_value()); }

// --- regions ---

struct ZoneSpec {
  std::string zone;
  std::vector<std::string> forbid;
};
struct RegionSpec {
  std::string id;
  core::Laterality laterality;
  core::RegionGroup group;
  std::vector<ZoneSpec> never_roll;
};

// The table "The regions" in docs/catalog.md.
std::vector<RegionSpec> documented_regions() {
  using core::Laterality;
  using G = core::RegionGroup;
  const auto paired = Laterality::kPaired;
  const auto midline = Laterality::kMidline;
  return {
      {"plantar-fascia", paired, G::kFootAndLowerLeg, {{"ankle-and-heel-bones", {}}}},
      {"calves", paired, G::kFootAndLowerLeg, {{"knee-joint", {}}, {"ankle-and-heel-bones", {}}, {"fibular-head", {}}}},
      {"shins", paired, G::kFootAndLowerLeg, {{"shinbone", {"roller+firm", "vibration"}}, {"knee-joint", {}}}},
      {"peroneals",
       paired,
       G::kFootAndLowerLeg,
       {{"ankle-and-heel-bones", {}}, {"knee-joint", {}}, {"fibular-head", {"firm", "vibration"}}}},
      {"hamstrings", paired, G::kThighAndHip, {{"knee-joint", {}}, {"fibular-head", {}}}},
      {"quadriceps", paired, G::kThighAndHip, {{"knee-joint", {}}, {"femoral-triangle", {}}}},
      {"it-band-tfl", paired, G::kThighAndHip, {{"hip-bone", {}}, {"knee-joint", {}}, {"fibular-head", {}}}},
      {"adductors", paired, G::kThighAndHip, {{"femoral-triangle", {}}, {"knee-joint", {}}}},
      {"glutes", paired, G::kThighAndHip, {{"hip-bone", {}}}},
      {"piriformis", paired, G::kThighAndHip, {{"hip-bone", {}}}},
      {"hip-flexors", paired, G::kThighAndHip, {{"femoral-triangle", {"firm", "vibration", "stick"}}}},
      {"low-back", paired, G::kTrunk, {{"lumbar-spine", {"roller", "stick", "vibration"}}, {"kidney-area", {"firm"}}}},
      {"quadratus-lumborum", paired, G::kTrunk, {{"lumbar-spine", {"roller"}}, {"kidney-area", {"firm", "vibration"}}}},
      {"thoracic-spine", midline, G::kTrunk, {{"lumbar-spine", {}}, {"spine-processes", {"ball+firm"}}}},
      {"lats", paired, G::kTrunk, {{"armpit", {}}}},
      {"diaphragm-ribs", midline, G::kTrunk, {{"breastbone-tip", {"firm", "vibration", "stick"}}}},
      {"intercostals", paired, G::kTrunk, {{"armpit", {}}}},
      {"pecs", paired, G::kShoulderAndArm, {{"armpit", {}}, {"collarbone", {}}}},
      {"upper-trapezius", paired, G::kShoulderAndArm, {{"front-side-neck", {}}, {"collarbone", {}}}},
      {"levator-scapulae", paired, G::kShoulderAndArm, {{"front-side-neck", {}}}},
      {"rhomboids", paired, G::kShoulderAndArm, {{"spine-processes", {}}}},
      {"rotator-cuff", paired, G::kShoulderAndArm, {{"armpit", {}}}},
      {"deltoids", paired, G::kShoulderAndArm, {{"collarbone", {}}}},
      {"triceps", paired, G::kShoulderAndArm, {{"elbow-joint", {}}, {"armpit", {}}}},
      {"forearms", paired, G::kShoulderAndArm, {{"elbow-joint", {}}, {"wrist-joint", {}}}},
      {"hands", paired, G::kShoulderAndArm, {{"wrist-joint", {}}}},
      {"neck",
       midline,
       G::kNeckAndHead,
       {{"front-side-neck", {"roller", "stick", "double-ball", "medium", "firm", "vibration"}},
        {"spine-processes", {}}}},
      {"jaw", paired, G::kNeckAndHead, {{"front-side-neck", {"roller", "stick", "double-ball", "firm", "vibration"}}}},
  };
}

TEST_F(CatalogContentTest, HasAtLeast24RegionsFromTheSolesToTheNeck) {
  EXPECT_GE(catalog().regions().size(), 24U);
  for (const auto* id : {"plantar-fascia", "calves", "shins", "hamstrings", "quadriceps", "glutes", "hip-flexors",
                         "low-back", "thoracic-spine", "pecs", "upper-trapezius", "neck", "jaw", "diaphragm-ribs",
                         "intercostals", "forearms", "hands"}) {
    EXPECT_NE(catalog().find_region(id), nullptr) << "missing region " << id;
  }
}

TEST_F(CatalogContentTest, EveryDocumentedRegionHasItsLateralityGroupAndNeverRollZones) {
  for (const auto& spec : documented_regions()) {
    const auto* region = catalog().find_region(spec.id);
    if (!region) {
      ADD_FAILURE() << "missing region " << spec.id;
      continue;
    }
    EXPECT_EQ(region->laterality, spec.laterality) << spec.id;
    EXPECT_EQ(region->group, spec.group) << spec.id;
    for (const auto& zone : spec.never_roll) {
      // The documented selectors must all be there; content may forbid more (more caution is allowed).
      const auto actual = forbidden(spec.id, zone.zone);
      for (const auto& sel : zone.forbid) {
        EXPECT_THAT(actual, Contains(sel)) << spec.id << ": zone " << zone.zone << " must forbid " << sel;
      }
    }
  }
}

TEST_F(CatalogContentTest, EveryRegionGroupIsPresent) {
  std::set<core::RegionGroup> groups;
  for (const auto& r : catalog().regions()) groups.insert(r.group);
  for (const auto g : {core::RegionGroup::kFootAndLowerLeg, core::RegionGroup::kThighAndHip, core::RegionGroup::kTrunk,
                       core::RegionGroup::kShoulderAndArm, core::RegionGroup::kNeckAndHead}) {
    EXPECT_EQ(groups.count(g), 1U) << "no region in group " << core::to_string(g);
  }
}

TEST_F(CatalogContentTest, EveryRegionHasANameADescriptionAndAMapShape) {
  for (const auto& r : catalog().regions()) {
    EXPECT_FALSE(r.name.empty()) << r.id;
    EXPECT_FALSE(r.description.empty()) << r.id;
    EXPECT_FALSE(r.map.empty()) << r.id;
  }
}

TEST_F(CatalogContentTest, PairedRegionsAreDrawnOnThePersonsLeftSide) {
  // Front view: the person's left is on the viewer's right (x > 100); back view: on the viewer's left.
  for (const auto& r : catalog().regions()) {
    if (!r.paired()) continue;
    for (std::size_t i = 0; i < r.map.size(); ++i) {
      const auto c = centre_of(r.map[i]);
      if (r.map[i].view == core::View::kFront) {
        EXPECT_GT(c.x, 100.0) << r.id << ": front shape " << i + 1 << " is centred at x " << c.x;
      } else {
        EXPECT_LT(c.x, 100.0) << r.id << ": back shape " << i + 1 << " is centred at x " << c.x;
      }
    }
  }
}

TEST_F(CatalogContentTest, MidlineRegionsStraddleTheMiddle) {
  for (const auto& r : catalog().regions()) {
    if (r.paired()) continue;
    for (std::size_t i = 0; i < r.map.size(); ++i) {
      const auto [lo, hi] = x_extent(r.map[i]);
      EXPECT_TRUE(lo < 100.0 && hi > 100.0) << r.id << ": shape " << i + 1 << " spans x " << lo << " to " << hi;
    }
  }
}

// --- tools and techniques ---

TEST_F(CatalogContentTest, HasTheDocumentedToolsWithTheirDensities) {
  struct ToolSpec {
    std::string id;
    core::ToolKind kind;
    core::Density density;
  };
  using K = core::ToolKind;
  using D = core::Density;
  const std::vector<ToolSpec> specs{
      {"foam-roller-soft", K::kRoller, D::kSoft},    {"foam-roller-medium", K::kRoller, D::kMedium},
      {"foam-roller-firm", K::kRoller, D::kFirm},    {"textured-roller", K::kRoller, D::kMedium},
      {"vibrating-roller", K::kRoller, D::kFirm},    {"therapy-ball-small", K::kBall, D::kSoft},
      {"therapy-ball-medium", K::kBall, D::kMedium}, {"therapy-ball-large", K::kBall, D::kSoft},
      {"lacrosse-ball", K::kBall, D::kFirm},         {"peanut-ball", K::kDoubleBall, D::kMedium},
      {"massage-stick", K::kStick, D::kMedium},
  };
  EXPECT_GE(catalog().tools().size(), 8U);
  for (const auto& spec : specs) {
    const auto* tool = catalog().find_tool(spec.id);
    if (!tool) {
      ADD_FAILURE() << "missing tool " << spec.id;
      continue;
    }
    EXPECT_EQ(tool->kind, spec.kind) << spec.id;
    EXPECT_EQ(tool->density, spec.density) << spec.id;
  }
  const auto* textured = catalog().find_tool("textured-roller");
  ASSERT_NE(textured, nullptr);
  EXPECT_EQ(textured->texture, core::Texture::kTextured);
  const auto* vibrating = catalog().find_tool("vibrating-roller");
  ASSERT_NE(vibrating, nullptr);
  EXPECT_TRUE(vibrating->vibration);
}

TEST_F(CatalogContentTest, HasTheSevenTechniques) {
  for (const auto* id : {"locate", "hold", "contract-relax", "pin-and-move", "slow-roll", "cross-fiber", "breathing"}) {
    EXPECT_NE(catalog().find_technique(id), nullptr) << "missing technique " << id;
  }
}

TEST_F(CatalogContentTest, HoldLasts20To60SecondsDefault30) {
  const auto* hold = catalog().find_technique("hold");
  ASSERT_NE(hold, nullptr);
  EXPECT_EQ(hold->min_s, 20);
  EXPECT_EQ(hold->max_s, 60);
  EXPECT_EQ(hold->default_s, 30);
  EXPECT_TRUE(contains(hold->evidence.rules, "R8"));
}

TEST_F(CatalogContentTest, SlowRollTakes2To4SecondsAPass) {
  const auto* roll = catalog().find_technique("slow-roll");
  ASSERT_NE(roll, nullptr);
  EXPECT_EQ(roll->pass_s_min, 2);
  EXPECT_EQ(roll->pass_s_max, 4);
  EXPECT_TRUE(contains(roll->evidence.rules, "R2"));
}

TEST_F(CatalogContentTest, BreathingIsSixBreathsAMinuteWithin4To10) {
  const auto* breathing = catalog().find_technique("breathing");
  ASSERT_NE(breathing, nullptr);
  EXPECT_EQ(breathing->breaths_per_min, 6.0);
  EXPECT_EQ(breathing->breaths_per_min_min, 4.0);
  EXPECT_EQ(breathing->breaths_per_min_max, 10.0);
  EXPECT_TRUE(contains(breathing->evidence.rules, "R13"));
}

// --- exercises ---

TEST_F(CatalogContentTest, HasAtLeast60Exercises) { EXPECT_GE(catalog().exercises().size(), 60U); }

TEST_F(CatalogContentTest, EveryRegionHasTwoExercisesOneForBeginners) {
  for (const auto& r : catalog().regions()) {
    const auto exercises = catalog().exercises_for_region(r.id);
    const auto beginner = std::count_if(exercises.begin(), exercises.end(),
                                        [](const core::Exercise* x) { return x->level == core::Level::kBeginner; });
    EXPECT_GE(exercises.size(), 2U) << r.id;
    EXPECT_GE(beginner, 1) << r.id;
  }
}

TEST_F(CatalogContentTest, BigLegRegionsHaveRollerAndBallVariants) {
  // A variant is an exercise whose first (best) tool is of that kind.
  for (const auto* region : {"calves", "hamstrings", "quadriceps", "glutes"}) {
    bool roller = false;
    bool ball = false;
    for (const auto* x : catalog().exercises_for_region(region)) {
      if (x->tools.empty()) continue;
      const auto* first = catalog().find_tool(x->tools.front());
      if (!first) continue;
      roller = roller || first->kind == core::ToolKind::kRoller;
      ball = ball || first->kind == core::ToolKind::kBall;
    }
    EXPECT_TRUE(roller) << region << " has no roller exercise";
    EXPECT_TRUE(ball) << region << " has no ball exercise";
  }
}

TEST_F(CatalogContentTest, EveryExerciseIsComplete) {
  for (const auto& x : catalog().exercises()) {
    EXPECT_FALSE(x.name.empty()) << x.id;
    EXPECT_FALSE(x.summary.empty()) << x.id;
    EXPECT_NE(catalog().find_region(x.region), nullptr) << x.id << ": region " << x.region;
    EXPECT_FALSE(x.tools.empty()) << x.id;
    for (const auto& t : x.tools) EXPECT_NE(catalog().find_tool(t), nullptr) << x.id << ": tool " << t;
    EXPECT_FALSE(x.contexts.empty()) << x.id;
    EXPECT_GE(x.steps.size(), 3U) << x.id;
    EXPECT_GE(x.cues.size(), 2U) << x.id;
    EXPECT_GE(x.mistakes.size(), 2U) << x.id;
    EXPECT_FALSE(x.lighter.empty()) << x.id;
    EXPECT_FALSE(x.stronger.empty()) << x.id;
    EXPECT_FALSE(x.techniques.empty()) << x.id;
    for (const auto& t : x.techniques) EXPECT_NE(catalog().find_technique(t), nullptr) << x.id << ": " << t;
    for (const auto& c : x.unsafe_for) EXPECT_NE(catalog().find_condition(c), nullptr) << x.id << ": " << c;
    EXPECT_GE(x.evidence.rules.size(), 1U) << x.id;
    EXPECT_GE(x.evidence.sources.size(), 1U) << x.id;
    for (const auto& id : x.evidence.rules) EXPECT_NE(catalog().find_rule(id), nullptr) << x.id << ": " << id;
    for (const auto& id : x.evidence.sources) EXPECT_NE(catalog().find_reference(id), nullptr) << x.id << ": " << id;
  }
}

TEST_F(CatalogContentTest, ExerciseIdsStartWithTheirRegion) {
  for (const auto& x : catalog().exercises()) {
    EXPECT_EQ(x.id.rfind(x.region + "-", 0), 0U) << x.id << " is on region " << x.region;
  }
}

TEST_F(CatalogContentTest, EveryDoseIsWithinTheEvidenceRanges) {
  for (const auto& x : catalog().exercises()) {
    EXPECT_TRUE(x.dose.sets >= 1 && x.dose.sets <= 3) << x.id << ": sets " << x.dose.sets << " (R1)";
    EXPECT_TRUE(x.dose.set_s >= 20 && x.dose.set_s <= 120) << x.id << ": set_s " << x.dose.set_s << " (R1)";
    if (x.uses_technique("hold")) {
      ASSERT_TRUE(x.dose.hold_s.has_value()) << x.id << " holds but has no hold_s";
      EXPECT_TRUE(*x.dose.hold_s >= 20 && *x.dose.hold_s <= 60) << x.id << ": hold_s " << *x.dose.hold_s << " (R8)";
      EXPECT_LE(*x.dose.hold_s, x.dose.set_s) << x.id;
    }
    if (x.uses_technique("slow-roll")) {
      ASSERT_TRUE(x.dose.pass_s.has_value()) << x.id << " rolls but has no pass_s";
      EXPECT_TRUE(*x.dose.pass_s >= 2 && *x.dose.pass_s <= 4) << x.id << ": pass_s " << *x.dose.pass_s << " (R2)";
    }
    if (x.uses_technique("contract-relax") || x.uses_technique("pin-and-move")) {
      ASSERT_TRUE(x.move.has_value()) << x.id << " moves under the tool but has no move";
      EXPECT_FALSE(x.move->cue.empty()) << x.id;
    }
  }
}

TEST_F(CatalogContentTest, NoExerciseUsesAToolItsRegionForbids) {
  for (const auto& x : catalog().exercises()) {
    const auto* region = catalog().find_region(x.region);
    ASSERT_NE(region, nullptr) << x.id;
    for (const auto& id : x.tools) {
      const auto* tool = catalog().find_tool(id);
      ASSERT_NE(tool, nullptr) << x.id << ": " << id;
      EXPECT_TRUE(core::tool_allowed_on(*region, *tool)) << x.id << ": tool " << id << " is forbidden on " << x.region;
    }
  }
}

TEST_F(CatalogContentTest, NoToolSuitsARegionThatForbidsIt) {
  for (const auto& tool : catalog().tools()) {
    for (const auto& id : tool.suits) {
      const auto* region = catalog().find_region(id);
      ASSERT_NE(region, nullptr) << tool.id << ": " << id;
      EXPECT_TRUE(core::tool_allowed_on(*region, tool)) << tool.id << " suits " << id << ", which forbids it";
    }
  }
}

TEST_F(CatalogContentTest, LowBackGetsNoRollerAndNothingFirm) {
  const auto* region = catalog().find_region("low-back");
  ASSERT_NE(region, nullptr);
  for (const auto& tool : catalog().tools()) {
    if (tool.kind == core::ToolKind::kRoller || tool.kind == core::ToolKind::kStick ||
        tool.density == core::Density::kFirm || tool.vibration) {
      EXPECT_FALSE(core::tool_allowed_on(*region, tool)) << tool.id << " is allowed on low-back";
    }
  }
  for (const auto* tool : exercise_tools("low-back")) {
    EXPECT_NE(tool->kind, core::ToolKind::kRoller) << tool->id;
    EXPECT_NE(tool->density, core::Density::kFirm) << tool->id;
  }
}

TEST_F(CatalogContentTest, NeckGetsOnlySoftBalls) {
  const auto* region = catalog().find_region("neck");
  ASSERT_NE(region, nullptr);
  for (const auto& tool : catalog().tools()) {
    const bool soft_ball =
        tool.kind == core::ToolKind::kBall && tool.density == core::Density::kSoft && !tool.vibration;
    EXPECT_EQ(core::tool_allowed_on(*region, tool), soft_ball) << tool.id << " on neck";
  }
  EXPECT_FALSE(exercise_tools("neck").empty());
  for (const auto* tool : exercise_tools("neck")) {
    EXPECT_EQ(tool->kind, core::ToolKind::kBall) << tool->id;
    EXPECT_EQ(tool->density, core::Density::kSoft) << tool->id;
  }
}

TEST_F(CatalogContentTest, QuadratusLumborumGetsNoRollerAndNothingFirmOrVibrating) {
  const auto* region = catalog().find_region("quadratus-lumborum");
  ASSERT_NE(region, nullptr);
  for (const auto& tool : catalog().tools()) {
    if (tool.kind == core::ToolKind::kRoller || tool.density == core::Density::kFirm || tool.vibration) {
      EXPECT_FALSE(core::tool_allowed_on(*region, tool)) << tool.id << " is allowed on quadratus-lumborum";
    }
  }
  for (const auto* tool : exercise_tools("quadratus-lumborum")) {
    EXPECT_NE(tool->kind, core::ToolKind::kRoller) << tool->id;
  }
}

TEST_F(CatalogContentTest, ShinsGetNoFirmRollerAndNoVibration) {
  const auto* region = catalog().find_region("shins");
  ASSERT_NE(region, nullptr);
  for (const auto& tool : catalog().tools()) {
    if ((tool.kind == core::ToolKind::kRoller && tool.density == core::Density::kFirm) || tool.vibration) {
      EXPECT_FALSE(core::tool_allowed_on(*region, tool)) << tool.id << " is allowed on shins";
    }
  }
  for (const auto* tool : exercise_tools("shins")) {
    EXPECT_FALSE(tool->kind == core::ToolKind::kRoller && tool->density == core::Density::kFirm) << tool->id;
    EXPECT_FALSE(tool->vibration) << tool->id;
  }
}

TEST_F(CatalogContentTest, DocumentedNeverRollRulesHold) {
  // The list "Rules that must hold" in docs/catalog.md, exactly.
  EXPECT_THAT(forbidden("low-back", "lumbar-spine"), UnorderedElementsAreArray({"roller", "stick", "vibration"}));
  EXPECT_THAT(forbidden("low-back", "kidney-area"), UnorderedElementsAreArray({"firm"}));
  EXPECT_THAT(forbidden("quadratus-lumborum", "lumbar-spine"), UnorderedElementsAreArray({"roller"}));
  EXPECT_THAT(forbidden("quadratus-lumborum", "kidney-area"), UnorderedElementsAreArray({"firm", "vibration"}));
  EXPECT_THAT(forbidden("neck", "front-side-neck"),
              UnorderedElementsAreArray({"roller", "stick", "double-ball", "medium", "firm", "vibration"}));
  EXPECT_THAT(forbidden("jaw", "front-side-neck"),
              UnorderedElementsAreArray({"roller", "stick", "double-ball", "firm", "vibration"}));
  EXPECT_THAT(forbidden("shins", "shinbone"), UnorderedElementsAreArray({"roller+firm", "vibration"}));
  EXPECT_TRUE(forbidden("thoracic-spine", "lumbar-spine").empty());
  EXPECT_THAT(forbidden("thoracic-spine", "spine-processes"), UnorderedElementsAreArray({"ball+firm"}));
}

TEST_F(CatalogContentTest, ThoracicSpineKeepsFirmBallsOffTheSpineButAllowsMediumAndDoubleBalls) {
  const auto* region = catalog().find_region("thoracic-spine");
  ASSERT_NE(region, nullptr);
  for (const auto* id : {"lacrosse-ball"}) {
    const auto* tool = catalog().find_tool(id);
    ASSERT_NE(tool, nullptr) << id;
    EXPECT_FALSE(core::tool_allowed_on(*region, *tool)) << id;
  }
  for (const auto* id : {"therapy-ball-medium", "peanut-ball", "foam-roller-medium"}) {
    const auto* tool = catalog().find_tool(id);
    ASSERT_NE(tool, nullptr) << id;
    EXPECT_TRUE(core::tool_allowed_on(*region, *tool)) << id;
  }
}

TEST_F(CatalogContentTest, HasDeskAndCallExercisesAndEveryCallOneIsSeatedAndHandsFree) {
  std::size_t desk = 0;
  std::size_t call = 0;
  for (const auto& x : catalog().exercises()) {
    const bool is_desk = std::find(x.contexts.begin(), x.contexts.end(), core::Context::kDesk) != x.contexts.end();
    const bool is_call = std::find(x.contexts.begin(), x.contexts.end(), core::Context::kCall) != x.contexts.end();
    if (is_desk) ++desk;
    if (!is_call) continue;
    ++call;
    EXPECT_EQ(x.position, core::Position::kSeated) << x.id;
    EXPECT_TRUE(x.hands_free) << x.id;
  }
  EXPECT_GE(desk, 1U);
  EXPECT_GE(call, 1U);
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "left" or "right" used as a side, e.g. "your right leg". "right" in "a right angle" or "right on the spot"
// is not a side and passes.
bool names_a_side(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    if (is_letter(c)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(lower(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(lower(word));
  static constexpr std::array<std::string_view, 18> kNotASide{"angle", "angles", "away",  "on",     "onto",  "over",
                                                              "there", "at",     "above", "below",  "under", "next",
                                                              "up",    "into",   "in",    "before", "after", "behind"};
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "left") return true;
    if (words[i] != "right") continue;
    if (i + 1 == words.size()) return true;
    if (std::find(kNotASide.begin(), kNotASide.end(), words[i + 1]) == kNotASide.end()) return true;
  }
  return false;
}

TEST_F(CatalogContentTest, StepsAndCuesAreSideNeutral) {
  // The app adds "left side first, then switch sides" itself.
  for (const auto& x : catalog().exercises()) {
    for (const auto& s : x.steps) EXPECT_FALSE(names_a_side(s)) << x.id << " step: " << s;
    for (const auto& c : x.cues) EXPECT_FALSE(names_a_side(c)) << x.id << " cue: " << c;
  }
}

// --- conditions and red flags ---

TEST_F(CatalogContentTest, HasTheDocumentedConditions) {
  for (const auto* id : {"open-wound",
                         "fracture",
                         "dvt-or-clotting-disorder",
                         "clot-history-or-clotting-disorder",
                         "blood-thinners",
                         "osteomyelitis",
                         "myositis-ossificans",
                         "local-inflammation-or-infection",
                         "acute-injury",
                         "fever-or-unwell",
                         "cancer",
                         "bone-metastases",
                         "lymphedema",
                         "implanted-device",
                         "hypermobility",
                         "pregnancy",
                         "severe-osteoporosis",
                         "osteopenia",
                         "loss-of-sensation",
                         "diabetes",
                         "fibromyalgia",
                         "recent-surgery",
                         "hernia-or-abdominal-surgery",
                         "aortic-aneurysm",
                         "unstable-neck",
                         "varicose-veins"}) {
    EXPECT_NE(catalog().find_condition(id), nullptr) << "missing condition " << id;
  }
  for (const auto& c : catalog().conditions()) {
    EXPECT_FALSE(c.message.empty()) << c.id;
    EXPECT_TRUE(contains(c.evidence.rules, "R10")) << c.id << " does not cite R10";
  }
}

TEST_F(CatalogContentTest, OpenWoundAndFractureBlockTheNamedArea) {
  for (const auto* id : {"open-wound", "fracture"}) {
    const auto* c = catalog().find_condition(id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_EQ(c->effect, core::ConditionEffect::kBlock) << id;
    EXPECT_TRUE(c->block_named_area) << id;
  }
}

TEST_F(CatalogContentTest, LossOfSensationForbidsFirmToolsOnSolesAndCalves) {
  const auto* c = catalog().find_condition("loss-of-sensation");
  ASSERT_NE(c, nullptr);
  for (const auto* region : {"plantar-fascia", "calves"}) {
    for (const auto& tool : catalog().tools()) {
      if (tool.density != core::Density::kFirm) continue;
      const bool forbidden_here = std::any_of(c->limits.begin(), c->limits.end(), [&](const core::ConditionLimit& l) {
        return (l.regions.empty() || contains(l.regions, region)) && core::matches_any(l.forbid, tool);
      });
      EXPECT_TRUE(forbidden_here) << "loss-of-sensation allows " << tool.id << " on " << region;
    }
  }
}

TEST_F(CatalogContentTest, DiabetesAndFibromyalgiaNeedClearance) {
  for (const auto* id : {"diabetes", "fibromyalgia"}) {
    const auto* c = catalog().find_condition(id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_EQ(c->effect, core::ConditionEffect::kClearance) << id;
  }
}

TEST_F(CatalogContentTest, HasTheRedFlags) {
  const auto* calf = catalog().find_red_flag("calf-swelling");
  ASSERT_NE(calf, nullptr);
  EXPECT_EQ(calf->urgency, core::Urgency::kUrgent);
  const auto* chest = catalog().find_red_flag("chest-pain-breathless");
  ASSERT_NE(chest, nullptr);
  EXPECT_EQ(chest->urgency, core::Urgency::kEmergency);
  EXPECT_NE(catalog().find_red_flag("spreading-numbness"), nullptr);
  for (const auto& f : catalog().red_flags()) {
    EXPECT_FALSE(f.question.empty()) << f.id;
    EXPECT_FALSE(f.message.empty()) << f.id;
    EXPECT_TRUE(contains(f.evidence.rules, "R12")) << f.id << " does not cite R12";
  }
}

// --- evidence ---

TEST_F(CatalogContentTest, HasEveryRuleR1ToR16) {
  for (int i = 1; i <= 16; ++i) {
    const std::string id = "R" + std::to_string(i);
    const auto* rule = catalog().find_rule(id);
    if (!rule) {
      ADD_FAILURE() << "missing rule " << id;
      continue;
    }
    EXPECT_FALSE(rule->summary.empty()) << id;
    EXPECT_FALSE(rule->level.empty()) << id;
  }
}

TEST_F(CatalogContentTest, HasEverySourceOfTheEvidenceSheet) {
  // The S-ids of the "Sources" list in shared/evidence.md.
  for (const auto* id :
       {"S1",  "S2",  "S3",  "S4",  "S5",  "S7",  "S8",  "S9",  "S10", "S11", "S12", "S13", "S14", "S16",
        "S17", "S18", "S19", "S20", "S21", "S22", "S23", "S25", "S26", "S28", "S29", "S30", "S31", "S32",
        "S33", "S35", "S36", "S37", "S38", "S39", "S41", "S42", "S44", "S45", "S46", "S47", "S48", "S49",
        "S50", "S52", "S53", "S55", "S56", "S57", "S58", "S59", "S60", "S61", "S63", "S64"}) {
    const auto* ref = catalog().find_reference(id);
    if (!ref) {
      ADD_FAILURE() << "missing source " << id;
      continue;
    }
    EXPECT_FALSE(ref->citation.empty()) << id;
  }
}

TEST_F(CatalogContentTest, EveryRulesSourcesResolve) {
  for (const auto& rule : catalog().rules()) {
    EXPECT_FALSE(rule.sources.empty()) << rule.id;
    for (const auto& id : rule.sources) EXPECT_NE(catalog().find_reference(id), nullptr) << rule.id << ": " << id;
  }
}

// --- issue 15: the clinical review ---------------------------------------------------------------------

// Everything an exercise says to the person, in lower case.
std::string exercise_text(const core::Exercise& x) {
  std::string out = x.summary + " " + x.lighter + " " + x.stronger;
  for (const auto* list : {&x.steps, &x.cues, &x.mistakes}) {
    for (const auto& line : *list) out += " " + line;
  }
  return lower(out);
}

// The regions of the legs and of the hips (docs/catalog.md "Clinical decisions", blood clots).
const std::vector<std::string> kLegRegions{"plantar-fascia", "calves",     "shins",       "peroneals",
                                           "hamstrings",     "quadriceps", "it-band-tfl", "adductors"};
const std::vector<std::string> kHipRegions{"glutes", "piriformis", "hip-flexors"};

// True when one of the condition's limits covering `region` forbids `tool`.
bool limit_forbids(const core::Condition& c, std::string_view region, const core::Tool& tool) {
  return std::any_of(c.limits.begin(), c.limits.end(), [&](const core::ConditionLimit& l) {
    return (l.regions.empty() || contains(l.regions, region)) && core::matches_any(l.forbid, tool);
  });
}

// True when one of the condition's limits covering `region` rules out `position`.
bool limit_avoids(const core::Condition& c, std::string_view region, core::Position position) {
  return std::any_of(c.limits.begin(), c.limits.end(), [&](const core::ConditionLimit& l) {
    return (l.regions.empty() || contains(l.regions, region)) &&
           std::find(l.positions.begin(), l.positions.end(), position) != l.positions.end();
  });
}

TEST_F(CatalogContentTest, EveryExercisesToolsSuitItsRegionIssue15) {
  for (const auto& x : catalog().exercises()) {
    for (const auto& id : x.tools) {
      const auto* tool = catalog().find_tool(id);
      ASSERT_NE(tool, nullptr) << x.id << ": " << id;
      EXPECT_TRUE(contains(tool->suits, x.region)) << x.id << ": " << id << " does not suit " << x.region;
    }
  }
}

// An exercise offers only tools it lists: "or use the large soft ball" on an exercise that cannot be done
// with it sends the person to a tool the planner would never choose (the large ball as the lighter neck
// option forced the neck into flexion).
TEST_F(CatalogContentTest, ExerciseTextOffersOnlyItsOwnToolsIssue15) {
  const std::vector<std::pair<std::string, std::string>> named{
      {"large soft ball", "therapy-ball-large"}, {"lacrosse", "lacrosse-ball"},
      {"firm roller", "foam-roller-firm"},       {"textured roller", "textured-roller"},
      {"vibrating roller", "vibrating-roller"},  {"peanut", "peanut-ball"},
      {"massage stick", "massage-stick"},        {"small soft ball", "therapy-ball-small"},
      {"medium ball", "therapy-ball-medium"},
  };
  for (const auto& x : catalog().exercises()) {
    const auto text = exercise_text(x);
    for (const auto& [phrase, tool] : named) {
      if (text.find(phrase) == std::string::npos) continue;
      EXPECT_TRUE(contains(x.tools, tool)) << x.id << " mentions \"" << phrase << "\" but does not list " << tool;
    }
  }
}

TEST_F(CatalogContentTest, NeckIsRolledOnlyWithASmallSoftBallIssue15) {
  for (const auto* x : catalog().exercises_for_region("neck")) {
    for (const auto& id : x->tools) {
      const auto* tool = catalog().find_tool(id);
      ASSERT_NE(tool, nullptr);
      EXPECT_EQ(tool->density, core::Density::kSoft) << x->id << ": " << id;
      EXPECT_LE(tool->diameter_cm, 8) << x->id << ": " << id << " is too big to rest under the skull";
    }
  }
}

TEST_F(CatalogContentTest, NeckExercisesStopForDizzinessVisionChangeOrNauseaIssue15) {
  const auto neck = catalog().exercises_for_region("neck");
  ASSERT_FALSE(neck.empty());
  for (const auto* x : neck) {
    const bool has_stop_cue = std::any_of(x->cues.begin(), x->cues.end(), [](const std::string& cue) {
      const auto c = lower(cue);
      return c.find("stop") != std::string::npos && c.find("dizzy") != std::string::npos &&
             c.find("vision") != std::string::npos && c.find("sick") != std::string::npos;
    });
    EXPECT_TRUE(has_stop_cue) << x->id << " has no cue to stop for dizziness, a change in vision or feeling sick";
  }
}

TEST_F(CatalogContentTest, AnUnstableNeckLeavesTheNeckOutIssue15) {
  const auto* c = catalog().find_condition("unstable-neck");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(contains(c->block_regions, "neck"));
  EXPECT_THAT(lower(c->name), HasSubstr("rheumatoid arthritis"));
  EXPECT_THAT(lower(c->name), HasSubstr("whiplash"));
}

TEST_F(CatalogContentTest, ACurrentClotBlocksEveryLegAndHipRegionIssue15) {
  const auto* c = catalog().find_condition("dvt-or-clotting-disorder");
  ASSERT_NE(c, nullptr);
  for (const auto& list : {kLegRegions, kHipRegions}) {
    for (const auto& region : list) EXPECT_TRUE(contains(c->block_regions, region)) << region << " is not blocked";
  }
}

TEST_F(CatalogContentTest, APastClotOrClottingDisorderNeedsClearanceAndGentleLegsIssue15) {
  const auto* c = catalog().find_condition("clot-history-or-clotting-disorder");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->effect, core::ConditionEffect::kClearance);
  EXPECT_TRUE(c->block_regions.empty());
  for (const auto& list : {kLegRegions, kHipRegions}) {
    for (const auto& region : list) {
      for (const auto& tool : catalog().tools()) {
        if (tool.density == core::Density::kFirm || tool.vibration) {
          EXPECT_TRUE(limit_forbids(*c, region, tool)) << tool.id << " allowed on " << region;
        }
      }
    }
  }
}

TEST_F(CatalogContentTest, TheNewConditionsAskAPlainQuestionIssue15) {
  for (const auto* id : {"dvt-or-clotting-disorder", "clot-history-or-clotting-disorder", "acute-injury",
                         "fever-or-unwell", "bone-metastases", "lymphedema", "implanted-device", "hypermobility",
                         "osteopenia", "hernia-or-abdominal-surgery", "aortic-aneurysm", "unstable-neck"}) {
    const auto* c = catalog().find_condition(id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_FALSE(c->question.empty()) << id;
  }
  for (const auto& c : catalog().conditions()) {
    if (!c.question.empty()) {
      EXPECT_EQ(c.question.back(), '?') << c.id;
    }
  }
}

TEST_F(CatalogContentTest, AnAcuteInjuryBlocksTheNamedAreaIssue15) {
  const auto* c = catalog().find_condition("acute-injury");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->effect, core::ConditionEffect::kBlock);
  EXPECT_TRUE(c->block_named_area);
  EXPECT_THAT(c->question, HasSubstr("72 hours"));
}

TEST_F(CatalogContentTest, FeverBlocksEveryRegionIssue15) {
  const auto* c = catalog().find_condition("fever-or-unwell");
  ASSERT_NE(c, nullptr);
  for (const auto& r : catalog().regions()) EXPECT_TRUE(contains(c->block_regions, r.id)) << r.id;
}

// The pec exercises press below the collarbone, where a pacemaker, a defibrillator or a port sits and over
// breast implants.
TEST_F(CatalogContentTest, AnImplantedDeviceLeavesOutThePecsAndVibrationIssue15) {
  const auto* c = catalog().find_condition("implanted-device");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(contains(c->block_regions, "pecs"));
  EXPECT_TRUE(c->block_named_area);
  for (const auto& r : catalog().regions()) {
    for (const auto& tool : catalog().tools()) {
      if (tool.vibration) {
        EXPECT_TRUE(limit_forbids(*c, r.id, tool)) << tool.id << " on " << r.id;
      }
    }
  }
}

TEST_F(CatalogContentTest, HerniaAndAneurysmKeepPressureOffTheBellyAndFrontHipIssue15) {
  for (const auto* id : {"hernia-or-abdominal-surgery", "aortic-aneurysm"}) {
    const auto* c = catalog().find_condition(id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_TRUE(contains(c->block_regions, "diaphragm-ribs")) << id;
    EXPECT_TRUE(contains(c->block_regions, "hip-flexors")) << id;
    for (const auto& r : catalog().regions()) {
      EXPECT_TRUE(limit_avoids(*c, r.id, core::Position::kFloorFront)) << id << ": face down on " << r.id;
    }
  }
}

// Fragile bones break where body weight presses a tool into the spine, ribs and hip; the arms and lower
// legs can take a medium tool as anyone's can (osteoporosis and bone metastases), and firm tools are out.
TEST_F(CatalogContentTest, FragileBonesAreProtectedWhereTheyBreakNotEverywhereIssue15) {
  const auto* medium_ball = catalog().find_tool("therapy-ball-medium");
  const auto* medium_roller = catalog().find_tool("foam-roller-medium");
  const auto* soft_ball = catalog().find_tool("therapy-ball-small");
  ASSERT_TRUE(medium_ball && medium_roller && soft_ball);
  for (const auto* id : {"severe-osteoporosis", "bone-metastases"}) {
    const auto* c = catalog().find_condition(id);
    ASSERT_NE(c, nullptr) << id;
    for (const auto* region : {"thoracic-spine", "low-back", "quadratus-lumborum", "intercostals", "diaphragm-ribs"}) {
      EXPECT_TRUE(limit_forbids(*c, region, *medium_roller)) << id << ": roller on " << region;
      EXPECT_TRUE(limit_forbids(*c, region, *medium_ball)) << id << ": medium ball on " << region;
      EXPECT_FALSE(limit_forbids(*c, region, *soft_ball)) << id << ": not even a soft ball on " << region;
    }
    for (const auto& region : kHipRegions) {
      EXPECT_TRUE(limit_forbids(*c, region, *medium_roller)) << id << ": roller on " << region;
    }
    for (const auto* region : {"forearms", "calves"}) {
      EXPECT_FALSE(limit_forbids(*c, region, *medium_ball)) << id << ": medium ball forbidden on " << region;
    }
    for (const auto& r : catalog().regions()) {
      for (const auto& tool : catalog().tools()) {
        if (tool.density == core::Density::kFirm) {
          EXPECT_TRUE(limit_forbids(*c, r.id, tool)) << id << ": " << tool.id;
        }
      }
    }
  }
}

// Pregnancy: the concern is positions (lying on the back or front, balancing on a roller), so the upper
// back and ribs are not blocked; the belly, lower back and front of the hips are.
TEST_F(CatalogContentTest, PregnancyLimitsPositionsAndBlocksOnlyTheBellyLowBackAndFrontHipsIssue15) {
  const auto* c = catalog().find_condition("pregnancy");
  ASSERT_NE(c, nullptr);
  for (const auto* region : {"low-back", "quadratus-lumborum", "diaphragm-ribs", "hip-flexors"}) {
    EXPECT_TRUE(contains(c->block_regions, region)) << region;
  }
  for (const auto* region : {"thoracic-spine", "intercostals", "lats", "rhomboids"}) {
    EXPECT_FALSE(contains(c->block_regions, region)) << region;
    EXPECT_TRUE(limit_forbids(*c, region, *catalog().find_tool("foam-roller-soft"))) << "roller on " << region;
  }
  for (const auto& r : catalog().regions()) {
    EXPECT_TRUE(limit_avoids(*c, r.id, core::Position::kFloorBack)) << r.id;
    EXPECT_TRUE(limit_avoids(*c, r.id, core::Position::kFloorFront)) << r.id;
    EXPECT_FALSE(limit_avoids(*c, r.id, core::Position::kStandingWall)) << r.id;
    EXPECT_FALSE(limit_avoids(*c, r.id, core::Position::kSeated)) << r.id;
  }
}

// A message never promises more than the condition's blocks and limits do ("do not roll your legs" needs
// every leg region blocked). Each phrase a message may use is tied to what it requires.
TEST_F(CatalogContentTest, NoConditionMessagePromisesMoreThanItsLimitsIssue15) {
  using Check = std::function<std::string(const core::Condition&)>;
  const auto blocks = [](std::vector<std::string> regions) -> Check {
    return [regions](const core::Condition& c) {
      std::string missing;
      for (const auto& r : regions) {
        if (!contains(c.block_regions, r)) missing += " " + r;
      }
      return missing.empty() ? std::string() : "does not block" + missing;
    };
  };
  const auto some_limit_forbids = [&](std::string_view tool_id) -> Check {
    const auto* tool = catalog().find_tool(tool_id);
    return [tool](const core::Condition& c) {
      const bool any = std::any_of(c.limits.begin(), c.limits.end(),
                                   [&](const core::ConditionLimit& l) { return core::matches_any(l.forbid, *tool); });
      return any ? std::string() : "no limit forbids " + tool->id;
    };
  };
  const auto avoids_everywhere = [&](core::Position position) -> Check {
    return [this, position](const core::Condition& c) {
      for (const auto& r : catalog().regions()) {
        if (!limit_avoids(c, r.id, position))
          return "does not avoid " + std::string(core::to_string(position)) + " on " + r.id;
      }
      return std::string();
    };
  };
  std::vector<std::string> legs_and_hips = kLegRegions;
  legs_and_hips.insert(legs_and_hips.end(), kHipRegions.begin(), kHipRegions.end());
  std::vector<std::string> every_region;
  for (const auto& r : catalog().regions()) every_region.push_back(r.id);
  const std::vector<std::pair<std::string, Check>> promises{
      {"do not roll your legs", blocks(kLegRegions)},
      {"legs or hips at all", blocks(legs_and_hips)},
      {"do not roll your belly", blocks({"diaphragm-ribs"})},
      {"front of your hips", blocks({"hip-flexors"})},
      {"lower back", blocks({"low-back", "quadratus-lumborum"})},
      {"back of your neck", blocks({"neck"})},
      {"chest muscles", blocks({"pecs"})},
      {"skip rolling altogether", blocks(every_region)},
      {"area you name", [](const core::Condition& c) { return c.block_named_area ? "" : "blocks no named area"; }},
      {"areas you name", [](const core::Condition& c) { return c.block_named_area ? "" : "blocks no named area"; }},
      {"no vibrat", some_limit_forbids("vibrating-roller")},
      {"no firm", some_limit_forbids("lacrosse-ball")},
      {"nothing firm", some_limit_forbids("lacrosse-ball")},
      {"soft or medium", some_limit_forbids("lacrosse-ball")},
      {"no textured", some_limit_forbids("textured-roller")},
      {"lying face down", avoids_everywhere(core::Position::kFloorFront)},
      {"flat on your back", avoids_everywhere(core::Position::kFloorBack)},
      {"on a roller under your back",
       [&](const core::Condition& c) {
         const auto* roller = catalog().find_tool("foam-roller-soft");
         for (const auto* r : {"thoracic-spine", "intercostals"}) {
           if (!limit_forbids(c, r, *roller)) return "allows a roller on " + std::string(r);
         }
         return std::string();
       }},
  };
  const std::regex out_of_ten("(\\d+) out of 10");
  for (const auto& c : catalog().conditions()) {
    const auto message = lower(c.message);
    for (const auto& [phrase, check] : promises) {
      if (message.find(phrase) == std::string::npos) continue;
      const auto problem = check(c);
      EXPECT_TRUE(problem.empty()) << c.id << " says \"" << phrase << "\" but " << problem;
    }
    for (std::sregex_iterator it(message.begin(), message.end(), out_of_ten), end; it != end; ++it) {
      const int n = std::stoi((*it)[1].str());
      const bool limited = std::any_of(c.limits.begin(), c.limits.end(),
                                       [&](const core::ConditionLimit& l) { return l.intensity_max == n; });
      EXPECT_TRUE(limited) << c.id << " says \"" << n << " out of 10\" but no limit caps the intensity at " << n;
    }
    for (const auto& l : c.limits) {
      for (std::sregex_iterator it(l.note.begin(), l.note.end(), out_of_ten), end; it != end; ++it) {
        EXPECT_EQ(l.intensity_max, std::stoi((*it)[1].str())) << c.id << ": a limit's note names another ceiling";
      }
    }
  }
}

// --- placements near organs and nerves ---

const core::Shape* back_shape(const std::vector<core::Shape>& map) {
  for (const auto& s : map) {
    if (s.view == core::View::kBack && !s.is_polygon()) return &s;
  }
  return nullptr;
}

// The kidneys reach from under the lowest ribs to about the third lumbar vertebra, level with the navel
// (y 165 on the body map).
TEST_F(CatalogContentTest, TheKidneyZoneReachesDownToTheNavelLineIssue15) {
  const auto* zone = catalog().find_zone("kidney-area");
  ASSERT_NE(zone, nullptr);
  const auto* shape = back_shape(zone->map);
  ASSERT_NE(shape, nullptr);
  EXPECT_GE(shape->centre.y + shape->ry, 165);
}

TEST_F(CatalogContentTest, TheQuadratusLumborumIsWorkedBelowTheKidneyIssue15) {
  const auto* zone = back_shape(catalog().find_zone("kidney-area")->map);
  const auto* region = back_shape(catalog().find_region("quadratus-lumborum")->map);
  ASSERT_TRUE(zone && region);
  const double dx = (region->centre.x - zone->centre.x) / zone->rx;
  const double dy = (region->centre.y - zone->centre.y) / zone->ry;
  EXPECT_GT(dx * dx + dy * dy, 1.0) << "the QL is drawn on the kidney zone";
  EXPECT_GT(region->centre.y, zone->centre.y);
  for (const auto* x : catalog().exercises_for_region("quadratus-lumborum")) {
    ASSERT_FALSE(x->steps.empty());
    const auto setup = lower(x->steps.front());
    EXPECT_THAT(setup, HasSubstr("above the top")) << x->id << " does not place the ball just above the pelvis";
    EXPECT_THAT(setup, HasSubstr("below the lowest rib")) << x->id << " does not keep the ball below the ribs";
  }
}

// Near the groin the femoral artery lies inward of the hip-flexor spot: a pulse means move outward.
TEST_F(CatalogContentTest, HipFlexorPulseCuesSayMoveOutwardIssue15) {
  for (const auto* x : catalog().exercises_for_region("hip-flexors")) {
    std::vector<std::string> lines = x->steps;
    lines.insert(lines.end(), x->cues.begin(), x->cues.end());
    for (const auto& line : lines) {
      const auto l = lower(line);
      const auto at = l.find("pulse");
      if (at == std::string::npos) continue;
      EXPECT_NE(l.find("outward", at), std::string::npos) << x->id << ": \"" << line << "\" does not say which way";
    }
  }
  const auto* ball = catalog().find_exercise("hip-flexors-ball-inside-hip-bone");
  ASSERT_NE(ball, nullptr);
  EXPECT_THAT(lower(ball->steps.front()), Not(HasSubstr("slightly below the bony point")));
}

// Regions that lie over a nerve that a tool can press (the lateral femoral cutaneous and femoral nerves at
// the hip, the sciatic nerve under the piriformis, the brachial plexus by the armpit, the radial nerve on
// the upper arm, the median and ulnar nerves in the forearm): every exercise says what tingling means.
TEST_F(CatalogContentTest, ExercisesOverANerveSayWhatToDoWhenItTinglesIssue15) {
  for (const auto* region : {"hip-flexors", "adductors", "piriformis", "pecs", "triceps", "forearms"}) {
    for (const auto* x : catalog().exercises_for_region(region)) {
      std::string said;
      for (const auto* list : {&x->steps, &x->cues}) {
        for (const auto& line : *list) said += lower(line) + " ";
      }
      EXPECT_THAT(said, HasSubstr("tingl")) << x->id << " never says what to do when it tingles";
    }
  }
}

TEST_F(CatalogContentTest, TheFibularHeadIsANeverRollZoneBesideTheKneeIssue15) {
  ASSERT_NE(catalog().find_zone("fibular-head"), nullptr);
  for (const auto* region : {"peroneals", "calves", "it-band-tfl", "hamstrings"}) {
    const auto* r = catalog().find_region(region);
    ASSERT_NE(r, nullptr);
    EXPECT_TRUE(std::any_of(r->never_roll.begin(), r->never_roll.end(), [](const core::NeverRoll& nr) {
      return nr.zone == "fibular-head";
    })) << region;
  }
  EXPECT_THAT(forbidden("peroneals", "fibular-head"), UnorderedElementsAreArray({"firm", "vibration"}));
}

// --- claims and sources ---

// docs/catalog.md "Claims and sources": each source and the claims it may be cited for (rule ids,
// "condition:ID", "kind:*"), between the markers <!-- claims:begin --> and <!-- claims:end -->.
std::map<std::string, std::set<std::string>> claim_table() {
  std::ifstream in(std::string(SMR_SOURCE_DIR) + "/docs/catalog.md");
  std::map<std::string, std::set<std::string>> out;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.find("<!-- claims:begin -->") != std::string::npos) inside = true;
    if (line.find("<!-- claims:end -->") != std::string::npos) break;
    if (!inside || line.rfind("| S", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream row(line.substr(1));
    for (std::string cell; std::getline(row, cell, '|');) cells.push_back(cell);
    if (cells.size() < 3) continue;
    std::stringstream id_cell(cells[0]);
    std::string id;
    id_cell >> id;
    std::stringstream claims(cells[2]);
    auto& set = out[id];
    for (std::string claim; claims >> claim;) {
      if (claim != "—") set.insert(claim);
    }
  }
  return out;
}

TEST_F(CatalogContentTest, EveryCitationIsBackedByTheRecordedClaimTableIssue15) {
  const auto table = claim_table();
  ASSERT_FALSE(table.empty()) << "docs/catalog.md has no claims table";
  for (const auto& ref : catalog().references()) EXPECT_TRUE(table.count(ref.id)) << ref.id << " has no row";
  for (const auto& [id, claims] : table) EXPECT_NE(catalog().find_reference(id), nullptr) << "row " << id;

  const auto supports = [&](const std::string& source, const std::string& claim) {
    const auto it = table.find(source);
    return it != table.end() && it->second.count(claim) > 0;
  };
  // A source cited by an entry supports one of the entry's rules, or the entry itself ("kind:id"), or every
  // entry of its kind ("kind:*"). A condition's sources must support that condition itself.
  const auto check = [&](std::string_view kind, const std::string& id, const core::Citation& c) {
    const std::string k(kind);
    for (const auto& s : c.sources) {
      bool ok = supports(s, k + ":" + id) || supports(s, k + ":*");
      if (k != "condition") {
        ok = ok || std::any_of(c.rules.begin(), c.rules.end(), [&](const std::string& r) { return supports(s, r); });
      }
      EXPECT_TRUE(ok) << k << " " << id << " cites " << s << " for something the claim table does not record";
    }
  };
  for (const auto& r : catalog().rules()) {
    for (const auto& s : r.sources) EXPECT_TRUE(supports(s, r.id)) << r.id << " cites " << s;
  }
  for (const auto& x : catalog().conditions()) check("condition", x.id, x.evidence);
  for (const auto& x : catalog().red_flags()) check("red_flag", x.id, x.evidence);
  for (const auto& x : catalog().exercises()) check("exercise", x.id, x.evidence);
  for (const auto& x : catalog().techniques()) check("technique", x.id, x.evidence);
  for (const auto& x : catalog().tools()) check("tool", x.id, x.evidence);
  for (const auto& x : catalog().zones()) check("zone", x.id, x.evidence);
  for (const auto& x : catalog().lifestyle()) check("lifestyle", x.id, x.evidence);
  for (const auto& x : catalog().self_tests()) check("self_test", x.id, x.evidence);
  for (const auto& x : catalog().lines()) check("line", x.id, core::Citation{{}, x.sources});
}

// Couture 2015 (S14) found no range-of-motion gain at 2 x 10 s or 4 x 30 s; the 90 s dose rests on
// Nakamura 2021 (S13).
TEST_F(CatalogContentTest, TheNinetySecondDoseCitesTheStudyThatShowedItIssue15) {
  const auto* r1 = catalog().find_rule("R1");
  ASSERT_NE(r1, nullptr);
  EXPECT_FALSE(contains(r1->sources, "S14"));
  EXPECT_TRUE(contains(r1->sources, "S13"));
  for (const auto& x : catalog().exercises()) EXPECT_FALSE(contains(x.evidence.sources, "S14")) << x.id;
}

// The 2021 Delphi panel (S29) agreed only on open wounds and fractures (contraindications) and on local
// inflammation, deep vein thrombosis, osteomyelitis and myositis ossificans (cautions).
TEST_F(CatalogContentTest, TheDelphiPanelIsCitedOnlyWhereItAgreedIssue15) {
  const std::set<std::string> agreed{"open-wound",
                                     "fracture",
                                     "dvt-or-clotting-disorder",
                                     "osteomyelitis",
                                     "myositis-ossificans",
                                     "local-inflammation-or-infection"};
  for (const auto& c : catalog().conditions()) {
    if (contains(c.evidence.sources, "S29")) {
      EXPECT_TRUE(agreed.count(c.id)) << c.id << " cites S29";
    }
  }
}

}  // namespace
}  // namespace smr::catalog
