#include "reference/planner_milp.h"

#include <glpk.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <utility>

namespace smr::bench {

namespace {

using Terms = std::vector<std::pair<int, double>>;  // column -> coefficient

// A GLPK problem, built row by row. Columns and rows are 1-based, as in GLPK.
class Program {
 public:
  Program() : lp_(glp_create_prob(), &glp_delete_prob) { glp_set_obj_dir(lp_.get(), GLP_MAX); }

  int binary(double objective = 0) {
    const int j = glp_add_cols(lp_.get(), 1);
    glp_set_col_kind(lp_.get(), j, GLP_BV);
    glp_set_obj_coef(lp_.get(), j, objective);
    return j;
  }
  int continuous(double lo, double hi) {
    const int j = glp_add_cols(lp_.get(), 1);
    glp_set_col_bnds(lp_.get(), j, lo < hi ? GLP_DB : GLP_FX, lo, hi);
    return j;
  }
  void at_most(const Terms& terms, double hi) { row(terms, GLP_UP, 0, hi); }
  void equal(const Terms& terms, double value) { row(terms, GLP_FX, value, value); }

  glp_prob* get() const { return lp_.get(); }

 private:
  void row(const Terms& terms, int type, double lo, double hi) {
    const int i = glp_add_rows(lp_.get(), 1);
    std::vector<int> index{0};
    std::vector<double> value{0};
    for (const auto& [j, v] : terms) {
      index.push_back(j);
      value.push_back(v);
    }
    glp_set_mat_row(lp_.get(), i, static_cast<int>(terms.size()), index.data(), value.data());
    glp_set_row_bnds(lp_.get(), i, type, lo, hi);
  }

  std::unique_ptr<glp_prob, decltype(&glp_delete_prob)> lp_;
};

// A tool is dominated when another one can be used wherever it can (same region, same position) and, on a tie,
// has the smaller id. Using the other one instead never costs more (the same pairs or fewer; a kept tool stays
// kept), so dominated tools are left out of the program: far fewer equivalent choices to branch over.
std::set<std::string> dominated_tools(const PlannerProblem& problem) {
  std::map<std::string, std::set<std::pair<std::size_t, core::Position>>> where;
  for (std::size_t r = 0; r < problem.regions.size(); ++r) {
    for (const auto& o : problem.regions[r].options) where[o.tool].insert({r, o.position});
  }
  std::set<std::string> out;
  for (const auto& [b, at_b] : where) {
    for (const auto& [a, at_a] : where) {
      if (a == b || !std::includes(at_a.begin(), at_a.end(), at_b.begin(), at_b.end())) continue;
      if (at_a != at_b || a < b) {
        out.insert(b);
        break;
      }
    }
  }
  return out;
}

constexpr std::size_t kLeftOut = static_cast<std::size_t>(-1);

// The (position, tool) pairs of a problem, and for each region the pair of each option (kLeftOut for an option
// with a dominated tool).
struct Pairs {
  std::vector<core::Position> positions;                   // distinct, in first-seen order
  std::vector<std::pair<std::size_t, std::string>> pairs;  // (position index, tool)
  std::vector<std::vector<std::size_t>> option_pair;       // [region][option] -> pair index

  explicit Pairs(const PlannerProblem& problem) {
    const auto dropped = dominated_tools(problem);
    for (const auto& r : problem.regions) {
      auto& mine = option_pair.emplace_back();
      for (const auto& o : r.options) {
        if (dropped.count(o.tool)) {
          mine.push_back(kLeftOut);
          continue;
        }
        auto p = std::find(positions.begin(), positions.end(), o.position);
        if (p == positions.end()) p = positions.insert(positions.end(), o.position);
        const std::pair<std::size_t, std::string> key{static_cast<std::size_t>(p - positions.begin()), o.tool};
        auto k = std::find(pairs.begin(), pairs.end(), key);
        if (k == pairs.end()) k = pairs.insert(pairs.end(), key);
        mine.push_back(static_cast<std::size_t>(k - pairs.begin()));
      }
    }
  }
  // The pair index of (position p, tool), or -1.
  int find(std::size_t p, const std::string& tool) const {
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      if (pairs[k].first == p && pairs[k].second == tool) return static_cast<int>(k);
    }
    return -1;
  }
};

// Branching: first on the positions and (position, tool) pairs used, then as GLPK chooses. Once those are
// fixed, what is left is close to a plain choice of doses, whose relaxation is tight; branching on doses
// first explores every equivalent assignment of tools.
// The callback also keeps the best bound seen (the largest relaxation value over the open nodes), which stays a
// valid upper bound on the optimum when the time limit cuts the search short.
struct SearchState {
  std::vector<int> first;  // columns, in the order to branch on
  double bound = 1e300;
};

void on_tree(glp_tree* tree, void* info) {
  auto& search = *static_cast<SearchState*>(info);
  if (const int node = glp_ios_best_node(tree); node > 0) {
    search.bound = std::min(search.bound, glp_ios_node_bound(tree, node));
  }
  if (glp_ios_reason(tree) != GLP_IBRANCH) return;
  for (const int j : search.first) {
    if (glp_ios_can_branch(tree, j)) {
      glp_ios_branch_upon(tree, j, GLP_UP_BRNCH);
      return;
    }
  }
}

}  // namespace

MilpSolution solve_milp(const PlannerProblem& problem, const MilpOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  glp_term_out(options.verbose ? GLP_ON : GLP_OFF);
  Program lp;
  const Pairs pairs(problem);
  const std::size_t n_regions = problem.regions.size();
  const std::size_t n_positions = pairs.positions.size();
  const std::size_t n_pairs = pairs.pairs.size();

  // Columns.
  std::vector<std::vector<int>> dose(n_regions);    // z[r][d]: region r at the table's dose d per side
  std::vector<std::vector<int>> choice(n_regions);  // x[r][o]: region r done with the pair of option o
  Terms budget;                                     // Σ time ≤ budget_s
  for (std::size_t r = 0; r < n_regions; ++r) {
    const auto& region = problem.regions[r];
    const auto sides = static_cast<double>(region.sides.size());
    for (const auto& [seconds, b] : problem.table) {
      const int z = lp.binary(region.weight * sides * b);
      dose[r].push_back(z);
      // its doses, one block (10 s) and, when paired, the switch of sides (5 s)
      // and the check-in window after each of its sets (issue 16; the fewest sets the dose allows)
      budget.emplace_back(
          z, sides * (seconds + fewest_sets(seconds) * problem.check_in_s) + 10 + (region.paired() ? 5 : 0));
    }
    // options with the same pair are interchangeable: one column per distinct pair of the region
    std::vector<std::size_t> seen;
    for (const auto k : pairs.option_pair[r]) {
      if (k == kLeftOut || std::find(seen.begin(), seen.end(), k) != seen.end()) continue;
      seen.push_back(k);
      choice[r].push_back(lp.binary());
    }
  }
  auto region_pairs = [&](std::size_t r) {  // the distinct pairs of region r, in the order of choice[r]
    std::vector<std::size_t> out;
    for (const auto k : pairs.option_pair[r]) {
      if (k != kLeftOut && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
    }
    return out;
  };
  std::vector<int> used(n_pairs);  // u[k]
  for (auto& u : used) u = lp.binary();
  std::vector<int> entered(n_positions);  // v[p]
  for (auto& v : entered) v = lp.binary();
  const int any = lp.binary();  // a: the routine has a step
  // l[{p, q}][t] (p < q): positions p and q next to each other in the order, with tool t last in one and first
  // in the other, so that position change keeps the tool (saves the 5 s tool change).
  std::map<std::tuple<std::size_t, std::size_t, std::string>, int> keep;
  for (std::size_t p = 0; p < n_positions; ++p) {
    for (std::size_t q = p + 1; q < n_positions; ++q) {
      for (const auto& [at, tool] : pairs.pairs) {
        if (at == p && pairs.find(q, tool) >= 0) keep[{p, q, tool}] = lp.binary();
      }
    }
  }

  // Rows.
  for (std::size_t r = 0; r < n_regions; ++r) {
    Terms one, link;
    for (const int z : dose[r]) {
      one.emplace_back(z, 1);
      link.emplace_back(z, -1);
    }
    lp.at_most(one, 1);  // at most one dose
    const auto mine = region_pairs(r);
    for (std::size_t i = 0; i < mine.size(); ++i) {
      link.emplace_back(choice[r][i], 1);
      lp.at_most({{choice[r][i], 1}, {used[mine[i]], -1}}, 0);  // x ≤ u
    }
    lp.equal(link, 0);  // a pair exactly when a dose
  }
  for (std::size_t k = 0; k < n_pairs; ++k) {
    Terms terms{{used[k], 1}};  // u ≤ Σ x: no pair without a region
    for (std::size_t r = 0; r < n_regions; ++r) {
      const auto mine = region_pairs(r);
      for (std::size_t i = 0; i < mine.size(); ++i) {
        if (mine[i] == k) terms.emplace_back(choice[r][i], -1);
      }
    }
    lp.at_most(terms, 0);
    lp.at_most({{used[k], 1}, {entered[pairs.pairs[k].first], -1}}, 0);  // u ≤ v
  }
  for (std::size_t p = 0; p < n_positions; ++p) {
    Terms terms{{entered[p], 1}};  // v ≤ Σ u
    for (std::size_t k = 0; k < n_pairs; ++k) {
      if (pairs.pairs[k].first == p) terms.emplace_back(used[k], -1);
    }
    lp.at_most(terms, 0);
    lp.at_most({{entered[p], 1}, {any, -1}}, 0);  // v ≤ a
  }
  lp.at_most({{any, 1}}, 1);
  // The kept tools form chains of positions: a link needs its tool used at both ends, a pair of positions has
  // at most one link, a position at most two (one from before, one to after), and no set S of positions holds
  // |S| links or more (no cycle). A position linked twice with the same tool uses only that tool.
  std::map<std::pair<std::size_t, std::size_t>, Terms> between;
  std::vector<Terms> degree(n_positions);
  std::map<std::pair<std::size_t, std::string>, Terms> through;
  for (const auto& [pqt, l] : keep) {
    const auto& [p, q, tool] = pqt;
    lp.at_most({{l, 1}, {used[static_cast<std::size_t>(pairs.find(p, tool))], -1}}, 0);
    lp.at_most({{l, 1}, {used[static_cast<std::size_t>(pairs.find(q, tool))], -1}}, 0);
    between[{p, q}].emplace_back(l, 1);
    degree[p].emplace_back(l, 1);
    degree[q].emplace_back(l, 1);
    through[{p, tool}].emplace_back(l, 1);
    through[{q, tool}].emplace_back(l, 1);
    budget.emplace_back(l, -5);
  }
  for (const auto& [pq, terms] : between) lp.at_most(terms, 1);
  for (std::size_t p = 0; p < n_positions; ++p) {  // Σ links at p ≤ 2 v[p]
    if (degree[p].empty()) continue;
    Terms terms = degree[p];
    terms.emplace_back(entered[p], -2);
    lp.at_most(terms, 0);
  }
  // links at p with tool t ≤ u[p,t] + v[p] - u[p,t'] for every other tool t' there: two only when t is alone
  for (const auto& [pt, terms] : through) {
    const auto t = static_cast<std::size_t>(pairs.find(pt.first, pt.second));
    for (std::size_t k = 0; k < n_pairs; ++k) {
      if (pairs.pairs[k].first != pt.first || k == t) continue;
      Terms row = terms;
      row.emplace_back(used[t], -1);
      row.emplace_back(entered[pt.first], -1);
      row.emplace_back(used[k], 1);
      lp.at_most(row, 0);
    }
  }
  // The links keeping one tool join positions that use it without a cycle: fewer than those positions.
  std::map<std::string, Terms> per_tool;
  for (const auto& [pqt, l] : keep) per_tool[std::get<2>(pqt)].emplace_back(l, 1);
  for (auto& [tool, terms] : per_tool) {
    const int anywhere = lp.binary();  // the tool is used somewhere
    for (std::size_t k = 0; k < n_pairs; ++k) {
      if (pairs.pairs[k].second != tool) continue;
      terms.emplace_back(used[k], -1);
      lp.at_most({{used[k], 1}, {anywhere, -1}}, 0);
    }
    terms.emplace_back(anywhere, 1);
    lp.at_most(terms, 0);
  }
  {  // and all links together: fewer than the positions used
    Terms terms;
    for (const auto& [pqt, l] : keep) terms.emplace_back(l, 1);
    for (const int v : entered) terms.emplace_back(v, -1);
    terms.emplace_back(any, 1);
    if (!keep.empty()) lp.at_most(terms, 0);
  }
  // No cycle: the links inside a set S of positions number at most Σ v over S but one (any one).
  for (std::size_t set = 1; set < (std::size_t{1} << n_positions); ++set) {
    if (std::popcount(set) < 2) continue;
    Terms links;
    for (const auto& [pqt, l] : keep) {
      if ((set >> std::get<0>(pqt) & 1) && (set >> std::get<1>(pqt) & 1)) links.emplace_back(l, 1);
    }
    if (links.empty()) continue;
    for (std::size_t out_of = 0; out_of < n_positions; ++out_of) {
      if (!(set >> out_of & 1)) continue;
      Terms row = links;
      for (std::size_t p = 0; p < n_positions; ++p) {
        if ((set >> p & 1) && p != out_of) row.emplace_back(entered[p], -1);
      }
      lp.at_most(row, 0);
    }
  }
  // Transitions: 15 s + 10 s per further block + 5 s per side switch (in the dose terms above, with -10 a)
  // + 10 s per position change (10 per entered position - 10 a) + 5 s per tool change (5 per used pair
  // - 5 per entered position, for the changes inside a position; 5 per entered position - 5 a - 5 per kept
  // tool, for those between positions). In all: 10 N + 5 paired + 10 P + 5 K - 10 a - 5 L.
  for (const int v : entered) budget.emplace_back(v, 10);
  for (const int u : used) budget.emplace_back(u, 5);
  budget.emplace_back(any, -10);
  lp.at_most(budget, problem.budget_s);

  MilpSolution out;
  out.rows = glp_get_num_rows(lp.get());
  out.columns = glp_get_num_cols(lp.get());
  out.integer_columns = glp_get_num_int(lp.get());
  glp_iocp parm;
  glp_init_iocp(&parm);
  // The presolver renumbers columns, which the branching callback needs as they are: solve the relaxation first.
  parm.presolve = GLP_OFF;
  SearchState search;
  search.first = entered;
  search.first.insert(search.first.end(), used.begin(), used.end());
  parm.cb_func = &on_tree;
  parm.cb_info = &search;
  glp_smcp simplex;
  glp_init_smcp(&simplex);
  simplex.msg_lev = GLP_MSG_OFF;
  glp_simplex(lp.get(), &simplex);
  parm.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF;
  parm.tm_lim = static_cast<int>(options.time_limit_s * 1000);
  parm.mir_cuts = GLP_ON;
  parm.cov_cuts = GLP_ON;
  const int rc = glp_intopt(lp.get(), &parm);
  const int status = glp_mip_status(lp.get());
  out.solve_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.optimal = rc == 0 && status == GLP_OPT;
  out.status = out.optimal            ? "optimal"
               : rc == GLP_ETMLIM     ? (status == GLP_FEAS ? "time limit, a solution" : "time limit, no solution")
               : status == GLP_NOFEAS ? "no feasible solution"
                                      : "GLPK failed (glp_intopt returned " + std::to_string(rc) + ")";
  glp_term_out(GLP_OFF);
  if (status != GLP_OPT && status != GLP_FEAS) return out;
  out.value = glp_mip_obj_val(lp.get());
  double most = 0;  // every region at its best dose: a trivial bound
  bool integral = true;
  for (const auto& r : problem.regions) {
    for (const auto& [seconds, b] : problem.table) {
      const double v = r.weight * static_cast<double>(r.sides.size()) * b;
      integral = integral && std::abs(v - std::round(v)) < 1e-9;
    }
    most += r.weight * static_cast<double>(r.sides.size()) * problem.table.back().second;
  }
  out.bound = out.optimal ? out.value : std::min(most, integral ? std::floor(search.bound + 1e-6) : search.bound);
  auto on = [&](int j) { return glp_mip_col_val(lp.get(), j) > 0.5; };

  // The order: the chains of kept tools one after the other; inside a position, the tool kept from the
  // previous position first and the one kept into the next last; the regions of one pair together.
  std::vector<std::vector<std::pair<std::size_t, std::string>>> links(n_positions);  // position -> (other, tool)
  for (const auto& [pqt, l] : keep) {
    if (!on(l)) continue;
    links[std::get<0>(pqt)].emplace_back(std::get<1>(pqt), std::get<2>(pqt));
    links[std::get<1>(pqt)].emplace_back(std::get<0>(pqt), std::get<2>(pqt));
  }
  std::vector<std::size_t> path;
  std::vector<bool> placed(n_positions, false);
  for (std::size_t p = 0; p < n_positions; ++p) {
    if (placed[p] || !on(entered[p]) || links[p].size() > 1) continue;  // a chain starts at an end
    for (std::size_t at = p, from = n_positions; at < n_positions && !placed[at];) {
      placed[at] = true;
      path.push_back(at);
      std::size_t to = n_positions;
      for (const auto& [other, tool] : links[at]) {
        if (other != from) to = other;
      }
      from = at;
      at = to;
    }
  }
  auto link_tool = [&](std::size_t p, std::size_t q) {
    for (const auto& [other, tool] : links[p]) {
      if (other == q) return tool;
    }
    return std::string();
  };
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto p = path[i];
    const std::string kept_in = i > 0 ? link_tool(path[i - 1], p) : "";
    const std::string kept_out = i + 1 < path.size() ? link_tool(p, path[i + 1]) : "";
    std::vector<std::string> tools;
    for (std::size_t k = 0; k < n_pairs; ++k) {
      if (pairs.pairs[k].first == p && on(used[k])) tools.push_back(pairs.pairs[k].second);
    }
    std::stable_sort(tools.begin(), tools.end(), [&](const std::string& x, const std::string& y) {
      auto key = [&](const std::string& t) { return t == kept_in ? 0 : t == kept_out ? 2 : 1; };
      return key(x) < key(y);
    });
    for (const auto& tool : tools) {
      const auto k = static_cast<std::size_t>(pairs.find(p, tool));
      for (std::size_t r = 0; r < n_regions; ++r) {
        const auto mine = region_pairs(r);
        for (std::size_t c = 0; c < mine.size(); ++c) {
          if (mine[c] != k || !on(choice[r][c])) continue;
          MilpPick pick{r, 0, 0};
          for (std::size_t o = 0; o < pairs.option_pair[r].size(); ++o) {
            if (pairs.option_pair[r][o] == k) {
              pick.option = o;
              break;
            }
          }
          for (std::size_t d = 0; d < dose[r].size(); ++d) {
            if (on(dose[r][d])) pick.per_side_s = problem.table[d].first;
          }
          out.order.push_back(pick);
        }
      }
    }
  }
  int doses_s = 0, blocks = 0, paired = 0, kept = 0;
  for (const auto& pick : out.order) {
    const auto& region = problem.regions[pick.region];
    // the dose and the check-in window after each of its sets, on every side (issue 16)
    doses_s +=
        (pick.per_side_s + fewest_sets(pick.per_side_s) * problem.check_in_s) * static_cast<int>(region.sides.size());
    ++blocks;
    if (region.paired()) ++paired;
  }
  for (const auto& [pqt, l] : keep) kept += on(l) ? 1 : 0;
  int positions = 0, pairs_used = 0;
  for (const int v : entered) positions += on(v) ? 1 : 0;
  for (const int u : used) pairs_used += on(u) ? 1 : 0;
  out.transition_s = blocks == 0 ? 0 : 10 * blocks + 5 * paired + 10 * positions + 5 * pairs_used - 10 - 5 * kept;
  out.total_s = out.transition_s + doses_s;
  return out;
}

core::Routine routine_of(const PlannerProblem& problem, const std::vector<MilpPick>& order) {
  core::Routine routine;
  routine.budget_s = problem.budget_s;
  routine.get_ready_s = 0;  // the problem's budget is what is left after it
  routine.check_in_s = problem.check_in_s;
  const core::RoutineStep* previous = nullptr;
  for (const auto& pick : order) {
    const auto& region = problem.regions[pick.region];
    const auto& option = region.options[pick.option];
    for (const auto side : region.sides) {
      core::RoutineStep step;
      step.region = region.region;
      step.exercise = option.exercise;
      step.tool = option.tool;
      step.position = option.position;
      step.side = side;
      // the fewest sets of at most 120 s (R1) the dose splits into: as many check-in windows as the program counts
      step.sets = fewest_sets(pick.per_side_s);
      step.phases = {core::Phase{core::PhaseKind::kRoll, pick.per_side_s / step.sets}};
      step.transition_s = documented_transition_s(previous, step);
      routine.steps.push_back(std::move(step));
      previous = &routine.steps.back();
    }
  }
  return routine;
}

}  // namespace smr::bench
