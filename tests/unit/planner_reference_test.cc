// The planner benchmark's exact reference (bench/reference, docs/planner.md "Quality"): the MILP solved by GLPK
// against exhaustive enumeration on small random problems, and a smoke run of the planner against it on the
// built-in catalog. The long run (300+ instances) is `make bench-planner`.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "catalog/loader.h"
#include "core/planner.h"
#include "reference/planner_enumeration.h"
#include "reference/planner_milp.h"
#include "reference/planner_problem.h"

namespace smr::bench {
namespace {

using core::Position;
using core::Side;

constexpr double kEps = 1e-6;

// A random problem: 1-n regions on a few positions and tools (so that regions share them and tools can be kept
// across positions), 1-max_options options each, a random goal table and budget.
PlannerProblem random_problem(std::mt19937& rng, std::size_t n, std::size_t max_options) {
  static const std::vector<Position> kPositions{Position::kFloorBack, Position::kFloorSide, Position::kSeated,
                                                Position::kStandingWall};
  static const std::vector<std::string> kTools{"roller", "ball", "stick"};
  static const std::vector<core::Goal> kGoals{core::Goal::kPostWorkout, core::Goal::kPreActivity,
                                              core::Goal::kDeskRelief, core::Goal::kBreathingCalm};
  auto below = [&](std::size_t k) { return static_cast<std::size_t>(rng() % k); };
  PlannerProblem p;
  p.goal = kGoals[below(kGoals.size())];
  p.table = benefit_table(p.goal);
  p.budget_s = 60 + 5 * static_cast<int>(below(170));
  p.check_in_s = 0;  // the transitions and doses alone (check-in windows: planner_problem.h fewest_sets)
  const std::size_t regions = 1 + below(n);
  for (std::size_t i = 0; i < regions; ++i) {
    ProblemRegion r;
    r.region = "region-" + std::to_string(i);
    r.weight = static_cast<double>(1 + below(10));
    r.sides = below(2) == 0 ? std::vector<Side>{Side::kCentre} : std::vector<Side>{Side::kLeft, Side::kRight};
    const std::size_t options = 1 + below(max_options);
    for (std::size_t o = 0; o < options; ++o) {
      r.options.push_back(Option{"exercise-" + std::to_string(i) + "-" + std::to_string(o),
                                 kTools[below(kTools.size())], kPositions[below(kPositions.size())]});
    }
    p.regions.push_back(std::move(r));
  }
  return p;
}

// The best enumerated optimum over every choice of one option per region.
double best_over_option_choices(const PlannerProblem& problem) {
  std::vector<std::size_t> pick(problem.regions.size(), 0);
  double best = 0;
  while (true) {
    PlannerProblem one = problem;
    for (std::size_t i = 0; i < pick.size(); ++i) one.regions[i].options = {problem.regions[i].options[pick[i]]};
    best = std::max(best, *enumerate_optimum(one));
    std::size_t i = 0;
    while (i < pick.size() && ++pick[i] == problem.regions[i].options.size()) pick[i++] = 0;
    if (i == pick.size()) return best;
  }
}

std::string describe(const PlannerProblem& p) {
  std::string out = "budget " + std::to_string(p.budget_s) + " s, goal " + std::string(to_string(p.goal)) + ":";
  for (const auto& r : p.regions) {
    out += "\n  " + r.region + " w" + std::to_string(r.weight) + " sides " + std::to_string(r.sides.size()) + ":";
    for (const auto& o : r.options) out += " " + std::string(to_string(o.position)) + "/" + o.tool;
  }
  return out;
}

TEST(PlannerReferenceTest, MilpEqualsEnumerationOverEveryOptionChoice) {
  std::mt19937 rng(15);
  for (int k = 0; k < 120; ++k) {
    const auto problem = random_problem(rng, 5, 3);
    const auto milp = solve_milp(problem);
    ASSERT_TRUE(milp.optimal) << milp.status << "\n" << describe(problem);
    EXPECT_NEAR(milp.value, best_over_option_choices(problem), kEps) << describe(problem);
  }
}

TEST(PlannerReferenceTest, MilpRoutineIsFeasibleAndScoresItsValue) {
  std::mt19937 rng(16);
  for (int k = 0; k < 60; ++k) {
    const auto problem = random_problem(rng, 8, 4);
    const auto milp = solve_milp(problem);
    ASSERT_TRUE(milp.optimal) << milp.status << "\n" << describe(problem);
    const auto routine = routine_of(problem, milp.order);
    const auto score = score_routine(problem, routine);
    EXPECT_TRUE(score.problems.empty()) << score.problems.front() << "\n" << describe(problem);
    EXPECT_NEAR(score.value, milp.value, kEps) << describe(problem);
    EXPECT_LE(routine.total_s(), milp.total_s) << describe(problem);
    EXPECT_LE(milp.total_s, problem.budget_s) << describe(problem);
  }
}

// With one dose worth 1 and a budget of exactly the doses plus the least transitions over every order, everything
// fits; 5 s less and something must go. So the program counts exactly the least transitions.
TEST(PlannerReferenceTest, CountsTheLeastTransitionsOverEveryOrder) {
  std::mt19937 rng(17);
  for (int k = 0; k < 80; ++k) {
    auto problem = random_problem(rng, 7, 1);
    problem.table = {{30, 1}};
    double all = 0;
    int doses_s = 0;
    for (const auto& r : problem.regions) {
      all += r.weight * static_cast<double>(r.sides.size());
      doses_s += 30 * static_cast<int>(r.sides.size());
    }
    problem.budget_s = doses_s + *least_transitions_s(problem);
    EXPECT_NEAR(solve_milp(problem).value, all, kEps) << describe(problem);
    problem.budget_s -= 5;
    EXPECT_LT(solve_milp(problem).value, all - kEps) << describe(problem);
  }
}

TEST(PlannerReferenceTest, ScoreNamesWhatMakesARoutineInfeasible) {
  PlannerProblem problem;
  problem.goal = core::Goal::kPostWorkout;
  problem.table = benefit_table(problem.goal);
  problem.budget_s = 600;
  problem.check_in_s = 0;
  problem.regions.push_back(ProblemRegion{
      "calves", {Side::kLeft, Side::kRight}, 10, {Option{"calf-roll", "roller", Position::kFloorSeated}}});
  const auto routine = routine_of(problem, {MilpPick{0, 0, 90}});
  EXPECT_TRUE(score_routine(problem, routine).problems.empty());
  EXPECT_DOUBLE_EQ(score_routine(problem, routine).value, 10 * 75 * 2);

  auto other_tool = routine;
  other_tool.steps[1].tool = "ball";
  other_tool.steps[1].transition_s = 20;
  EXPECT_EQ(score_routine(problem, other_tool).problems,
            (std::vector<std::string>{"step calves: calf-roll with ball does not pass the hard filters",
                                      "step calves: its sides differ in exercise, tool or time"}));

  auto short_transition = routine;
  short_transition.steps[0].transition_s = 10;
  EXPECT_EQ(score_routine(problem, short_transition).problems,
            (std::vector<std::string>{"step calves: transition 10 s, the documented rule gives 15 s"}));

  problem.budget_s = 190;  // 15 + 90 + 5 + 90 = 200 s
  problem.check_in_s = 0;
  EXPECT_EQ(score_routine(problem, routine).problems,
            (std::vector<std::string>{"over budget: 200 s with the documented transitions, 190 s allowed"}));
}

TEST(PlannerReferenceTest, ProblemOffersOnlyOwnedToolsOnUnblockedSides) {
  const auto catalog = catalog::load_builtin_catalog();
  ASSERT_TRUE(catalog);
  core::Profile profile;
  profile.tools = {"lacrosse-ball"};
  core::PlanRequest request;
  request.goal = core::Goal::kDailyMobility;
  request.minutes = 20;
  const auto problem = build_problem(*catalog, profile, request);
  ASSERT_TRUE(problem);
  ASSERT_FALSE(problem->regions.empty());
  for (const auto& r : problem->regions) {
    for (const auto& o : r.options) {
      EXPECT_EQ(o.tool, "lacrosse-ball") << r.region;
      EXPECT_TRUE(catalog->find_exercise(o.exercise)->fits(request.context)) << o.exercise;
    }
  }
}

// A smoke run of the benchmark: a few generated requests on the built-in catalog, each planned and solved by
// GLPK over the whole eligible catalog. The planner's routine passes the documented hard filters and
// transitions, never beats the optimum, and reaches at least 90 % of it (the benchmark's targets are 99 % on
// average and 100 % on 90 % of 300+ instances).
TEST(PlannerReferenceTest, PlannerStaysNearTheWholeCatalogOptimumSmoke) {
  const auto catalog = catalog::load_builtin_catalog();
  ASSERT_TRUE(catalog);
  std::mt19937 rng(2026);
  auto below = [&](std::size_t k) { return static_cast<std::size_t>(rng() % k); };
  int checked = 0;
  for (int k = 0; k < 200 && checked < 12; ++k) {
    core::Profile profile;
    for (const auto& t : catalog->tools()) {
      if (below(2) == 0) profile.tools.push_back(t.id);
    }
    if (profile.tools.empty()) profile.tools.push_back(catalog->tools().front().id);
    profile.experience = below(2) == 0 ? core::Experience::kNew : core::Experience::kRegular;
    core::PlanRequest request;
    request.goal = core::EnumNames<core::Goal>::kNames[below(8)].first;
    request.minutes = checked % 3 == 2 ? 60 : 5 + static_cast<int>(below(11));
    request.context = core::EnumNames<core::Context>::kNames[below(5)].first;
    const auto& region = catalog->regions()[below(catalog->regions().size())];
    request.focus = {{region.id, std::nullopt}};
    const auto routine = core::plan(*catalog, profile, request);
    const auto problem = build_problem(*catalog, profile, request);
    if (!routine || !problem || problem->regions.empty()) continue;
    const auto best = solve_milp(*problem, {30});
    if (!best.optimal) continue;  // a rare slow 60-minute instance: the benchmark reports those
    ++checked;
    const auto got = score_routine(*problem, *routine);
    EXPECT_TRUE(got.problems.empty()) << got.problems.front() << "\n" << describe(*problem);
    EXPECT_LE(got.value, best.value + kEps) << describe(*problem);
    EXPECT_GE(got.value, 0.9 * best.value) << describe(*problem);
  }
  EXPECT_GE(checked, 10);
}

}  // namespace
}  // namespace smr::bench
