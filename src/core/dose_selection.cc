#include "core/dose_selection.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace smr::core {

namespace {

constexpr double kEps = 1e-9;

int units(int seconds) { return (seconds + kSelectionStep_s - 1) / kSelectionStep_s; }

}  // namespace

Selection choose_doses(const std::vector<SelectionItem>& items, int budget_s) {
  // Never wider than everything at once: exact, and fast when the budget is larger than the candidates.
  int everything = 0;
  for (const auto& item : items) {
    if (!item.options.empty()) everything += units(item.overhead_s + item.options.back().time_s);
  }
  const int cap = std::min(std::max(0, budget_s) / kSelectionStep_s, everything);
  const std::size_t width = static_cast<std::size_t>(cap) + 1;
  constexpr double kNone = -std::numeric_limits<double>::infinity();
  // best[t]: the best value using exactly t units with the items seen so far (kNone: impossible).
  std::vector<double> best(width, kNone);
  best[0] = 0;
  std::vector<double> next(width);
  // pick[i * width + t]: the option of item i in the best solution using exactly t units (-1: left out).
  std::vector<std::int8_t> pick(items.size() * width, -1);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    next = best;
    auto* row = &pick[i * width];
    for (std::size_t k = 0; k < item.options.size(); ++k) {
      const int cost = units(item.overhead_s + item.options[k].time_s);
      if (cost > cap) break;
      const double v = item.options[k].value;
      for (int t = cost; t <= cap; ++t) {
        const double before = best[static_cast<std::size_t>(t - cost)];
        if (before == kNone) continue;
        if (before + v > next[static_cast<std::size_t>(t)] + kEps) {
          next[static_cast<std::size_t>(t)] = before + v;
          row[t] = static_cast<std::int8_t>(k);
        }
      }
    }
    best.swap(next);
  }
  // The best total among those that fill at least kFillPercent of the budget, if any can; else the best.
  const int floor_units = (std::max(0, budget_s) * kFillPercent / 100 + kSelectionStep_s - 1) / kSelectionStep_s;
  int t = -1;
  for (int pass = 0; pass < 2 && t < 0; ++pass) {
    for (int u = pass == 0 ? floor_units : 0; u <= cap; ++u) {
      const double v = best[static_cast<std::size_t>(u)];
      if (v != kNone && (t < 0 || v > best[static_cast<std::size_t>(t)] + kEps)) t = u;
    }
  }
  Selection out;
  out.choice.assign(items.size(), -1);
  for (std::size_t i = items.size(); i-- > 0;) {
    const int k = pick[i * width + static_cast<std::size_t>(t)];
    if (k < 0) continue;
    out.choice[i] = k;
    const auto& item = items[i];
    const auto& option = item.options[static_cast<std::size_t>(k)];
    out.value += option.value;
    out.time_s += item.overhead_s + option.time_s;
    t -= units(item.overhead_s + option.time_s);
  }
  return out;
}

namespace {

struct Search {
  const std::vector<SelectionItem>& items;
  int budget_s;
  int floor_s;                // the fill threshold
  std::vector<double> bound;  // bound[i]: the most value items i.. could add, ignoring time
  std::vector<int> rest_s;    // rest_s[i]: the most time items i.. could add, ignoring the budget
  std::vector<int> current;
  Selection best;       // among every selection
  Selection best_full;  // among those that reach floor_s

  void run(std::size_t i, int time_s, double value) {
    const bool can_fill = time_s + rest_s[i] >= floor_s;
    // Prune when this branch can beat neither the best full selection nor (while none is full) the best.
    const bool beats_full = can_fill && value + bound[i] > best_full.value + kEps;
    const bool beats_any = best_full.value < 0 && value + bound[i] > best.value + kEps;
    if (!beats_full && !beats_any) return;
    if (i == items.size()) {
      if (value > best.value + kEps) best = Selection{current, value, time_s};
      if (time_s >= floor_s && value > best_full.value + kEps) best_full = Selection{current, value, time_s};
      return;
    }
    const auto& item = items[i];
    for (std::size_t k = item.options.size(); k-- > 0;) {  // large doses first: good solutions early
      const int cost = item.overhead_s + item.options[k].time_s;
      if (time_s + cost > budget_s) continue;
      current[i] = static_cast<int>(k);
      run(i + 1, time_s + cost, value + item.options[k].value);
    }
    current[i] = -1;
    run(i + 1, time_s, value);
  }
};

}  // namespace

Selection choose_doses_exhaustive(const std::vector<SelectionItem>& items, int budget_s) {
  const int floor_units = (std::max(0, budget_s) * kFillPercent / 100 + kSelectionStep_s - 1) / kSelectionStep_s;
  Search s{items,
           budget_s,
           floor_units * kSelectionStep_s,
           std::vector<double>(items.size() + 1, 0.0),
           std::vector<int>(items.size() + 1, 0),
           std::vector<int>(items.size(), -1),
           {},
           {}};
  for (std::size_t i = items.size(); i-- > 0;) {
    double most = 0;
    int longest = 0;
    for (const auto& o : items[i].options) {
      most = std::max(most, o.value);
      longest = std::max(longest, items[i].overhead_s + o.time_s);
    }
    s.bound[i] = s.bound[i + 1] + most;
    s.rest_s[i] = s.rest_s[i + 1] + longest;
  }
  s.best.value = -1;
  s.best_full.value = -1;
  s.run(0, 0, 0.0);
  return s.best_full.value >= 0 ? s.best_full : s.best;
}

}  // namespace smr::core
