#include "reference/planner_enumeration.h"

#include <algorithm>
#include <vector>

namespace smr::bench {

namespace {

constexpr double kEps = 1e-9;
constexpr int kInf = 1 << 29;

bool enumerable(const PlannerProblem& problem) {
  return problem.regions.size() <= kMaxEnumeratedRegions &&
         std::all_of(problem.regions.begin(), problem.regions.end(),
                     [](const ProblemRegion& r) { return r.options.size() == 1; });
}

// min_transitions[S]: the least transition time doing every region of the subset S, over every order
// (Held-Karp). A paired region's two sides are one block (left, a 5 s switch, right): splitting them can only
// add transitions, since every other transition takes at least 10 s.
std::vector<int> min_transitions(const PlannerProblem& problem) {
  const std::size_t n = problem.regions.size();
  const std::size_t subsets = std::size_t{1} << n;
  auto option = [&](std::size_t i) -> const Option& { return problem.regions[i].options.front(); };
  auto switch_s = [&](std::size_t i) { return problem.regions[i].paired() ? 5 : 0; };
  auto between = [&](std::size_t a, std::size_t b) {
    return 10 + (option(a).position != option(b).position ? 10 : 0) + (option(a).tool != option(b).tool ? 5 : 0);
  };
  std::vector<int> order(subsets * n, kInf);  // order[S * n + last]
  std::vector<int> best(subsets, kInf);
  best[0] = 0;
  for (std::size_t i = 0; i < n; ++i) order[(std::size_t{1} << i) * n + i] = 15 + switch_s(i);
  for (std::size_t set = 1; set < subsets; ++set) {
    for (std::size_t last = 0; last < n; ++last) {
      const int here = order[set * n + last];
      if (here >= kInf) continue;
      best[set] = std::min(best[set], here);
      for (std::size_t next = 0; next < n; ++next) {
        if (set & (std::size_t{1} << next)) continue;
        auto& there = order[(set | (std::size_t{1} << next)) * n + next];
        there = std::min(there, here + between(last, next) + switch_s(next));
      }
    }
  }
  return best;
}

class DoseSearch {
 public:
  DoseSearch(const PlannerProblem& problem, std::vector<int> transitions)
      : problem_(problem), transitions_(std::move(transitions)), n_(problem.regions.size()) {
    bound_.assign(n_ + 1, 0);
    for (std::size_t i = n_; i-- > 0;) bound_[i] = bound_[i + 1] + value(i, problem_.table.back().second);
  }

  double solve() {
    best_ = 0;
    search(0, 0, 0, 0);
    return best_;
  }

 private:
  int sides(std::size_t i) const { return static_cast<int>(problem_.regions[i].sides.size()); }
  double value(std::size_t i, double b) const { return problem_.regions[i].weight * b * sides(i); }

  void search(std::size_t i, std::size_t set, int dose_s, double so_far) {
    if (so_far > best_ + kEps) best_ = so_far;
    if (i == n_ || so_far + bound_[i] <= best_ + kEps) return;
    const std::size_t with = set | (std::size_t{1} << i);
    for (const auto& [seconds, b] : problem_.table) {
      const int dose = dose_s + (seconds + fewest_sets(seconds) * problem_.check_in_s) * sides(i);  // issue 16
      if (transitions_[with] + dose > problem_.budget_s) break;  // longer doses only cost more
      search(i + 1, with, dose, so_far + value(i, b));
    }
    search(i + 1, set, dose_s, so_far);
  }

  const PlannerProblem& problem_;
  std::vector<int> transitions_;
  std::size_t n_;
  std::vector<double> bound_;  // bound_[i]: the most regions i.. could add
  double best_ = 0;
};

}  // namespace

std::optional<double> enumerate_optimum(const PlannerProblem& problem) {
  if (!enumerable(problem)) return std::nullopt;
  return DoseSearch(problem, min_transitions(problem)).solve();
}

std::optional<int> least_transitions_s(const PlannerProblem& problem) {
  if (!enumerable(problem)) return std::nullopt;
  return min_transitions(problem).back();
}

}  // namespace smr::bench
