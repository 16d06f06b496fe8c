// bench/planner (issue 4): the routine planner's quality against an exact reference, and its speed.
//
// Run: build/release/bench/smr_bench_planner (or `make bench-planner`); figures in docs/performance.md.
//
// 1. Quality. Generated small instances (random profiles and requests on the built-in catalog that leave at most
//    kMaxPool candidate regions). Each one is planned with plan(); its routine is scored by the objective of
//    docs/planner.md, Σ w · b(d) over the steps (w the region's weight, d the step's seconds per side, b the
//    goal's benefit table, taken at the largest table dose not above d). An independent exact reference
//    maximises the same objective over every subset of the candidates, every dose of the table and every
//    order, with the real transitions (not the planner's upper bound) and the check-in windows and get-ready
//    inside the same budget (issue 16). Every routine
//    the planner can return is feasible there, so the reference is an upper bound: the planner's score is a
//    share of the true optimum. Targets: ≥ 99 % on average, 100 % on ≥ 90 % of the instances. The program
//    exits 1 when a target is missed (or a routine scores above the optimum, which would be a bug).
// 2. Speed. plan() for 60-minute routines over the whole built-in catalog with random profiles and requests
//    (every goal and context): p50 / p90 / p99 / max of single calls, and of each case's best of five (which
//    removes most scheduler noise on a loaded machine). Target: p99 under 1 ms (Release). Then Google
//    Benchmark runs the heaviest fixed case (daily mobility, every tool, on the floor).
//
// Flags: --instances=N (default 300), --timing-cases=N (default 2000), --skip-quality, --skip-timing; the rest
// go to Google Benchmark (--benchmark_filter=NONE skips it).

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

#include "catalog/loader.h"
#include "core/planner.h"

namespace {

using namespace smr::core;

constexpr std::size_t kMaxPool = 8;  // the reference enumerates (table size + 1)^n doses and 2^n orders
constexpr double kEps = 1e-9;

const Catalog& builtin() {
  static const auto loaded = smr::catalog::load_builtin_catalog();
  if (!loaded) {
    std::fprintf(stderr, "the built-in catalog does not load\n");
    std::exit(2);
  }
  return *loaded;
}

class Random {
 public:
  explicit Random(std::uint32_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::mt19937 engine_;
};

// ---------------------------------------------------------------------------------------------------------
// The objective, written from docs/planner.md ("The objective"), not taken from the planner.

using Table = std::vector<std::pair<int, double>>;  // seconds per side -> benefit, ascending

const Table& table_for(Goal goal) {
  static const Table kRom{{30, 12}, {45, 20}, {60, 36}, {90, 75}, {120, 85}, {150, 92}, {180, 97}};
  static const Table kPre{{30, 20}, {45, 27}, {60, 32}};
  static const Table kDesk{{30, 15}, {45, 24}, {60, 36}, {90, 60}, {120, 68}};
  static const Table kCalm{{60, 30}, {90, 60}, {120, 78}, {180, 95}};
  switch (goal) {
    case Goal::kPreActivity: return kPre;
    case Goal::kDeskRelief: return kDesk;
    case Goal::kBreathingCalm: return kCalm;
    default: return kRom;
  }
}

// b(d): the benefit of the largest table dose not above `seconds` (0 below the smallest).
double benefit(const Table& table, int seconds) {
  double b = 0;
  for (const auto& [s, v] : table) {
    if (s <= seconds) b = v;
  }
  return b;
}

// The real transitions (docs/planner.md, step 7): 15 s to start, 5 s to switch sides, otherwise 10 s, +10 s
// for a position change, +5 s for a tool change.
int between(const PlanCandidate& a, const PlanCandidate& b) {
  return 10 + (a.position != b.position ? 10 : 0) + (a.tool != b.tool ? 5 : 0);
}

// A routine's score: Σ over its steps of w(region) · b(seconds per side). Also checks that each step is one of
// the candidates (same exercise and tool) and that the routine fits the budget; `problem` says what is wrong.
double score(const Routine& r, const std::vector<PlanCandidate>& pool, const Table& table, std::string& problem) {
  double value = 0;
  for (const auto& s : r.steps) {
    const auto it =
        std::find_if(pool.begin(), pool.end(), [&](const PlanCandidate& c) { return c.region == s.region; });
    if (it == pool.end() || it->exercise != s.exercise || it->tool != s.tool ||
        std::find(it->sides.begin(), it->sides.end(), s.side) == it->sides.end()) {
      problem = "step " + s.region + " is not one of the candidates";
      continue;
    }
    value += it->weight * benefit(table, s.sets * s.set_s());
  }
  if (r.total_s() > r.budget_s) problem = "over budget";
  return value;
}

// The exact reference: the best score over every subset of the candidates, every table dose for each and every
// order of the chosen ones, with the real transitions. A paired candidate's two sides are one block (left, a 5 s
// switch, right): splitting them can only add transitions. min_transitions[S] is computed by Held-Karp over the
// orders; the doses by a depth-first search with the (monotone) transition time of the partial subset and an
// optimistic value bound for pruning.
class Reference {
 public:
  // `budget_s`: for the steps (the minutes less the get-ready); every set is followed by a `check_in_s` window
  // (a dose's sets: its seconds per side split into sets of at most `max_set_s`). Issue 16.
  Reference(const std::vector<PlanCandidate>& pool, const Table& table, int budget_s, int check_in_s, int max_set_s)
      : pool_(pool),
        table_(table),
        budget_s_(budget_s),
        check_in_s_(check_in_s),
        max_set_s_(max_set_s),
        n_(pool.size()) {
    const std::size_t subsets = std::size_t{1} << n_;
    constexpr int kInf = 1 << 29;
    // order[S][last]: the least transition time that does every block of S, ending with `last`.
    std::vector<int> order(subsets * n_, kInf);
    min_transitions_.assign(subsets, kInf);
    min_transitions_[0] = 0;
    for (std::size_t i = 0; i < n_; ++i) order[(std::size_t{1} << i) * n_ + i] = 15 + switch_s(i);
    for (std::size_t set = 1; set < subsets; ++set) {
      for (std::size_t last = 0; last < n_; ++last) {
        const int here = order[set * n_ + last];
        if (here >= kInf) continue;
        min_transitions_[set] = std::min(min_transitions_[set], here);
        for (std::size_t next = 0; next < n_; ++next) {
          if (set & (std::size_t{1} << next)) continue;
          auto& there = order[(set | (std::size_t{1} << next)) * n_ + next];
          there = std::min(there, here + between(pool_[last], pool_[next]) + switch_s(next));
        }
      }
    }
    bound_.assign(n_ + 1, 0);
    for (std::size_t i = n_; i-- > 0;) bound_[i] = bound_[i + 1] + value_of(i, table_.back().second);
  }

  double solve() {
    best_ = 0;
    search(0, 0, 0, 0);
    return best_;
  }

 private:
  int sides(std::size_t i) const { return static_cast<int>(pool_[i].sides.size()); }
  int switch_s(std::size_t i) const { return sides(i) > 1 ? 5 : 0; }
  double value_of(std::size_t i, double b) const { return pool_[i].weight * b * sides(i); }

  void search(std::size_t i, std::size_t set, int dose_s, double value) {
    if (value > best_ + kEps) best_ = value;
    if (i == n_ || value + bound_[i] <= best_ + kEps) return;
    for (const auto& [seconds, b] : table_) {
      const std::size_t with = set | (std::size_t{1} << i);
      const int sets = std::max(1, (seconds + max_set_s_ - 1) / max_set_s_);
      const int dose = dose_s + (seconds + sets * check_in_s_) * sides(i);
      if (min_transitions_[with] + dose > budget_s_) break;  // longer doses only cost more
      search(i + 1, with, dose, value + value_of(i, b));
    }
    search(i + 1, set, dose_s, value);
  }

  const std::vector<PlanCandidate>& pool_;
  const Table& table_;
  int budget_s_;
  int check_in_s_;
  int max_set_s_;
  std::size_t n_;
  std::vector<int> min_transitions_;
  std::vector<double> bound_;  // bound_[i]: the most items i.. could add
  double best_ = 0;
};

// ---------------------------------------------------------------------------------------------------------
// Random profiles and requests

std::vector<std::string> activities(const Catalog& c) {
  std::vector<std::string> out;
  for (const auto& l : c.lifestyle()) {
    if (l.activity) out.push_back(l.id);
  }
  return out;
}

Profile random_profile(const Catalog& c, Random& rnd, int condition_percent) {
  Profile p;
  for (const auto& cond : c.conditions()) {
    if (!rnd.chance(condition_percent)) continue;
    p.conditions.push_back(cond.id);
    if (cond.block_named_area && rnd.chance(70)) {
      const auto& region = c.regions()[rnd.below(c.regions().size())];
      p.named_areas.push_back({cond.id, region.id, region.paired() && rnd.chance(50) ? Side::kLeft : Side::kCentre});
    }
  }
  p.experience = rnd.chance(50) ? Experience::kNew : Experience::kRegular;
  for (const auto& t : c.tools()) {
    if (rnd.chance(45)) p.tools.push_back(t.id);
  }
  if (p.tools.empty()) p.tools.push_back(c.tools()[rnd.below(c.tools().size())].id);
  for (const auto& l : c.lifestyle()) {
    if (rnd.chance(20)) p.lifestyle.push_back(l.id);
  }
  for (int i = 0, n = static_cast<int>(rnd.below(3)); i < n; ++i) {
    const auto& region = c.regions()[rnd.below(c.regions().size())];
    p.aches.push_back({region.id, region.paired() && rnd.chance(50) ? Side::kLeft : Side::kCentre, ""});
  }
  return p;
}

std::vector<Focus> random_focus(const Catalog& c, Random& rnd, int n) {
  std::vector<Focus> out;
  for (int i = 0; i < n; ++i) {
    const auto& region = c.regions()[rnd.below(c.regions().size())];
    std::optional<Side> side;
    if (region.paired() && rnd.chance(40)) side = rnd.chance(50) ? Side::kLeft : Side::kRight;
    out.push_back({region.id, side});
  }
  return out;
}

Context random_context(Random& rnd) {
  return EnumNames<Context>::kNames[rnd.below(EnumNames<Context>::kNames.size())].first;
}

// A small instance: a goal that works on few regions, 1-3 focus regions, 3-15 minutes.
PlanRequest small_request(const Catalog& c, Random& rnd) {
  static constexpr std::array<Goal, 8> kGoals{Goal::kPreActivity,   Goal::kPostWorkout,  Goal::kSorenessDay1,
                                              Goal::kSorenessDay2,  Goal::kSpecificAche, Goal::kSpecificAche,
                                              Goal::kBreathingCalm, Goal::kDeskRelief};
  PlanRequest q;
  q.goal = kGoals[rnd.below(kGoals.size())];
  q.minutes = 3 + static_cast<int>(rnd.below(13));
  q.context = random_context(rnd);
  q.focus = random_focus(c, rnd, 1 + static_cast<int>(rnd.below(3)));
  if (rnd.chance(15)) q.activity = rnd.pick(activities(c));
  return q;
}

// A 60-minute request over the whole catalog: every goal and context.
PlanRequest full_request(const Catalog& c, Random& rnd) {
  PlanRequest q;
  q.goal = EnumNames<Goal>::kNames[rnd.below(EnumNames<Goal>::kNames.size())].first;
  q.minutes = 60;
  q.context = random_context(rnd);
  q.focus = random_focus(c, rnd, static_cast<int>(rnd.below(4)));
  const bool workout = q.goal == Goal::kPreActivity || q.goal == Goal::kPostWorkout || q.goal == Goal::kSorenessDay1 ||
                       q.goal == Goal::kSorenessDay2;
  if ((workout && (q.focus.empty() || rnd.chance(50))) || rnd.chance(10)) q.activity = rnd.pick(activities(c));
  if (q.goal == Goal::kSpecificAche && q.focus.empty()) q.focus = random_focus(c, rnd, 1);
  return q;
}

// ---------------------------------------------------------------------------------------------------------
// 1. Quality

bool run_quality(int instances) {
  const auto& c = builtin();
  Random rnd(20240405);
  std::vector<double> shares;
  std::map<std::string, std::pair<int, int>> by_goal;  // goal -> (instances, at 100 %)
  int tries = 0, bugs = 0;
  std::size_t pool_sum = 0;
  double worst = 2;
  std::string worst_case;
  while (static_cast<int>(shares.size()) < instances && tries < instances * 200) {
    ++tries;
    const auto profile = random_profile(c, rnd, 8);
    const auto request = small_request(c, rnd);
    PlanStats stats;
    const auto routine = plan(c, profile, request, &stats);
    if (!routine || stats.pool.empty() || stats.pool.size() > kMaxPool) continue;
    const auto& table = table_for(request.goal);
    std::string problem;
    const double got = score(*routine, stats.pool, table, problem);
    const double best = Reference(stats.pool, table, routine->budget_s - routine->get_ready_s, routine->check_in_s,
                                  request.goal == Goal::kBreathingCalm ? 90 : 60)
                            .solve();
    const double share = best > 0 ? got / best : 1.0;
    if (!problem.empty() || share > 1 + 1e-9) {
      ++bugs;
      std::printf("  BUG (instance %zu): %s; score %.1f, optimum %.1f\n", shares.size(),
                  problem.empty() ? "above the optimum" : problem.c_str(), got, best);
    }
    shares.push_back(std::min(share, 1.0));
    pool_sum += stats.pool.size();
    auto& g = by_goal[std::string(to_string(request.goal))];
    ++g.first;
    if (share >= 1 - 1e-9) ++g.second;
    if (share < worst) {
      worst = share;
      worst_case = std::string(to_string(request.goal)) + ", " + std::to_string(request.minutes) + " min, " +
                   std::to_string(stats.pool.size()) + " candidates: " + std::to_string(got) + " of " +
                   std::to_string(best);
    }
  }
  const auto n = static_cast<int>(shares.size());
  double mean = 0;
  int full = 0;
  for (const double s : shares) {
    mean += s / n;
    if (s >= 1 - 1e-9) ++full;
  }
  const double full_share = n > 0 ? static_cast<double>(full) / n : 0;
  std::printf(
      "Quality: %d instances (of %d generated; <= %zu candidates, %.1f on average), exact reference by "
      "enumeration\n",
      n, tries, kMaxPool, n > 0 ? static_cast<double>(pool_sum) / n : 0.0);
  for (const auto& [goal, g] : by_goal)
    std::printf("  %-16s %4d instances, %4d at 100 %%\n", goal.c_str(), g.first, g.second);
  std::printf("  mean %.3f %% of the optimum (target >= 99 %%)\n", 100 * mean);
  std::printf("  at 100 %%: %d of %d = %.1f %% (target >= 90 %%)\n", full, n, 100 * full_share);
  std::printf("  worst %.2f %% (%s)\n", 100 * worst, worst_case.c_str());
  const bool ok = n >= 200 && mean >= 0.99 && full_share >= 0.90 && bugs == 0;
  std::printf("  quality targets: %s\n\n", ok ? "met" : "NOT MET");
  return ok;
}

// ---------------------------------------------------------------------------------------------------------
// 2. Speed

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto k = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size()))) - 1;
  return v[std::min(k, v.size() - 1)];
}

bool run_timing(int cases) {
  const auto& c = builtin();
  Random rnd(20240406);
  constexpr int kRepeats = 5;
  std::vector<double> all_us, best_us, mobility_best_us;
  std::size_t steps = 0, planned = 0;
  for (int i = 0; i < cases; ++i) {
    const auto profile = random_profile(c, rnd, 12);
    const auto request = full_request(c, rnd);
    double best = 1e18;
    for (int r = 0; r < kRepeats; ++r) {
      const auto start = std::chrono::steady_clock::now();
      auto routine = plan(c, profile, request);
      const auto stop = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(routine);
      const double us = std::chrono::duration<double, std::micro>(stop - start).count();
      all_us.push_back(us);
      best = std::min(best, us);
      if (r == 0 && routine) {
        ++planned;
        steps += routine->steps.size();
      }
    }
    best_us.push_back(best);
    if (request.goal == Goal::kDailyMobility) mobility_best_us.push_back(best);
  }
  auto line = [](const char* what, const std::vector<double>& v) {
    std::printf("  %-34s n=%-6zu p50 %7.1f us  p90 %7.1f us  p99 %7.1f us  max %8.1f us\n", what, v.size(),
                percentile(v, 50), percentile(v, 90), percentile(v, 99), percentile(v, 100));
  };
  std::printf(
      "Speed: plan() for 60-minute routines over the built-in catalog (%d random profiles x requests, every "
      "goal and context; %zu planned, %.1f steps on average)\n",
      cases, planned, planned > 0 ? static_cast<double>(steps) / static_cast<double>(planned) : 0.0);
  line("every call", all_us);
  line("each case's best of 5", best_us);
  line("daily mobility, best of 5", mobility_best_us);
  const bool ok = percentile(best_us, 99) < 1000;
  std::printf("  p99 under 1 ms (best of 5): %s\n\n", ok ? "met" : "NOT MET");
  return ok;
}

// The heaviest fixed case: daily mobility (every region is a candidate), every tool, on the floor, 60 minutes.
void BM_Plan60MinDailyMobilityEveryTool(benchmark::State& state) {
  const auto& c = builtin();
  Profile profile;
  for (const auto& t : c.tools()) profile.tools.push_back(t.id);
  for (const auto& l : c.lifestyle()) profile.lifestyle.push_back(l.id);
  PlanRequest request;
  request.goal = Goal::kDailyMobility;
  request.minutes = 60;
  for (auto _ : state) {
    auto routine = plan(c, profile, request);
    if (!routine) state.SkipWithError("no routine");
    benchmark::DoNotOptimize(routine);
  }
}
BENCHMARK(BM_Plan60MinDailyMobilityEveryTool)->Unit(benchmark::kMicrosecond);

void BM_Plan10MinPostWorkout(benchmark::State& state) {
  const auto& c = builtin();
  Profile profile;
  profile.tools = {"foam-roller-medium", "lacrosse-ball"};
  PlanRequest request;
  request.goal = Goal::kPostWorkout;
  request.minutes = 10;
  request.activity = activities(c).front();
  for (auto _ : state) {
    auto routine = plan(c, profile, request);
    if (!routine) state.SkipWithError("no routine");
    benchmark::DoNotOptimize(routine);
  }
}
BENCHMARK(BM_Plan10MinPostWorkout)->Unit(benchmark::kMicrosecond);

int flag_value(std::string_view arg, std::string_view name, int fallback) {
  if (arg.substr(0, name.size()) != name) return fallback;
  return std::atoi(std::string(arg.substr(name.size())).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  int instances = 300, timing_cases = 2000;
  bool quality = true, timing = true;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--instances=")) {
      instances = flag_value(arg, "--instances=", instances);
    } else if (arg.starts_with("--timing-cases=")) {
      timing_cases = flag_value(arg, "--timing-cases=", timing_cases);
    } else if (arg == "--skip-quality") {
      quality = false;
    } else if (arg == "--skip-timing") {
      timing = false;
    } else {
      rest.push_back(argv[i]);
    }
  }
  int bench_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&bench_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(bench_argc, rest.data())) return 2;
  const bool quality_ok = !quality || run_quality(instances);
  if (timing) run_timing(timing_cases);  // reported, not enforced: a loaded machine makes its tail noisy
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return quality_ok ? 0 : 1;
}
