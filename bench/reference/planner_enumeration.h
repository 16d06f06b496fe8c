#pragma once
// A second, independent exact solver for small problems with one option per region (the planner's candidate
// pool): every subset of the regions, every table dose for each and every order, by Held-Karp dynamic
// programming over orders (2^n · n^2) and a depth-first search over doses. It knows nothing of the MILP's
// formulation, so the two agreeing checks the MILP (bench/planner_bench.cc and the smoke test).

#include <cstddef>
#include <optional>

#include "reference/planner_problem.h"

namespace smr::bench {

inline constexpr std::size_t kMaxEnumeratedRegions = 10;

// The optimum of `problem`, or nullopt when a region has more than one option or there are more than
// kMaxEnumeratedRegions regions.
std::optional<double> enumerate_optimum(const PlannerProblem& problem);

// The least transition time of doing every region of `problem` (its first option each) in any order, with the
// documented transitions (a paired region's sides one after the other). nullopt as above.
std::optional<int> least_transitions_s(const PlannerProblem& problem);

}  // namespace smr::bench
