#pragma once
// The planner's selection problem, on its own so that it can be tested and checked against an exact
// reference (bench/planner): which candidate regions to roll, and for how long each.
//
// Each item is one candidate (a region, with one or both sides). It is either left out, or rolled with one
// of its dose options; choosing an option costs the item's overhead (the time to change position, tool and
// side, an upper bound) plus the option's time. The objective is the sum of the chosen options' values,
// subject to the total time not exceeding the budget and, whenever some choice can, filling at least
// kFillPercent of it (so a short budget is used even when one high-priority region could take most of it).
// Values need not be concave. Times are whole seconds, multiples of kSelectionStep_s.

#include <vector>

namespace smr::core {

inline constexpr int kSelectionStep_s = 5;
inline constexpr int kFillPercent = 90;

struct DoseOption {
  int time_s = 0;  // every side together, without the overhead
  double value = 0;
};

struct SelectionItem {
  int overhead_s = 0;
  std::vector<DoseOption> options;  // ascending time
};

struct Selection {
  std::vector<int> choice;  // per item: the option index, or -1 when left out
  double value = 0;
  int time_s = 0;  // overheads included
};

// Exact: dynamic programming over the budget in kSelectionStep_s units (O(items x options x budget)).
// Deterministic for equal input.
Selection choose_doses(const std::vector<SelectionItem>& items, int budget_s);

// Both answers of one dynamic-programming pass: `filled` is choose_doses()'s (fill rule included), `best` the
// highest value whatever the fill (the same when the fill rule costs nothing). The planner tries both: the
// order and the slack fill often fill the budget from a selection that the upper-bound overheads call short.
struct SelectionPair {
  Selection filled;
  Selection best;
};
SelectionPair choose_doses_both(const std::vector<SelectionItem>& items, int budget_s);

// The dynamic programme once, for every budget up to `max_budget_s`: choose(b) gives what
// choose_doses_both(items, b) gives, for any b <= max_budget_s, without redoing the table (the planner asks
// for several budgets). Keeps a reference to `items`.
class DoseSelector {
 public:
  DoseSelector(const std::vector<SelectionItem>& items, int max_budget_s);
  SelectionPair choose(int budget_s) const;

 private:
  Selection rebuild(int units) const;

  const std::vector<SelectionItem>& items_;
  int cap_ = 0;                    // units
  std::size_t width_ = 1;          // cap_ + 1
  std::vector<double> best_;       // best_[t]: the best value using exactly t units (-inf: impossible)
  std::vector<signed char> pick_;  // pick_[i * width_ + t]: item i's option in that solution (-1: left out)
};

// Exact reference by branch and bound over every combination (exponential: small instances only).
Selection choose_doses_exhaustive(const std::vector<SelectionItem>& items, int budget_s);

}  // namespace smr::core
