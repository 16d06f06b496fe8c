#include "reference/planner_problem.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/region.h"
#include "core/screening.h"

namespace smr::bench {

using core::Goal;
using core::Side;

namespace {

constexpr double kFocusWeight = 10;
constexpr double kGoalWeight = 4;
constexpr double kAcheWeight = 3;
constexpr double kFillWeight = 1;
constexpr double kExtraWeight = 1;

// The goal's own regions and their weights (docs/planner.md, step 3).
std::vector<std::pair<std::string, double>> goal_regions(Goal goal) {
  switch (goal) {
    case Goal::kDailyMobility:
      return {{"calves", kGoalWeight},    {"hamstrings", kGoalWeight},     {"quadriceps", kGoalWeight},
              {"glutes", kGoalWeight},    {"hip-flexors", kGoalWeight},    {"thoracic-spine", kGoalWeight},
              {"lats", kGoalWeight},      {"pecs", kGoalWeight},           {"upper-trapezius", kGoalWeight},
              {"adductors", kGoalWeight}, {"plantar-fascia", kGoalWeight}, {"it-band-tfl", kGoalWeight}};
    case Goal::kDeskRelief:
      return {{"upper-trapezius", kGoalWeight},
              {"thoracic-spine", kGoalWeight},
              {"hip-flexors", kGoalWeight},
              {"pecs", kGoalWeight},
              {"glutes", kGoalWeight},
              {"forearms", kGoalWeight},
              {"levator-scapulae", kGoalWeight},
              {"rhomboids", kGoalWeight},
              {"hands", kGoalWeight},
              {"neck", kGoalWeight},
              {"plantar-fascia", kGoalWeight},
              {"piriformis", kGoalWeight}};
    case Goal::kBreathingCalm:
      return {{"diaphragm-ribs", 6}, {"intercostals", 5}, {"upper-trapezius", 5},  {"thoracic-spine", 4},
              {"pecs", 3},           {"jaw", 3},          {"levator-scapulae", 2}, {"neck", 2}};
    default: return {};
  }
}

// A candidate region while the weights are summed: which sides the sources ask for.
struct Tally {
  bool left = false, right = false, centre = false;
  double weight = 0;
  bool primary = false;  // asked for by the person (focus, activity, aches for the ache goals)
  bool extra = true;     // only an R14 line extra so far
  // Focus regions naming one side, and whether one names none (docs/planner.md, step 3: a focus on one side is
  // that side only, whatever else adds the region; a focus without a side keeps both).
  bool focus_left = false, focus_right = false, focus_whole = false;
};

class Candidates {
 public:
  explicit Candidates(const core::Catalog& catalog) : catalog_(catalog) {}

  // A source adds `weight` to the region; no side (or kCentre) means both sides of a paired region.
  void add(const std::string& region_id, std::optional<Side> side, double weight, bool primary, bool extra = false) {
    const auto* region = catalog_.find_region(region_id);
    if (!region) return;
    auto [it, fresh] = tallies_.try_emplace(region_id);
    if (fresh) order_.push_back(region_id);
    auto& t = it->second;
    if (!region->paired()) {
      t.centre = true;
    } else if (side && *side != Side::kCentre) {
      (*side == Side::kLeft ? t.left : t.right) = true;
    } else {
      t.left = t.right = true;
    }
    t.weight += weight;
    t.primary = t.primary || primary;
    t.extra = t.extra && extra;
  }

  // R14: every other region on a strong or moderate line of a primary region, once per (primary region, line),
  // unless it is already a candidate in its own right.
  void add_line_extras() {
    std::vector<std::string> extras;
    for (const auto& id : order_) {
      if (!tallies_.at(id).primary) continue;
      for (const auto& line_id : catalog_.find_region(id)->lines) {
        const auto* line = catalog_.find_line(line_id);
        if (!line || (line->support != core::Support::kStrong && line->support != core::Support::kModerate)) continue;
        for (const auto& r : catalog_.regions()) {
          if (r.id != id && std::find(r.lines.begin(), r.lines.end(), line_id) != r.lines.end()) extras.push_back(r.id);
        }
      }
    }
    for (const auto& id : extras) {
      const auto it = tallies_.find(id);
      if (it != tallies_.end() && !it->second.extra) continue;
      add(id, std::nullopt, kExtraWeight, false, true);
    }
  }

  // A focus region: remembered so that keep_focus_sides() can narrow the region to the sides named.
  void note_focus(const std::string& region_id, std::optional<Side> side) {
    const auto it = tallies_.find(region_id);
    if (it == tallies_.end()) return;
    auto& t = it->second;
    if (!side || *side == Side::kCentre) {
      t.focus_whole = true;
    } else {
      (*side == Side::kLeft ? t.focus_left : t.focus_right) = true;
    }
  }

  // Step 3: a paired region the person focused on one side of (and never as a whole) is that side only.
  void keep_focus_sides() {
    for (auto& [id, t] : tallies_) {
      if (t.centre || t.focus_whole || (!t.focus_left && !t.focus_right)) continue;
      t.left = t.focus_left;
      t.right = t.focus_right;
    }
  }

  const std::vector<std::string>& order() const { return order_; }
  const Tally& at(const std::string& id) const { return tallies_.at(id); }

 private:
  const core::Catalog& catalog_;
  std::map<std::string, Tally> tallies_;
  std::vector<std::string> order_;
};

// Step 3 of docs/planner.md: the candidate regions of a request, with their summed weights.
Candidates collect(const core::Catalog& catalog, const core::Profile& profile, const core::PlanRequest& request) {
  Candidates c(catalog);
  const Goal goal = request.goal;
  for (const auto& f : request.focus) {
    c.add(f.region, f.side, kFocusWeight, true);
    c.note_focus(f.region, f.side);
  }
  if (!request.activity.empty()) {
    if (const auto* a = catalog.find_lifestyle(request.activity)) {
      for (const auto& r : a->regions) c.add(r.region, std::nullopt, kGoalWeight + 2 * r.weight, true);
    }
  }
  const bool soreness = goal == Goal::kSorenessDay1 || goal == Goal::kSorenessDay2;
  const bool aches_primary =
      request.focus.empty() && (goal == Goal::kSpecificAche || (soreness && request.activity.empty()));
  const bool everyday = goal == Goal::kDailyMobility || goal == Goal::kDeskRelief;
  if (aches_primary || everyday) {
    for (const auto& a : profile.aches) {
      c.add(a.region, a.side == Side::kCentre ? std::nullopt : std::optional<Side>(a.side),
            aches_primary ? kFocusWeight : kAcheWeight, aches_primary);
    }
  }
  for (const auto& [region, weight] : goal_regions(goal)) c.add(region, std::nullopt, weight, false);
  if (everyday) {
    for (const auto& id : profile.lifestyle) {
      if (const auto* f = catalog.find_lifestyle(id)) {
        for (const auto& r : f->regions) c.add(r.region, std::nullopt, r.weight, false);
      }
    }
  }
  if (goal == Goal::kDailyMobility) {
    for (const auto& r : catalog.regions()) c.add(r.id, std::nullopt, kFillWeight, false);
  }
  if (goal == Goal::kPostWorkout || soreness || goal == Goal::kSpecificAche) c.add_line_extras();
  c.keep_focus_sides();
  return c;
}

// Step 4 of docs/planner.md, the hard filters on one exercise and tool for a region: the exercise fits the
// context (and is hands-free for a call) and is not unsafe for a condition of the person; the person owns the
// tool, the exercise lists it, and neither a never-roll zone of the region (R11) nor a screening limit (R10)
// forbids it there.
bool eligible(const core::Catalog& catalog, const core::ScreeningResult& screening, const core::Region& region,
              const core::Exercise& exercise, const std::string& tool_id, const std::vector<std::string>& owned,
              core::Context context) {
  if (!exercise.fits(context) || screening.exercise_unsafe(exercise)) return false;
  if (!screening.position_allowed(region.id, exercise.position)) return false;  // e.g. pregnancy: not lying down
  if (std::find(owned.begin(), owned.end(), tool_id) == owned.end()) return false;
  const auto* tool = catalog.find_tool(tool_id);
  if (tool == nullptr || std::find(tool->suits.begin(), tool->suits.end(), region.id) == tool->suits.end()) {
    return false;  // the tool must suit the region (tools.toml `suits`)
  }
  return core::tool_allowed_on(region, *tool) && screening.tool_allowed(*tool, region.id);
}

bool same(double a, double b) { return std::abs(a - b) < 1e-9; }

}  // namespace

const BenefitTable& benefit_table(Goal goal) {
  static const BenefitTable kRom{{30, 12}, {45, 20}, {60, 36}, {90, 75}, {120, 85}, {150, 92}, {180, 97}};
  static const BenefitTable kPre{{30, 20}, {45, 27}, {60, 32}};
  static const BenefitTable kDesk{{30, 15}, {45, 24}, {60, 36}, {90, 60}, {120, 68}};
  static const BenefitTable kCalm{{60, 30}, {90, 60}, {120, 78}, {180, 95}};
  switch (goal) {
    case Goal::kPreActivity: return kPre;
    case Goal::kDeskRelief: return kDesk;
    case Goal::kBreathingCalm: return kCalm;
    default: return kRom;
  }
}

double benefit(const BenefitTable& table, int seconds_per_side) {
  double b = 0;
  for (const auto& [s, v] : table) {
    if (s <= seconds_per_side) b = v;
  }
  return b;
}

std::optional<PlannerProblem> build_problem(const core::Catalog& catalog, const core::Profile& profile,
                                            const core::PlanRequest& request) {
  if (!core::profile_problems(catalog, profile).empty() || !core::request_problems(catalog, profile, request).empty()) {
    return std::nullopt;
  }
  const auto screening = core::screen(catalog, profile);
  if (!screening.may_roll) return std::nullopt;
  PlannerProblem problem;
  problem.goal = request.goal;
  problem.budget_s = std::max(0, request.minutes * 60 - request.get_ready_s);
  problem.check_in_s = request.check_in_s;
  problem.table = benefit_table(request.goal);
  const auto& owned = request.tools ? *request.tools : profile.tools;
  const auto candidates = collect(catalog, profile, request);
  for (const auto& id : candidates.order()) {
    const auto& tally = candidates.at(id);
    const auto& region = *catalog.find_region(id);
    ProblemRegion r;
    r.region = id;
    r.weight = tally.weight;
    const std::vector<std::pair<bool, Side>> sides{
        {tally.centre, Side::kCentre}, {tally.left, Side::kLeft}, {tally.right, Side::kRight}};
    for (const auto& [asked, side] : sides) {
      if (asked && !screening.block_for(id, side)) r.sides.push_back(side);
    }
    if (r.sides.empty()) continue;
    for (const auto& x : catalog.exercises()) {
      if (x.region != id) continue;
      for (const auto& tool : x.tools) {
        if (eligible(catalog, screening, region, x, tool, owned, request.context)) {
          r.options.push_back(Option{x.id, tool, x.position});
        }
      }
    }
    if (r.options.empty()) {
      ++problem.unworkable;
      continue;
    }
    problem.regions.push_back(std::move(r));
  }
  return problem;
}

PlannerProblem restrict_to_pool(const PlannerProblem& problem, const std::vector<core::PlanCandidate>& pool,
                                std::vector<std::string>& problems) {
  PlannerProblem out = problem;
  out.regions.clear();
  for (const auto& c : pool) {
    const auto it = std::find_if(problem.regions.begin(), problem.regions.end(),
                                 [&](const ProblemRegion& r) { return r.region == c.region; });
    if (it == problem.regions.end()) {
      problems.push_back("the planner's candidate " + c.region + " is not an eligible region of the problem");
      continue;
    }
    if (!same(it->weight, c.weight) || it->sides != c.sides) {
      problems.push_back("the planner's candidate " + c.region + " has weight " + std::to_string(c.weight) + " and " +
                         std::to_string(c.sides.size()) + " side(s); docs/planner.md gives " +
                         std::to_string(it->weight) + " and " + std::to_string(it->sides.size()));
    }
    const auto option = std::find_if(it->options.begin(), it->options.end(),
                                     [&](const Option& o) { return o.exercise == c.exercise && o.tool == c.tool; });
    if (option == it->options.end()) {
      problems.push_back("the planner's candidate " + c.region + " uses " + c.exercise + " with " + c.tool +
                         ", which the hard filters do not allow");
      continue;
    }
    ProblemRegion r = *it;
    r.options = {*option};
    out.regions.push_back(std::move(r));
  }
  for (const auto& r : problem.regions) {
    const bool pooled =
        std::any_of(pool.begin(), pool.end(), [&](const core::PlanCandidate& c) { return c.region == r.region; });
    if (!pooled) problems.push_back("eligible region " + r.region + " is missing from the planner's candidate pool");
  }
  return out;
}

int documented_transition_s(const core::RoutineStep* previous, const core::RoutineStep& step) {
  if (!previous) return 15;
  if (previous->region == step.region && previous->exercise == step.exercise) return 5;
  return 10 + (previous->position != step.position ? 10 : 0) + (previous->tool != step.tool ? 5 : 0);
}

RoutineScore score_routine(const PlannerProblem& problem, const core::Routine& routine) {
  RoutineScore score;
  struct Seen {
    std::string exercise, tool;
    int per_side_s = -1;
    std::set<Side> sides;
  };
  std::map<std::string, Seen> seen;
  int total_s = 0;
  const core::RoutineStep* previous = nullptr;
  for (const auto& step : routine.steps) {
    const int documented = documented_transition_s(previous, step);
    previous = &step;
    if (step.transition_s < documented) {
      score.problems.push_back("step " + step.region + ": transition " + std::to_string(step.transition_s) +
                               " s, the documented rule gives " + std::to_string(documented) + " s");
    }
    const int per_side_s = step.sets * step.set_s();
    total_s += std::max(step.transition_s, documented) + per_side_s + step.sets * problem.check_in_s;
    const auto r = std::find_if(problem.regions.begin(), problem.regions.end(),
                                [&](const ProblemRegion& x) { return x.region == step.region; });
    if (r == problem.regions.end()) {
      score.problems.push_back("step " + step.region + ": not an eligible region");
      continue;
    }
    const bool option = std::any_of(r->options.begin(), r->options.end(), [&](const Option& o) {
      return o.exercise == step.exercise && o.tool == step.tool && o.position == step.position;
    });
    if (!option) {
      score.problems.push_back("step " + step.region + ": " + step.exercise + " with " + step.tool +
                               " does not pass the hard filters");
    }
    if (std::find(r->sides.begin(), r->sides.end(), step.side) == r->sides.end()) {
      score.problems.push_back("step " + step.region + ": side " + std::string(to_string(step.side)) +
                               " is blocked or not asked for");
    }
    auto& s = seen[step.region];
    if (s.per_side_s < 0) {
      s = Seen{step.exercise, step.tool, per_side_s, {}};
    } else if (s.exercise != step.exercise || s.tool != step.tool || s.per_side_s != per_side_s) {
      score.problems.push_back("step " + step.region + ": its sides differ in exercise, tool or time");
    }
    if (!s.sides.insert(step.side).second) {
      score.problems.push_back("step " + step.region + ": the same side twice");
    }
    score.value += r->weight * benefit(problem.table, per_side_s);
  }
  for (const auto& [region, s] : seen) {
    const auto r = std::find_if(problem.regions.begin(), problem.regions.end(),
                                [&](const ProblemRegion& x) { return x.region == region; });
    if (r != problem.regions.end() && s.sides.size() != r->sides.size()) {
      score.problems.push_back("region " + region + ": not every side is rolled");
    }
  }
  if (total_s > problem.budget_s) {
    score.problems.push_back("over budget: " + std::to_string(total_s) + " s with the documented transitions, " +
                             std::to_string(problem.budget_s) + " s allowed");
  }
  return score;
}

}  // namespace smr::bench
