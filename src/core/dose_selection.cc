#include "core/dose_selection.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace smr::core {

namespace {

constexpr double kEps = 1e-9;
constexpr double kNone = -std::numeric_limits<double>::infinity();
constexpr signed char kFirst = 64;  // added to a pick: the first item chosen in its tool group

int units(int seconds) { return (seconds + kSelectionStep_s - 1) / kSelectionStep_s; }

int longest_units(const SelectionItem& item) {
  int most = 0;
  for (const auto& o : item.options) most = std::max(most, units(item.overhead_s + o.time_s));
  return most;
}

// to[t] = from[t - shift] (kNone below), for t <= top.
void shifted(const std::vector<double>& from, int shift, int top, std::vector<double>& to) {
  std::fill(to.begin(), to.begin() + std::min(shift, top + 1), kNone);
  for (int t = shift; t <= top; ++t) to[static_cast<std::size_t>(t)] = from[static_cast<std::size_t>(t - shift)];
}

// One option of an item: out[t] = in[t - cost] + value where that beats out[t] by more than kEps (and row[t] =
// chosen there), for cost <= t <= top. Written branch-free (g++ vectorises it only where the target has masked
// stores, e.g. -mavx2); kNone + value stays kNone and never wins.
void relax(const double* __restrict in, double* __restrict out, signed char* __restrict row, int cost, int top,
           double value, signed char chosen) {
  for (int t = cost; t <= top; ++t) {
    const double candidate = in[t - cost] + value;
    const bool wins = candidate > out[t] + kEps;
    out[t] = wins ? candidate : out[t];
    row[t] = wins ? chosen : row[t];
  }
}

}  // namespace

DoseSelector::DoseSelector(const std::vector<SelectionItem>& items, int max_budget_s, GroupCosts groups)
    : items_(items), groups_(groups) {
  // The groups, positions and tools in first-seen order; items in input order inside them.
  std::vector<int> position_ids;
  std::vector<std::vector<int>> tool_ids;
  int everything = 0;  // units: never wider than everything at once (exact, and fast for large budgets)
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    if (item.options.empty()) continue;
    everything += longest_units(item);
    if (item.position < 0) {
      loose_.push_back(i);
      continue;
    }
    auto p = std::find(position_ids.begin(), position_ids.end(), item.position);
    if (p == position_ids.end()) {
      p = position_ids.insert(position_ids.end(), item.position);
      tool_ids.emplace_back();
      positions_.emplace_back();
      everything += units(groups.position_s);
    }
    const auto pi = static_cast<std::size_t>(p - position_ids.begin());
    auto& tools = tool_ids[pi];
    auto k = std::find(tools.begin(), tools.end(), item.tool);
    if (k == tools.end()) {
      k = tools.insert(tools.end(), item.tool);
      positions_[pi].tools.emplace_back();
      everything += units(groups.tool_s);
    }
    positions_[pi].tools[static_cast<std::size_t>(k - tools.begin())].items.push_back(i);
  }
  std::size_t rows = 0;
  for (auto& p : positions_) {
    p.row = rows++;
    for (auto& t : p.tools) t.row = rows++;
  }
  cap_ = std::min(std::max(0, max_budget_s) / kSelectionStep_s, everything);
  width_ = static_cast<std::size_t>(cap_) + 1;
  best_.assign(width_, kNone);
  best_[0] = 0;
  pick_.assign(items.size() * width_, -1);
  on_.assign(rows * width_, 0);
  from_outside_.assign(rows * width_, 0);

  // One item into `table` (each item at most once). It adds to the table as it was before it or, in a tool
  // group, to the group's start (`start`, up to start_reach). Option by option, in order, an option wins a t
  // when it beats the value there by more than kEps (relax). The exact-t values do not depend on the cap, so one
  // table serves every budget up to it.
  std::vector<double> source(width_, kNone);
  int reach = 0;  // the most units the items seen so far can take: best_[t] is kNone above it
  std::vector<double> before(width_, kNone);
  auto add_plain = [&](std::size_t i, std::vector<double>& table, int& table_reach, const std::vector<double>* start,
                       int start_reach) {
    const auto& item = items[i];
    signed char* __restrict row = &pick_[i * width_];
    const int top = std::min(cap_, std::max(table_reach, start ? start_reach : 0) + longest_units(item));
    const auto end = static_cast<std::size_t>(top) + 1;
    const auto kept = static_cast<std::size_t>(std::max(0, std::min(table_reach, top) + 1));
    std::fill(table.begin() + static_cast<std::ptrdiff_t>(kept), table.begin() + static_cast<std::ptrdiff_t>(end),
              kNone);
    std::copy(table.begin(), table.begin() + static_cast<std::ptrdiff_t>(end), before.begin());
    std::copy(before.begin(), before.begin() + static_cast<std::ptrdiff_t>(end), source.begin());
    if (start) {
      const double* __restrict from = start->data();
      double* __restrict to = source.data();
      for (int t = 0, last = std::min(start_reach, top); t <= last; ++t) to[t] = to[t] > from[t] ? to[t] : from[t];
    }
    for (std::size_t k = 0; k < item.options.size(); ++k) {
      relax(source.data(), table.data(), row, units(item.overhead_s + item.options[k].time_s), top,
            item.options[k].value, static_cast<signed char>(k));
    }
    if (start) {  // a pick added to the group's start, not to the items before it: the group's first item
      for (int t = 0; t <= top; ++t) {
        const int k = row[t];
        if (k < 0) continue;
        const auto from =
            static_cast<std::size_t>(t - units(item.overhead_s + item.options[static_cast<std::size_t>(k)].time_s));
        if (source[from] > before[from] + kEps || before[from] == kNone) row[t] = static_cast<signed char>(k + kFirst);
      }
    }
    table_reach = top;
  };

  for (const auto i : loose_) add_plain(i, best_, reach, nullptr, 0);
  const int pu = units(groups.position_s), tu = units(groups.tool_s);
  std::vector<double> entered(width_, kNone), opened(width_, kNone), tool(width_, kNone), start(width_, kNone);
  for (const auto& p : positions_) {
    // `entered`: the position entered and at least one of its tools done so far (kNone at first).
    const int outside_reach = std::min(cap_, reach + pu);
    shifted(best_, pu, outside_reach, opened);  // the position entered, nothing in it yet
    int entered_reach = -1;
    for (const auto& g : p.tools) {
      // The tool group starts after the position's entry or after its earlier tools, plus the tool's cost.
      const int start_reach = std::min(cap_, std::max(outside_reach, entered_reach) + tu);
      unsigned char* outside = &from_outside_[g.row * width_];
      for (int t = 0; t <= start_reach; ++t) {
        const auto u = static_cast<std::size_t>(t);
        const double a = t >= tu && t - tu <= outside_reach ? opened[u - static_cast<std::size_t>(tu)] : kNone;
        const double b = t >= tu && t - tu <= entered_reach ? entered[u - static_cast<std::size_t>(tu)] : kNone;
        outside[t] = a > b + kEps || (a != kNone && b == kNone) ? 1 : 0;
        start[u] = std::max(a, b);
      }
      int tool_reach = -1;
      for (const auto i : g.items) add_plain(i, tool, tool_reach, &start, start_reach);
      // The position after this tool: the better of without it and with it (at least one item).
      unsigned char* on = &on_[g.row * width_];
      const int top = std::max(entered_reach, tool_reach);
      for (int t = 0; t <= top; ++t) {
        const auto u = static_cast<std::size_t>(t);
        const double without = t <= entered_reach ? entered[u] : kNone;
        const double with = t <= tool_reach ? tool[u] : kNone;
        const bool wins = with > without + kEps;
        on[t] = wins ? 1 : 0;
        entered[u] = wins ? with : without;
      }
      entered_reach = top;
    }
    unsigned char* on = &on_[p.row * width_];
    const int top = std::max(reach, entered_reach);
    for (int t = 0; t <= top; ++t) {
      const auto u = static_cast<std::size_t>(t);
      const double without = t <= reach ? best_[u] : kNone;
      const double with = t <= entered_reach ? entered[u] : kNone;
      const bool wins = with > without + kEps;
      on[t] = wins ? 1 : 0;
      best_[u] = wins ? with : without;
    }
    reach = top;
  }
}

Selection DoseSelector::rebuild(int t) const {
  Selection out;
  out.choice.assign(items_.size(), -1);
  auto take = [&](std::size_t i, int k) {
    out.choice[i] = k;
    const auto& item = items_[i];
    const auto& option = item.options[static_cast<std::size_t>(k)];
    out.value += option.value;
    out.time_s += item.overhead_s + option.time_s;
    t -= units(item.overhead_s + option.time_s);
  };
  const int pu = units(groups_.position_s), tu = units(groups_.tool_s);
  for (std::size_t p = positions_.size(); p-- > 0;) {
    const auto& position = positions_[p];
    if (!on_[position.row * width_ + static_cast<std::size_t>(t)]) continue;
    out.time_s += groups_.position_s;
    // In the position (at least one tool done): back through its tools.
    for (std::size_t g = position.tools.size(); g-- > 0;) {
      const auto& group = position.tools[g];
      if (!on_[group.row * width_ + static_cast<std::size_t>(t)]) continue;
      out.time_s += groups_.tool_s;
      for (std::size_t j = group.items.size(); j-- > 0;) {
        const auto i = group.items[j];
        const int k = pick_[i * width_ + static_cast<std::size_t>(t)];
        if (k < 0) continue;
        take(i, k % kFirst);
        if (k >= kFirst) break;  // the group's start
      }
      const bool outside = from_outside_[group.row * width_ + static_cast<std::size_t>(t)];
      t -= tu;
      if (outside) break;  // right after the position's entry
    }
    t -= pu;
  }
  for (std::size_t j = loose_.size(); j-- > 0;) {
    const auto i = loose_[j];
    const int k = pick_[i * width_ + static_cast<std::size_t>(t)];
    if (k >= 0) take(i, k);
  }
  return out;
}

SelectionPair DoseSelector::choose(int budget_s) const {
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

SelectionPair choose_doses_both(const std::vector<SelectionItem>& items, int budget_s, GroupCosts groups) {
  return DoseSelector(items, budget_s, groups).choose(budget_s);
}

Selection choose_doses(const std::vector<SelectionItem>& items, int budget_s, GroupCosts groups) {
  return choose_doses_both(items, budget_s, groups).filled;
}

namespace {

struct Search {
  const std::vector<SelectionItem>& items;
  int budget_s;
  int floor_s;  // the fill threshold
  GroupCosts groups;
  std::vector<double> bound;  // bound[i]: the most value items i.. could add, ignoring time
  std::vector<int> rest_s;    // rest_s[i]: the most time items i.. could add, ignoring the budget
  std::vector<int> current;
  std::vector<std::pair<int, int>> open;  // (position, tool) of each chosen grouped item
  Selection best;                         // among every selection
  Selection best_full;                    // among those that reach floor_s

  // What choosing item i adds for its groups, given the items chosen so far.
  int group_cost_s(const SelectionItem& item) const {
    if (item.position < 0) return 0;
    int cost = 0;
    if (std::none_of(open.begin(), open.end(), [&](const auto& o) { return o.first == item.position; })) {
      cost += units(groups.position_s) * kSelectionStep_s;
    }
    if (std::find(open.begin(), open.end(), std::pair{item.position, item.tool}) == open.end()) {
      cost += units(groups.tool_s) * kSelectionStep_s;
    }
    return cost;
  }

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
    const int setup_s = group_cost_s(item);
    for (std::size_t k = item.options.size(); k-- > 0;) {  // large doses first: good solutions early
      // in selection units, as the dynamic programme counts them
      const int cost = units(item.overhead_s + item.options[k].time_s) * kSelectionStep_s + setup_s;
      if (time_s + cost > budget_s) continue;
      current[i] = static_cast<int>(k);
      if (item.position >= 0) open.emplace_back(item.position, item.tool);
      run(i + 1, time_s + cost, value + item.options[k].value);
      if (item.position >= 0) open.pop_back();
    }
    current[i] = -1;
    run(i + 1, time_s, value);
  }
};

}  // namespace

Selection choose_doses_exhaustive(const std::vector<SelectionItem>& items, int budget_s, GroupCosts groups) {
  const int floor_units = (std::max(0, budget_s) * kFillPercent / 100 + kSelectionStep_s - 1) / kSelectionStep_s;
  Search s{items,
           budget_s / kSelectionStep_s * kSelectionStep_s,
           floor_units * kSelectionStep_s,
           groups,
           std::vector<double>(items.size() + 1, 0.0),
           std::vector<int>(items.size() + 1, 0),
           std::vector<int>(items.size(), -1),
           {},
           {},
           {}};
  const int setup_s = (units(groups.position_s) + units(groups.tool_s)) * kSelectionStep_s;
  for (std::size_t i = items.size(); i-- > 0;) {
    double most = 0;
    int longest = 0;
    for (const auto& o : items[i].options) {
      most = std::max(most, o.value);
      longest = std::max(
          longest, units(items[i].overhead_s + o.time_s) * kSelectionStep_s + (items[i].position >= 0 ? setup_s : 0));
    }
    s.bound[i] = s.bound[i + 1] + most;
    s.rest_s[i] = s.rest_s[i + 1] + longest;
  }
  s.best.value = -1;
  s.best_full.value = -1;
  s.run(0, 0, 0.0);
  // Selection::time_s in seconds, as choose_doses() counts it (unrounded)
  auto& out = s.best_full.value >= 0 ? s.best_full : s.best;
  out.time_s = 0;
  std::vector<std::pair<int, int>> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (out.choice[i] < 0) continue;
    const auto& item = items[i];
    out.time_s += item.overhead_s + item.options[static_cast<std::size_t>(out.choice[i])].time_s;
    if (item.position < 0) continue;
    if (std::none_of(seen.begin(), seen.end(), [&](const auto& o) { return o.first == item.position; })) {
      out.time_s += groups.position_s;
    }
    if (std::find(seen.begin(), seen.end(), std::pair{item.position, item.tool}) == seen.end()) {
      out.time_s += groups.tool_s;
    }
    seen.emplace_back(item.position, item.tool);
  }
  return out;
}

}  // namespace smr::core
