#pragma once
// The planner's problem for one request, written from docs/planner.md and not from the planner's code: the
// candidate regions with their weights and sides ("Candidates", step 3), every exercise and tool that passes
// the hard filters on each ("Hard filters", step 4: screening blocks, tool limits, never-roll zones, context,
// owned tools, unsafe_for), the goal's benefit table and the budget ("The objective"). It is the whole eligible
// catalog for the request, not the planner's candidate pool (which holds one exercise and tool per region).
//
// When the planner gains a hard filter (a new screening limit, tool suitability, position limits), add it to
// eligible() in planner_problem.cc too: otherwise the reference may use an option the planner may not, and the
// benchmark reports the planner below the optimum.

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "core/planner.h"
#include "core/routine.h"

namespace smr::bench {

// Seconds per side -> benefit, ascending (docs/planner.md, "The objective").
using BenefitTable = std::vector<std::pair<int, double>>;

const BenefitTable& benefit_table(core::Goal goal);

// b(d): the benefit of the largest table dose not above `seconds_per_side` (0 below the smallest).
double benefit(const BenefitTable& table, int seconds_per_side);

// One way to work a region: an exercise for it and a tool the exercise lists.
struct Option {
  std::string exercise;
  std::string tool;
  core::Position position = core::Position::kFloorBack;
};

struct ProblemRegion {
  std::string region;
  std::vector<core::Side> sides;  // after blocks: kCentre, or kLeft and/or kRight; rolled all or none, alike
  double weight = 0;
  bool paired() const { return sides.size() > 1; }
  std::vector<Option> options;  // every eligible one; never empty
};

struct PlannerProblem {
  core::Goal goal = core::Goal::kDailyMobility;
  int budget_s = 0;     // for the steps: the minutes asked less the get-ready countdown (issue 16)
  int check_in_s = 10;  // the check-in window after every set (issue 16)
  BenefitTable table;
  std::vector<ProblemRegion> regions;  // candidates with a side left and at least one option
  int unworkable = 0;                  // candidates with a side left but no option (context, tools, limits)
};

// The fewest sets a dose of `seconds` per side can be split into (sets last at most 120 s, R1): the reference
// counts that many check-in windows, so it stays a relaxation of what the planner must do.
inline int fewest_sets(int seconds) { return std::max(1, (seconds + 119) / 120); }

// The problem of a request. nullopt when the request cannot be planned (a red flag, or invalid input).
std::optional<PlannerProblem> build_problem(const core::Catalog& catalog, const core::Profile& profile,
                                            const core::PlanRequest& request);

// The same problem restricted to the planner's candidate pool: its regions, each with the one exercise and tool
// the planner chose. Regions of the pool that the problem does not have are reported in `problems`.
PlannerProblem restrict_to_pool(const PlannerProblem& problem, const std::vector<core::PlanCandidate>& pool,
                                std::vector<std::string>& problems);

// The documented transition before `step` when `previous` came before it (nullptr: the first step):
// 15 s to start, 5 s to switch sides of the same region and exercise, otherwise 10 s, +10 s for a position
// change, +5 s for a tool change (docs/planner.md, step 7).
int documented_transition_s(const core::RoutineStep* previous, const core::RoutineStep& step);

// A routine's objective, Σ over its steps of w(region) · b(seconds per side), and everything that makes the
// routine infeasible for the problem (a step on a region, side, exercise or tool the problem does not allow,
// the two sides of a region done differently, a transition shorter than documented, over budget).
struct RoutineScore {
  double value = 0;
  std::vector<std::string> problems;
};
RoutineScore score_routine(const PlannerProblem& problem, const core::Routine& routine);

}  // namespace smr::bench
