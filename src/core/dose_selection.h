#pragma once
// The planner's selection problem, on its own so that it can be tested and checked against an exact
// reference (bench/planner): which candidate regions to roll, and for how long each.
//
// Each item is one candidate (a region, with one or both sides). It is either left out, or rolled with one
// of its dose options; choosing an option costs the item's overhead plus the option's time. Items may belong to
// a group (a position, and a tool within it): the first item chosen in a position pays the position's cost
// once, the first in a (position, tool) pair the tool's cost once (GroupCosts; the transitions of an order that
// enters each position once and each tool of a position once, docs/planner.md, "The objective"). The objective
// is the sum of the chosen options' values, subject to the total time not exceeding the budget and, whenever
// some choice can, filling at least kFillPercent of it (so a short budget is used even when one high-priority
// region could take most of it). Values need not be concave. Times are whole seconds, rounded up to
// kSelectionStep_s per item and per group.

#include <cstddef>
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
  std::vector<DoseOption> options;  // any order; at most 100
  // The item's group: its position and its tool (any ids; a tool id means that tool in that position). -1: none
  // (the item pays only its overhead).
  int position = -1;
  int tool = -1;
};

// What a group costs once, whatever number of its items are chosen.
struct GroupCosts {
  int position_s = 0;  // the first item in a position
  int tool_s = 0;      // the first item with a tool in a position
};

struct Selection {
  std::vector<int> choice;  // per item: the option index, or -1 when left out
  double value = 0;
  int time_s = 0;  // overheads and group costs included
};

// Exact: dynamic programming over the budget in kSelectionStep_s units (O(items x options x budget)).
// Deterministic for equal input.
Selection choose_doses(const std::vector<SelectionItem>& items, int budget_s, GroupCosts groups = {});

// Both answers of one dynamic-programming pass: `filled` is choose_doses()'s (fill rule included), `best` the
// highest value whatever the fill (the same when the fill rule costs nothing). The planner tries both: the
// order and the slack fill often fill the budget from a selection that the upper-bound overheads call short.
struct SelectionPair {
  Selection filled;
  Selection best;
};
SelectionPair choose_doses_both(const std::vector<SelectionItem>& items, int budget_s, GroupCosts groups = {});

// The dynamic programme once, for every budget up to `max_budget_s`: choose(b) gives what
// choose_doses_both(items, b) gives, for any b <= max_budget_s, without redoing the table (the planner asks
// for several budgets). Keeps a reference to `items`.
class DoseSelector {
 public:
  DoseSelector(const std::vector<SelectionItem>& items, int max_budget_s, GroupCosts groups = {});
  SelectionPair choose(int budget_s) const;

 private:
  Selection rebuild(int units) const;

  struct ToolGroup {
    std::vector<std::size_t> items;
    std::size_t row = 0;  // its rows in on_ and from_outside_
  };
  struct PositionGroup {
    std::vector<ToolGroup> tools;
    std::size_t row = 0;  // its row in on_
  };

  const std::vector<SelectionItem>& items_;
  GroupCosts groups_;
  std::vector<std::size_t> loose_;        // items without a group
  std::vector<PositionGroup> positions_;  // the groups, in the order they were added to the table
  int cap_ = 0;                           // units
  std::size_t width_ = 1;                 // cap_ + 1
  std::vector<double> best_;              // best_[t]: the best value using exactly t units (-inf: impossible)
  // pick_[i * width_ + t]: item i's option in that solution (-1: left out); + kFirst when it is the first item of
  // its tool group (before it, the state is the group's start).
  std::vector<signed char> pick_;
  // on_[g * width_ + t]: group g (a position or a tool group) is entered in the solution using t units;
  // from_outside_[g * width_ + t]: tool group g starts right after its position is entered (not after another
  // tool of the position).
  std::vector<unsigned char> on_, from_outside_;
};

// Exact reference by branch and bound over every combination (exponential: small instances only).
Selection choose_doses_exhaustive(const std::vector<SelectionItem>& items, int budget_s, GroupCosts groups = {});

}  // namespace smr::core
