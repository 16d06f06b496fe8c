#include "core/dose_selection.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace smr::core {

namespace {

constexpr double kEps = 1e-9;

int units(int seconds) { return (seconds + kSelectionStep_s - 1) / kSelectionStep_s; }

}  // namespace

DoseSelector::DoseSelector(const std::vector<SelectionItem>& items, int max_budget_s) : items_(items) {
  // Never wider than everything at once: exact, and fast when the budget is larger than the candidates.
  int everything = 0;
  for (const auto& item : items) {
    if (!item.options.empty()) everything += units(item.overhead_s + item.options.back().time_s);
  }
  cap_ = std::min(std::max(0, max_budget_s) / kSelectionStep_s, everything);
  width_ = static_cast<std::size_t>(cap_) + 1;
  constexpr double kNone = -std::numeric_limits<double>::infinity();
  // best_[t] holds the items seen so far; `before` is its copy from before the current item (each item at
  // most once). Option by option, in order, an option wins a t when it beats the value there by more than kEps:
  // branch-free, so the compiler vectorises the t loop. kNone + v stays kNone and never wins. The exact-t values
  // do not depend on the cap, so one table serves every budget up to it.
  best_.assign(width_, kNone);
  best_[0] = 0;
  pick_.assign(items.size() * width_, -1);
  std::vector<double> before(width_, kNone);
  int reach = 0;  // the most units the items seen so far can take: best_[t] is kNone above it
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    if (item.options.empty()) continue;
    signed char* __restrict row = &pick_[i * width_];
    double* __restrict out = best_.data();
    const int top = std::min(cap_, reach + units(item.overhead_s + item.options.back().time_s));
    std::copy(best_.begin(), best_.begin() + top + 1, before.begin());
    const double* __restrict in = before.data();
    for (std::size_t k = 0; k < item.options.size(); ++k) {
      const int cost = units(item.overhead_s + item.options[k].time_s);
      const double v = item.options[k].value;
      const auto chosen = static_cast<signed char>(k);
      for (int t = cost; t <= top; ++t) {
        const double candidate = in[t - cost] + v;
        const bool wins = candidate > out[t] + kEps;
        out[t] = wins ? candidate : out[t];
        row[t] = wins ? chosen : row[t];
      }
    }
    reach = top;
  }
}

Selection DoseSelector::rebuild(int t) const {
  Selection out;
  out.choice.assign(items_.size(), -1);
  for (std::size_t i = items_.size(); i-- > 0;) {
    const int k = pick_[i * width_ + static_cast<std::size_t>(t)];
    if (k < 0) continue;
    out.choice[i] = k;
    const auto& item = items_[i];
    const auto& option = item.options[static_cast<std::size_t>(k)];
    out.value += option.value;
    out.time_s += item.overhead_s + option.time_s;
    t -= units(item.overhead_s + option.time_s);
  }
  return out;
}

SelectionPair DoseSelector::choose(int budget_s) const {
  constexpr double kNone = -std::numeric_limits<double>::infinity();
  const int cap = std::min(cap_, std::max(0, budget_s) / kSelectionStep_s);
  // The best total among those that fill at least kFillPercent of the budget, if any can; else the best.
  auto best_from = [&](int from) {
    int t = -1;
    for (int u = from; u <= cap; ++u) {
      const double v = best_[static_cast<std::size_t>(u)];
      if (v != kNone && (t < 0 || v > best_[static_cast<std::size_t>(t)] + kEps)) t = u;
    }
    return t;
  };
  const int floor_units = (std::max(0, budget_s) * kFillPercent / 100 + kSelectionStep_s - 1) / kSelectionStep_s;
  const int any = best_from(0);
  const int full = best_from(floor_units);
  SelectionPair out;
  out.best = rebuild(any);
  out.filled = full < 0 || full == any ? out.best : rebuild(full);
  return out;
}

SelectionPair choose_doses_both(const std::vector<SelectionItem>& items, int budget_s) {
  return DoseSelector(items, budget_s).choose(budget_s);
}

Selection choose_doses(const std::vector<SelectionItem>& items, int budget_s) {
  return choose_doses_both(items, budget_s).filled;
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
