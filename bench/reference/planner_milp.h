#pragma once
// The planner's objective over a whole PlannerProblem as a mixed-integer program, solved exactly by GLPK. The
// formulation (variables, constraints, why position-contiguous orders lose nothing) is in docs/planner.md,
// "Quality: the exact reference". Not thread-safe (GLPK keeps global state): one solve at a time.

#include <cstddef>
#include <string>
#include <vector>

#include "reference/planner_problem.h"

namespace smr::bench {

struct MilpOptions {
  double time_limit_s = 60;  // per solve; a solve cut short is reported as not optimal
  bool verbose = false;      // GLPK's progress on stdout
};

struct MilpPick {
  std::size_t region = 0;  // index into PlannerProblem::regions
  std::size_t option = 0;  // index into that region's options
  int per_side_s = 0;      // a dose of the problem's table
};

struct MilpSolution {
  bool optimal = false;         // GLPK proved the optimum (within the time limit)
  std::string status;           // GLPK's outcome in words ("optimal", "time limit, no solution", ...)
  double value = 0;             // the objective of the best routine found
  double bound = 0;             // a proven upper bound on the optimum (= value when optimal)
  std::vector<MilpPick> order;  // the chosen regions in the routine's order (a paired region: both sides)
  int transition_s = 0;         // as counted by the program: at least the real transitions of that order (the
                                // program need not count the least when the budget does not bind)
  int total_s = 0;              // transitions + doses + the check-in window after each set
  double solve_s = 0;           // wall time of the solve
  int rows = 0, columns = 0, integer_columns = 0;
};

MilpSolution solve_milp(const PlannerProblem& problem, const MilpOptions& options = {});

// The routine steps of an ordered pick list (exercise, tool, position, sides, the dose in its fewest sets),
// with the documented transitions: to check independently of the program what its order costs.
core::Routine routine_of(const PlannerProblem& problem, const std::vector<MilpPick>& order);

}  // namespace smr::bench
