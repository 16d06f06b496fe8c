#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/catalog_query.h"

#include <algorithm>

#include "plan_test_support.h"

namespace smr::core {
namespace {

Exercise exercise(std::string id, std::string region, std::vector<std::string> tools, Position position,
                  std::vector<Context> contexts, bool hands_free, Level level = Level::kBeginner) {
  Exercise x;
  x.id = std::move(id);
  x.name = x.id;
  x.region = std::move(region);
  x.tools = std::move(tools);
  x.position = position;
  x.contexts = std::move(contexts);
  x.hands_free = hands_free;
  x.level = level;
  x.steps = {"Sit down and place the ball.", "Find a tender spot.", "Breathe slowly."};
  return x;
}

Catalog small_catalog() {
  CatalogData d;
  Region calves;
  calves.id = "calves";
  calves.name = "Calves";
  calves.aliases = {"lower leg"};
  calves.description = "The back of the lower leg.";
  Region hamstrings;
  hamstrings.id = "hamstrings";
  hamstrings.name = "Hamstrings";
  hamstrings.description = "Back of the thigh.";
  d.regions = {calves, hamstrings};
  Tool ball;
  ball.id = "lacrosse-ball";
  ball.name = "Lacrosse ball";
  ball.description = "A firm small ball for precise spots.";
  Tool roller;
  roller.id = "foam-roller-medium";
  roller.name = "Medium foam roller";
  roller.description = "Broad pressure, e.g. for calves.";
  d.tools = {ball, roller};
  d.exercises = {
      exercise("calves-roller", "calves", {"foam-roller-medium"}, Position::kFloorSeated, {Context::kFloor}, false),
      exercise("calves-ball-chair", "calves", {"lacrosse-ball"}, Position::kSeated,
               {Context::kSeated, Context::kDesk, Context::kCall}, true, Level::kRegular),
      exercise("hamstrings-ball-desk", "hamstrings", {"lacrosse-ball"}, Position::kSeated,
               {Context::kSeated, Context::kDesk, Context::kCall}, false),
  };
  return Catalog(std::move(d));
}

std::vector<std::string> ids(const std::vector<const Exercise*>& xs) {
  std::vector<std::string> out;
  for (const auto* x : xs) out.push_back(x->id);
  return out;
}

TEST(FilterExercisesTest, NoFilterReturnsAllInCatalogOrder) {
  const auto c = small_catalog();
  EXPECT_THAT(ids(filter_exercises(c, {})),
              ::testing::ElementsAre("calves-roller", "calves-ball-chair", "hamstrings-ball-desk"));
}

TEST(FilterExercisesTest, ByRegionAndTool) {
  const auto c = small_catalog();
  ExerciseFilter f;
  f.region = "calves";
  f.tool = "lacrosse-ball";
  EXPECT_THAT(ids(filter_exercises(c, f)), ::testing::ElementsAre("calves-ball-chair"));
}

TEST(FilterExercisesTest, CallContextNeedsHandsFree) {
  const auto c = small_catalog();
  ExerciseFilter f;
  f.context = Context::kCall;
  // hamstrings-ball-desk lists "call" but is not hands-free, so it is not offered during a call.
  EXPECT_THAT(ids(filter_exercises(c, f)), ::testing::ElementsAre("calves-ball-chair"));
}

TEST(FilterExercisesTest, ByLevel) {
  const auto c = small_catalog();
  ExerciseFilter f;
  f.level = Level::kRegular;
  EXPECT_THAT(ids(filter_exercises(c, f)), ::testing::ElementsAre("calves-ball-chair"));
}

TEST(ParseExerciseFilterTest, EmptyTextIsNoFilter) {
  const auto c = small_catalog();
  const auto f = parse_exercise_filter(c, {});
  ASSERT_TRUE(f.has_value());
  EXPECT_FALSE(f->region || f->tool || f->context || f->level);
}

TEST(ParseExerciseFilterTest, KnownValuesBecomeTheFilter) {
  const auto c = small_catalog();
  const auto f = parse_exercise_filter(c, {"calves", "lacrosse-ball", "call", "regular"});
  ASSERT_TRUE(f.has_value()) << f.error().message;
  EXPECT_EQ(f->region, "calves");
  EXPECT_EQ(f->tool, "lacrosse-ball");
  EXPECT_EQ(f->context, Context::kCall);
  EXPECT_EQ(f->level, Level::kRegular);
}

TEST(ParseExerciseFilterTest, UnknownRegionNamesTheFieldAndTheClosestId) {
  const auto f = parse_exercise_filter(small_catalog(), {"calfs", "", "", ""});
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().field, "region");
  EXPECT_EQ(f.error().message, "unknown region \"calfs\"; did you mean \"calves\"?");
}

TEST(ParseExerciseFilterTest, UnknownToolWithoutCloseIdHasNoHint) {
  const auto f = parse_exercise_filter(small_catalog(), {"", "trampoline", "", ""});
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().field, "tool");
  EXPECT_EQ(f.error().message, "unknown tool \"trampoline\"");
}

TEST(ParseExerciseFilterTest, BadEnumsListTheValidSpellings) {
  const auto context = parse_exercise_filter(small_catalog(), {"", "", "beach", ""});
  ASSERT_FALSE(context.has_value());
  EXPECT_EQ(context.error().field, "context");
  EXPECT_EQ(context.error().message,
            "\"beach\" is not valid; expected \"floor\", \"seated\", \"standing\", \"desk\" or \"call\"");
  const auto level = parse_exercise_filter(small_catalog(), {"", "", "", "expert"});
  ASSERT_FALSE(level.has_value());
  EXPECT_EQ(level.error().field, "level");
  EXPECT_EQ(level.error().message, "\"expert\" is not valid; expected \"beginner\" or \"regular\"");
}

TEST(SearchTest, EveryWordMustMatch) {
  const auto c = small_catalog();
  const auto hits = search(c, "calves ball");
  ASSERT_FALSE(hits.empty());
  for (const auto& h : hits) EXPECT_NE(h.id, "hamstrings-ball-desk");
  EXPECT_EQ(hits.front().id, "calves-ball-chair");
}

TEST(SearchTest, NameMatchesRankAboveDescriptionMatches) {
  const auto c = small_catalog();
  const auto hits = search(c, "calves");
  ASSERT_GE(hits.size(), 2U);
  EXPECT_EQ(hits.front().kind, HitKind::kRegion);
  EXPECT_EQ(hits.front().id, "calves");
  // The roller mentions calves only in its description, so it comes after every name match.
  EXPECT_EQ(hits.back().id, "foam-roller-medium");
}

TEST(SearchTest, IgnoresCaseAndPluralAndMatchesWordStarts) {
  const auto c = small_catalog();
  EXPECT_FALSE(search(c, "CALF").empty());
  EXPECT_FALSE(search(c, "hamstring").empty());
  EXPECT_FALSE(search(c, "lacro").empty());
}

TEST(SearchTest, AliasesAreSearched) {
  const auto c = small_catalog();
  const auto hits = search(c, "lower leg");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.front().id, "calves");
}

TEST(SearchTest, EmptyOrUnmatchedQueryFindsNothing) {
  const auto c = small_catalog();
  EXPECT_TRUE(search(c, "").empty());
  EXPECT_TRUE(search(c, "  ,, ").empty());
  EXPECT_TRUE(search(c, "zebra").empty());
}

TEST(SearchTest, LimitCapsResults) {
  const auto c = small_catalog();
  EXPECT_EQ(search(c, "calves", 1).size(), 1U);
}

TEST(PositionFitsContextTest, FloorPositionsOnlyFitFloor) {
  EXPECT_TRUE(position_fits_context(Position::kFloorBack, Context::kFloor));
  EXPECT_FALSE(position_fits_context(Position::kFloorBack, Context::kDesk));
  EXPECT_FALSE(position_fits_context(Position::kFloorKneeling, Context::kSeated));
}

TEST(PositionFitsContextTest, DeskTakesSeatedOrStandingAndCallTakesSeated) {
  EXPECT_TRUE(position_fits_context(Position::kSeated, Context::kDesk));
  EXPECT_TRUE(position_fits_context(Position::kStandingWall, Context::kDesk));
  EXPECT_TRUE(position_fits_context(Position::kSeated, Context::kCall));
  EXPECT_FALSE(position_fits_context(Position::kStandingWall, Context::kCall));
  EXPECT_TRUE(position_fits_context(Position::kStanding, Context::kStanding));
  EXPECT_FALSE(position_fits_context(Position::kSeated, Context::kStanding));
}

TEST(CatalogTest, FindByIdAndExercisesForRegion) {
  const auto c = small_catalog();
  ASSERT_NE(c.find_region("calves"), nullptr);
  EXPECT_EQ(c.find_region("calves")->name, "Calves");
  EXPECT_EQ(c.find_region("nope"), nullptr);
  EXPECT_EQ(c.exercises_for_region("calves").size(), 2U);
  EXPECT_TRUE(c.exercises_for_region("jaw").empty());
}

TEST(ShapeTest, MirroredFlipsAcrossTheMidline) {
  Shape s;
  s.centre = {60, 100};
  s.points = {{50, 10}, {70, 10}, {60, 30}};
  const Shape m = s.mirrored();
  EXPECT_DOUBLE_EQ(m.centre.x, 140);
  EXPECT_DOUBLE_EQ(m.points[0].x, 150);
  EXPECT_DOUBLE_EQ(m.points[2].y, 30);
}

}  // namespace
}  // namespace smr::core

namespace smr::core {
namespace {

TEST(SearchIndexTest, OneIndexAnswersManyQueriesLikeOneOffSearches) {
  const auto c = small_catalog();
  const SearchIndex index(c);
  for (const char* q : {"calves", "ball", "lacro", "lower leg", "zebra", "calves ball"}) {
    const auto a = index.search(q);
    const auto b = search(c, q);
    ASSERT_EQ(a.size(), b.size()) << q;
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].id, b[i].id) << q;
      EXPECT_DOUBLE_EQ(a[i].score, b[i].score) << q;
    }
  }
}

TEST(SearchIndexTest, ExactWordScoresAboveWordStart) {
  const auto c = small_catalog();
  const SearchIndex index(c);
  const auto exact = index.search("calves");
  const auto start = index.search("calv");
  ASSERT_FALSE(exact.empty());
  ASSERT_FALSE(start.empty());
  EXPECT_GT(exact.front().score, start.front().score);
}

// Issue 11: search finds every condition by its question's words, every warning sign (red flag), zone, line and
// rule by its id, and a condition by a word a person uses for it ("neuropathy").
TEST(CatalogSearchTest, FindsConditionsWarningSignsZonesLinesAndRulesIssue11) {
  const auto& c = test::builtin_catalog();
  const SearchIndex index(c);
  const auto finds = [&](std::string_view query, HitKind kind, const std::string& id) {
    const auto hits = index.search(query, 1000);
    return std::any_of(hits.begin(), hits.end(), [&](const SearchHit& h) { return h.kind == kind && h.id == id; });
  };
  for (const auto& f : c.red_flags()) EXPECT_TRUE(finds(f.id, HitKind::kRedFlag, f.id)) << f.id;
  for (const auto& z : c.zones()) EXPECT_TRUE(finds(z.id, HitKind::kZone, z.id)) << z.id;
  for (const auto& l : c.lines()) EXPECT_TRUE(finds(l.id, HitKind::kLine, l.id)) << l.id;
  for (const auto& r : c.rules()) EXPECT_TRUE(finds(r.id, HitKind::kRule, r.id)) << r.id;
  for (const auto& k : c.conditions()) {
    EXPECT_TRUE(finds(k.id, HitKind::kCondition, k.id)) << k.id;
    if (!k.question.empty()) {
      EXPECT_TRUE(finds(k.question, HitKind::kCondition, k.id)) << k.question;
    }
  }
  EXPECT_TRUE(finds("neuropathy", HitKind::kCondition, "loss-of-sensation"));
  EXPECT_TRUE(finds("numbness", HitKind::kRedFlag, "spreading-numbness"));
  // Names stay short enough for a table row.
  for (const auto& h : index.search("the", 1000)) EXPECT_LE(h.name.size(), 160u) << h.id;
}

}  // namespace
}  // namespace smr::core
