#include "core/planner.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/dose_selection.h"
#include "core/suggest.h"
#include "core/transition_text.h"

namespace smr::core {

namespace {

// ---------------------------------------------------------------------------------------------------------
// Timing constants (seconds). Transitions: see docs/planner.md, "Order and transitions".
constexpr int kFirstSetup_s = 15;      // get the tool and get into the first position
constexpr int kRegionChange_s = 10;    // move the tool to the next region
constexpr int kPositionChange_s = 10;  // ... and change position
constexpr int kToolChange_s = 5;       // ... and change tool
constexpr int kSideSwitch_s = 5;       // the other side of the same region
constexpr int kMaxOverhead_s = kRegionChange_s + kPositionChange_s + kToolChange_s;  // >= any transition
// The selection charges 10 s a region, 10 s a position and 5 s a tool of a position: the first step's 15 s is
// then counted 10 s too high, so the selection's budget is that much larger.
constexpr int kFirstStepCredit_s = kMaxOverhead_s - kFirstSetup_s;
// A dose split into fewer, longer sets than the goal's usual ones (saving check-in windows) is worth this much
// less per set saved: the usual sets win whenever they fit, the longer ones only when they buy benefit.
constexpr double kLongSetPenalty = 1e-6;
constexpr int kMaxSet_s = 120;  // R1: a set may last 30-120 s
constexpr int kMaxHold_s = 60;  // R8: hold a tender spot 20-60 s
constexpr int kMinHold_s = 20;
// The move phase (R8; techniques "pin-and-move" and "contract-relax"): one slow rep takes 5 s (2-3 s each way;
// or tense about 3 s, then let go), and a set holds at least 5 reps (the technique text: five to ten) or none.
constexpr int kMoveRep_s = 5;
constexpr int kMinMoveReps = 5;
constexpr int kTransitionTopUp_s = 20;  // at most this much is added to a transition to fill the budget
constexpr int kShortPercent = 98;       // a routine below this share of the budget says why (issue 16)
constexpr int kRounds = 4;              // selections tried per plan (docs/planner.md, "Slack")

// Candidate weights (docs/planner.md, "Which regions").
constexpr double kFocusWeight = 10;
constexpr double kAcheWeight = 3;   // an ache in the profile, for goals other than specific-ache
constexpr double kGoalWeight = 4;   // a region the goal itself is about
constexpr double kExtraWeight = 1;  // an R14 line extra
constexpr double kFillWeight = 1;   // any other region, for daily mobility

// How one goal doses and paces its steps.
struct GoalSpec {
  std::vector<std::string> dose_rules;           // why this dose
  std::vector<std::pair<int, double>> per_side;  // dose options: seconds per side -> benefit (docs/planner.md)
  int max_set_s = 60;                            // split a dose into sets of at most this
  int set_cap_s = kMaxSet_s;                     // the slack fill never grows a set past this
  int hold_s = 0;                                // preferred hold; 0: the exercise's own
  int pass_s = 3;                                // R2
  bool moves = true;                             // include the move phase
  bool lifestyle = false;                        // rank regions by the lifestyle model
  bool extras = false;                           // offer R14 line extras
  bool finish_standing = false;                  // order positions from the floor up
  std::string dose_fact;                         // "after a workout: ..."
};

// Benefit tables per side. Recovery and range of motion: most benefit per second at 90 s (R1, R6), little
// below 60 s (R1), slowly more up to 3 minutes. Before activity: short doses (R4). Breathing: long holds.
const std::vector<std::pair<int, double>> kRomTable{{30, 12},  {45, 20},  {60, 36}, {90, 75},
                                                    {120, 85}, {150, 92}, {180, 97}};
const std::vector<std::pair<int, double>> kPreTable{{30, 20}, {45, 27}, {60, 32}};
const std::vector<std::pair<int, double>> kDeskTable{{30, 15}, {45, 24}, {60, 36}, {90, 60}, {120, 68}};
const std::vector<std::pair<int, double>> kCalmTable{{60, 30}, {90, 60}, {120, 78}, {180, 95}};

GoalSpec spec_for(Goal goal) {
  GoalSpec s;
  switch (goal) {
    case Goal::kPreActivity:
      s.dose_rules = {"R4", "R5"};
      s.per_side = kPreTable;
      s.max_set_s = 60;
      s.set_cap_s = 60;
      s.hold_s = 20;
      s.finish_standing = true;
      s.dose_fact = "before activity: a short dose of 30-60 s per side on the muscles about to work";
      break;
    case Goal::kPostWorkout:
    case Goal::kSorenessDay1:
    case Goal::kSorenessDay2:
      s.dose_rules = {"R6", "R1"};
      s.per_side = kRomTable;
      s.extras = true;
      s.dose_fact = "for recovery and soreness: 90 s or more per side when time allows";
      break;
    case Goal::kDailyMobility:
      s.dose_rules = {"R1", "R7"};
      s.per_side = kRomTable;
      s.lifestyle = true;
      s.dose_fact = "for range of motion: about 90 s or more per side, in sets of 30-60 s";
      break;
    case Goal::kDeskRelief:
      s.dose_rules = {"R1"};
      s.per_side = kDeskTable;
      s.lifestyle = true;
      s.dose_fact = "for a desk break: short sets of 30-60 s, longer when time allows";
      break;
    case Goal::kBreathingCalm:
      s.dose_rules = {"R13", "R8"};
      s.per_side = kCalmTable;
      s.max_set_s = 90;
      s.hold_s = 60;
      s.pass_s = 4;
      s.moves = false;
      s.dose_fact = "for calm: long, gentle holds with slow breathing, about 6 breaths a minute";
      break;
    case Goal::kSpecificAche:
      s.dose_rules = {"R1", "R8"};
      s.per_side = kRomTable;
      s.extras = true;
      s.dose_fact = "for an ache: hold the tender spots and roll the region, about 90 s per side when time allows";
      break;
  }
  return s;
}

// Regions each goal is about by itself (before focus, aches and lifestyle), with their weights.
std::vector<std::pair<std::string, double>> goal_regions(Goal goal) {
  switch (goal) {
    case Goal::kDailyMobility:
      return {{"calves", kGoalWeight},         {"hamstrings", kGoalWeight},  {"quadriceps", kGoalWeight},
              {"glutes", kGoalWeight},         {"hip-flexors", kGoalWeight}, {"thoracic-spine", kGoalWeight},
              {"lats", kGoalWeight},           {"pecs", kGoalWeight},        {"upper-trapezius", kGoalWeight},
              {"plantar-fascia", kGoalWeight}, {"it-band-tfl", kGoalWeight}, {"adductors", kGoalWeight}};
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

// ---------------------------------------------------------------------------------------------------------
// Small helpers

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& s : from) {
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
  }
}

// A Why citing `rules`, with the sources the catalog gives for them plus `extra_sources`.
Why why(const Catalog& catalog, const std::vector<std::string>& rules, std::string fact,
        const std::vector<std::string>& extra_sources = {}) {
  Why w;
  w.rules = rules;
  for (const auto& r : rules) {
    if (const auto* rule = catalog.find_rule(r)) add_unique(w.sources, rule->sources);
  }
  add_unique(w.sources, extra_sources);
  w.fact = std::move(fact);
  return w;
}

Why why_of(const Citation& c, std::string fact) { return Why{c.rules, c.sources, std::move(fact)}; }

std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

std::string side_words(Side side) {
  return side == Side::kCentre ? std::string() : std::string(to_string(side)) + " side";
}

std::string region_words(const Region& region, Side side) {
  std::string out = lower_first(region.name);
  if (side != Side::kCentre) out += " (" + side_words(side) + ")";
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

// R9: how firm a tool feels, softest first: soft 0; medium 1; medium and textured 2; firm 3; firm and
// vibrating 4.
int firmness(const Tool& t) {
  switch (t.density) {
    case Density::kSoft: return 0;
    case Density::kMedium: return t.texture == Texture::kTextured ? 2 : 1;
    case Density::kFirm: return t.vibration ? 4 : 3;
  }
  return 3;
}

// The order tools are chosen in (R9; docs/planner.md, "Tools"), 0 first. Gentle (a beginner, or a condition
// limits the region): softest first. Otherwise medium first, then medium textured, soft, firm: firm tools give
// no better result than medium ones, so they come last.
int tool_preference(const Tool& t, bool gentle) {
  const int f = firmness(t);
  if (gentle) return f;
  switch (f) {
    case 1: return 0;
    case 2: return 1;
    case 0: return 2;
    default: return f;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Candidates

// Why a region is a candidate, most personal first: the order of a step's `why` (docs/planner.md, "Why").
enum class ReasonKind { kFocus, kAche, kActivity, kLifestyle, kGoal, kFill, kExtra };

struct Reason {
  ReasonKind kind = ReasonKind::kGoal;
  Why why;
};

struct Candidate {
  const Region* region = nullptr;
  bool left = false, right = false, centre = false;
  bool any_side_asked = false;  // a focus or ache named a side
  double weight = 0;
  bool primary = false;         // the person or the goal asked for it: report it in left_out when it is not rolled
  bool extra = true;            // only an R14 line extra
  std::vector<Reason> reasons;  // kept sorted by kind (stable)
  std::size_t order = 0;        // first-seen order, for stable ties

  const Exercise* exercise = nullptr;  // the option in use (one of `options`)
  const Tool* tool = nullptr;
  // Every way to work the region that is as gentle and as fitting as the first choice of step 4 (the same tool
  // class under R9 or a more preferred one, a beginner exercise for a new person when that was the choice,
  // breathing for calm and slow rolling before activity when the choice had them): the first choice first,
  // then the others, best first. The selection may swap to another when that gives a higher objective.
  struct Option {
    const Exercise* exercise = nullptr;
    const Tool* tool = nullptr;
  };
  std::vector<Option> options;

  std::vector<Side> sides() const {
    if (centre) return {Side::kCentre};
    std::vector<Side> out;
    if (left) out.push_back(Side::kLeft);
    if (right) out.push_back(Side::kRight);
    return out;
  }
};

class Planner {
 public:
  Planner(const Catalog& catalog, const Profile& profile, const PlanRequest& request, ScreeningResult screening)
      : catalog_(catalog),
        profile_(profile),
        request_(request),
        screening_(std::move(screening)),
        spec_(spec_for(request.goal)) {
    const auto& tool_ids = request.tools ? *request.tools : profile.tools;
    for (const auto& id : tool_ids) {
      if (const auto* t = catalog.find_tool(id)) tools_.push_back(t);
    }
  }

  Routine run(PlanStats* stats) {
    routine_.goal = std::string(to_string(request_.goal));
    routine_.budget_s = request_.minutes * 60;
    routine_.context = request_.context;
    // Budget arithmetic (issue 16): the session's own time is inside the budget. The get-ready countdown
    // comes off the selection's budget; each set's check-in window is part of its dose option's time
    // (selection_items) and of Routine::total_s().
    routine_.get_ready_s = request_.get_ready_s;
    routine_.check_in_s = request_.check_in_s;
    const int steps_budget_s = std::max(0, routine_.budget_s - routine_.get_ready_s);
    routine_.clearance_needed = screening_.clearance_needed;
    routine_.warnings = screening_.cautions;
    collect_candidates();
    apply_blocks();
    choose_exercises();
    const auto base_left_out = routine_.left_out;
    // The first choices of step 4, then (when it differs) the same regions with the options that cover every
    // region with few (position, tool) pairs, heaviest first. Kept: the better routine (docs/planner.md, step 8).
    std::vector<std::size_t> assignment(candidates_.size(), 0);
    Attempt best = solve(steps_budget_s);
    best.assignment = assignment;
    if (const auto other = covered(); other != best.assignment) {
      use(other);
      auto a = solve(steps_budget_s);
      a.assignment = other;
      if (better(a, best)) best = std::move(a);
    }
    use(best.assignment);
    const auto items = selection_items();  // the kept pool's, which the kept selection indexes
    record_stats(stats, items);
    if (stats) stats->value = best.value;
    // The attempts were built light (no texts); the one kept is built again in full, the same way.
    light_ = false;
    routine_.steps.clear();
    step_owner_.clear();
    routine_.left_out = base_left_out;
    apply_selection(best.selection);
    build_steps();
    fill_slack();
    describe_steps();
    add_limit_warnings();
    explain_empty_plan();
    add_notes();
    add_short_session_note();
    return std::move(routine_);
  }

 private:
  // -- which regions ---------------------------------------------------------------------------------------
  Candidate& candidate(const Region& region) {
    for (auto& c : candidates_) {
      if (c.region == &region) return c;
    }
    Candidate c;
    c.region = &region;
    c.order = candidates_.size();
    candidates_.push_back(std::move(c));
    return candidates_.back();
  }

  void add(const std::string& region_id, std::optional<Side> side, double weight, ReasonKind kind, Why reason,
           bool primary, bool extra = false) {
    const auto* region = catalog_.find_region(region_id);
    if (!region) return;
    auto& c = candidate(*region);
    if (!region->paired()) {
      c.centre = true;
    } else if (side && *side != Side::kCentre) {
      (*side == Side::kLeft ? c.left : c.right) = true;
      c.any_side_asked = true;
    } else {
      c.left = c.right = true;
    }
    c.weight += weight;
    c.primary = c.primary || primary;
    c.extra = c.extra && extra;
    const auto at = std::upper_bound(c.reasons.begin(), c.reasons.end(), kind,
                                     [](ReasonKind k, const Reason& r) { return k < r.kind; });
    c.reasons.insert(at, Reason{kind, std::move(reason)});
  }

  void collect_candidates() {
    const auto goal = request_.goal;
    const bool workout = goal == Goal::kPreActivity || goal == Goal::kPostWorkout || goal == Goal::kSorenessDay1 ||
                         goal == Goal::kSorenessDay2;
    for (const auto& f : request_.focus) {
      const auto* region = catalog_.find_region(f.region);
      if (!region) continue;
      const Side side = f.side.value_or(Side::kCentre);
      const std::vector<std::string> rules = goal == Goal::kPreActivity ? std::vector<std::string>{"R4"}
                                             : workout                  ? std::vector<std::string>{"R6"}
                                                                        : std::vector<std::string>{"R1"};
      add(f.region, f.side, kFocusWeight, ReasonKind::kFocus,
          why(catalog_, rules, "you asked for your " + region_words(*region, side)), true);
    }
    if (!request_.activity.empty()) {
      if (const auto* a = catalog_.find_lifestyle(request_.activity)) {
        const std::string when = goal == Goal::kPreActivity ? "about to work in " : "worked in ";
        const std::vector<std::string> rules =
            goal == Goal::kPreActivity ? std::vector<std::string>{"R4", "R5"} : std::vector<std::string>{"R6"};
        for (const auto& r : a->regions) {
          const auto* region = catalog_.find_region(r.region);
          if (!region) continue;
          add(r.region, std::nullopt, kGoalWeight + 2 * r.weight, ReasonKind::kActivity,
              why(catalog_, rules,
                  "your " + lower_first(region->name) + ", " + when + lower_first(a->name) + ": " + a->model,
                  a->evidence.sources),
              true);
        }
      }
    }
    // Aches: the regions themselves for specific-ache (and soreness, when nothing else is named); a raised
    // priority for the everyday goals.
    const bool aches_primary =
        goal == Goal::kSpecificAche || ((goal == Goal::kSorenessDay1 || goal == Goal::kSorenessDay2) &&
                                        request_.focus.empty() && request_.activity.empty());
    if ((aches_primary && request_.focus.empty()) || goal == Goal::kDailyMobility || goal == Goal::kDeskRelief) {
      for (const auto& a : profile_.aches) {
        const auto* region = catalog_.find_region(a.region);
        if (!region) continue;
        add(a.region, a.side == Side::kCentre ? std::nullopt : std::optional<Side>(a.side),
            aches_primary ? kFocusWeight : kAcheWeight, ReasonKind::kAche,
            why(catalog_, {"R1", "R8"}, "your profile says your " + region_words(*region, a.side) + " aches"),
            true);  // the person named it: say why when it is left out (issue 15)
      }
    }
    for (const auto& [region_id, weight] : goal_regions(goal)) {
      if (const auto* region = catalog_.find_region(region_id)) {
        add(region_id, std::nullopt, weight, ReasonKind::kGoal, goal_reason(goal, *region), false);
      }
    }
    if (spec_.lifestyle) {
      for (const auto& id : profile_.lifestyle) {
        const auto* f = catalog_.find_lifestyle(id);
        if (!f) continue;
        for (const auto& r : f->regions) {
          const auto* region = catalog_.find_region(r.region);
          if (!region) continue;
          add(r.region, std::nullopt, r.weight, ReasonKind::kLifestyle,
              why_of(f->evidence, "you said: " + lower_first(f->name) + ", which loads your " +
                                      lower_first(region->name) + ". " + f->model +
                                      " (a model of everyday strain, not proven science)"),
              false);
        }
        lifestyle_used_ = true;
      }
    }
    if (goal == Goal::kDailyMobility) {
      const auto every = why(catalog_, {"R1", "R7"}, "");
      for (const auto& r : catalog_.regions()) {
        auto w = every;
        w.fact = "daily mobility: every region counts, your " + lower_first(r.name) + " too";
        add(r.id, std::nullopt, kFillWeight, ReasonKind::kFill, std::move(w), false);
      }
    }
    if (spec_.extras) add_line_extras();
    keep_focus_sides();
  }

  // A focus on one side of a paired region is that side only, whatever else (the goal, lifestyle, an ache)
  // would add: the person said which side (issue 15). A focus without a side keeps both.
  void keep_focus_sides() {
    for (auto& c : candidates_) {
      bool left = false, right = false, whole = false;
      for (const auto& f : request_.focus) {
        if (f.region != c.region->id) continue;
        if (!f.side || *f.side == Side::kCentre) whole = true;
        if (f.side == Side::kLeft) left = true;
        if (f.side == Side::kRight) right = true;
      }
      if (whole || (!left && !right) || c.centre) continue;
      c.left = left;
      c.right = right;
    }
  }

  // The goal's own reason for one of its regions, naming the region.
  Why goal_reason(Goal goal, const Region& region) const {
    const std::string name = lower_first(region.name);
    switch (goal) {
      case Goal::kDailyMobility:
        return why(catalog_, {"R1", "R7"},
                   "daily mobility: your " + name + ", a region most people benefit from rolling");
      case Goal::kDeskRelief:
        return why(catalog_, {"R1"}, "desk relief: sitting at a desk loads your " + name,
                   catalog_.find_lifestyle("desk-work") ? catalog_.find_lifestyle("desk-work")->evidence.sources
                                                        : std::vector<std::string>{});
      case Goal::kBreathingCalm:
        return why(catalog_, {"R13", "R8"},
                   "breathing and calm: your " + name + " moves with, or tenses against, each breath");
      default: return Why{};
    }
  }

  // R14: another link of a myofascial line with good anatomical support, as an optional extra.
  void add_line_extras() {
    std::vector<std::pair<const Region*, std::string>> extras;
    for (const auto& c : candidates_) {
      if (!c.primary) continue;
      for (const auto& line_id : c.region->lines) {
        const auto* line = catalog_.find_line(line_id);
        if (!line || (line->support != Support::kStrong && line->support != Support::kModerate)) continue;
        for (const auto& r : catalog_.regions()) {
          if (&r == c.region || std::find(r.lines.begin(), r.lines.end(), line_id) == r.lines.end()) continue;
          extras.emplace_back(&r, "on the " + line->name + " with your " + lower_first(c.region->name) +
                                      ": an optional extra, never a substitute (its effect is small)");
        }
      }
    }
    for (const auto& extra : extras) {
      const Region* region = extra.first;  // not a structured binding: clang 14 (the fuzz build) cannot capture one
      const auto& fact = extra.second;
      const bool already = std::any_of(candidates_.begin(), candidates_.end(),
                                       [&](const Candidate& c) { return c.region == region && !c.extra; });
      if (already) continue;
      add(region->id, std::nullopt, kExtraWeight, ReasonKind::kExtra, why(catalog_, {"R14"}, fact), false, true);
    }
  }

  void left_out(const Candidate& c, Side side, std::string reason, Why w) {
    if (!c.primary) return;
    routine_.left_out.push_back(LeftOut{c.region->id, side, std::move(reason), std::move(w)});
  }

  void apply_blocks() {
    for (auto& c : candidates_) {
      for (const Side side : c.sides()) {
        const auto* block = screening_.block_for(c.region->id, side);
        if (!block) continue;
        const auto* cond = catalog_.find_condition(block->condition);
        left_out(c, side, "blocked: " + block->reason,
                 why_of(block->evidence, (cond ? cond->name : block->condition) + " (from your screening)"));
        if (side == Side::kLeft) c.left = false;
        if (side == Side::kRight) c.right = false;
        if (side == Side::kCentre) c.centre = false;
      }
      // A block on one side of a region asked for as a whole leaves the other side (noted in left_out).
    }
    blocked_every_region_ = !candidates_.empty();
    std::erase_if(candidates_, [](const Candidate& c) { return c.sides().empty(); });
    blocked_every_region_ = blocked_every_region_ && candidates_.empty();
  }

  // -- which exercise and tool -----------------------------------------------------------------------------
  // An exercise the person may do here: it fits the context and is not unsafe for one of their conditions.
  // The exercise can be done here: it fits the context, is not unsafe for a condition, and its position is one
  // no screening limit rules out on its region (pregnancy: not lying on the back or front).
  bool exercise_open(const Exercise& x, Context context) const {
    return x.fits(context) && !screening_.exercise_unsafe(x) && screening_.position_allowed(x.region, x.position);
  }

  // A tool that may be used on `region`: it suits the region (tools.toml `suits`), no never-roll zone there
  // forbids it (R11) and no screening limit does (R10).
  bool tool_usable(const Tool& tool, const Region& region) const {
    return std::find(tool.suits.begin(), tool.suits.end(), region.id) != tool.suits.end() &&
           tool_allowed_on(region, tool) && screening_.tool_allowed(tool, region.id);
  }

  // R9: softer tools for beginners and wherever a condition limits the region; medium by default.
  bool gentle_on(const Region& region) const {
    return profile_.experience == Experience::kNew || !screening_.limits_for(region.id).empty();
  }

  struct ToolChoice {
    const Tool* tool = nullptr;
    int preference = 0;  // tool_preference(): 0 is what R9 asks for here
    int list_rank = 0;   // its place in the exercise's list (shape and size, best first)
  };

  // The owned, usable tool of `x` that R9 prefers on `region`; ties go to the exercise's list order.
  ToolChoice best_tool(const Exercise& x, const Region& region, bool gentle) const {
    ToolChoice best;
    for (std::size_t k = 0; k < x.tools.size(); ++k) {
      const auto it = std::find_if(tools_.begin(), tools_.end(), [&](const Tool* t) { return t->id == x.tools[k]; });
      if (it == tools_.end() || !tool_usable(**it, region)) continue;
      const int preference = tool_preference(**it, gentle);
      if (!best.tool || preference < best.preference) best = ToolChoice{*it, preference, static_cast<int>(k)};
    }
    return best;
  }

  void choose_exercises() {
    for (auto& c : candidates_) {
      int best_score = 0;
      const bool gentle = gentle_on(*c.region);
      for (const auto* x : catalog_.exercises_for_region(c.region->id)) {
        if (!exercise_open(*x, request_.context)) continue;
        const auto choice = best_tool(*x, *c.region, gentle);
        if (!choice.tool) continue;
        // Gentle: the softest tool first, before the exercise's level (issue 15: a beginner never gets a firmer
        // tool than needed); otherwise the tool rule weighs less than the level and goal preferences.
        int score = choice.preference * (gentle ? 1000 : 10) + choice.list_rank;
        if (profile_.experience == Experience::kNew && x->level == Level::kRegular) score += 100;
        if (request_.goal == Goal::kBreathingCalm && !x->uses_technique("breathing")) score += 50;
        if (request_.goal == Goal::kPreActivity && !x->uses_technique("slow-roll")) score += 20;
        if (!c.exercise || score < best_score) {
          c.exercise = x;
          c.tool = choice.tool;
          best_score = score;
        }
      }
      if (c.exercise) add_options(c, gentle);
      if (!c.exercise) {
        no_exercise_.push_back(c.region);
        if (c.primary) {
          auto e = explain_no_exercise(*c.region);
          left_out(c, c.centre ? Side::kCentre : (c.left && c.right ? Side::kCentre : c.sides().front()),
                   std::move(e.text), std::move(e.why));
        }
      }
    }
    std::erase_if(candidates_, [](const Candidate& c) { return c.exercise == nullptr; });
    std::stable_sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
      if (a.weight != b.weight) return a.weight > b.weight;
      return a.order < b.order;
    });
  }

  // The candidate's options: its first choice, then every other exercise and tool that is as gentle and as
  // fitting for the goal (see Candidate::options), in the order of step 4's score.
  void add_options(Candidate& c, bool gentle) const {
    const int pick_preference = tool_preference(*c.tool, gentle);
    const auto& pick = *c.exercise;
    std::vector<std::pair<int, Candidate::Option>> others;
    for (const auto* x : catalog_.exercises_for_region(c.region->id)) {
      if (!exercise_open(*x, request_.context)) continue;
      if (profile_.experience == Experience::kNew && x->level == Level::kRegular && pick.level != Level::kRegular) {
        continue;
      }
      if (request_.goal == Goal::kBreathingCalm && pick.uses_technique("breathing") &&
          !x->uses_technique("breathing")) {
        continue;
      }
      if (request_.goal == Goal::kPreActivity && pick.uses_technique("slow-roll") && !x->uses_technique("slow-roll")) {
        continue;
      }
      // R9 inside an exercise: its most preferred usable tool, or one as preferred; and never a less preferred
      // tool than the first choice's.
      const int own = best_tool(*x, *c.region, gentle).preference;
      if (own > pick_preference) continue;
      for (std::size_t k = 0; k < x->tools.size(); ++k) {
        const auto it = std::find_if(tools_.begin(), tools_.end(), [&](const Tool* t) { return t->id == x->tools[k]; });
        if (it == tools_.end() || !tool_usable(**it, *c.region)) continue;
        const int preference = tool_preference(**it, gentle);
        if (preference != own || (x == c.exercise && *it == c.tool)) continue;
        others.emplace_back(preference * 10 + static_cast<int>(k), Candidate::Option{x, *it});
      }
    }
    std::stable_sort(others.begin(), others.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    c.options.push_back(Candidate::Option{c.exercise, c.tool});
    for (auto& [score, o] : others) c.options.push_back(o);
  }

  // Why no exercise fits a region, in the person's terms, and what would: another context (with the tools
  // they own) or another tool (in this context). docs/planner.md, step 4 and "Empty plans".
  struct Explanation {
    std::string text;
    Why why;
    std::vector<Context> contexts;      // other contexts where an owned tool works here
    std::vector<const Tool*> tools;     // tools not owned that would work here, in this context
    std::vector<std::string> screened;  // conditions that rule out an owned tool or every fitting exercise here
  };

  Explanation explain_no_exercise(const Region& region) const {
    Explanation e;
    e.why = why(catalog_, {"R9"}, "");
    std::vector<std::string> parts;
    auto cite = [&](const Citation& c) {
      add_unique(e.why.rules, c.rules);
      add_unique(e.why.sources, c.sources);
    };
    const std::string region_name = lower_first(region.name);
    for (const auto* t : tools_) {
      const std::string yours = "your " + lower_first(t->name);
      const auto zone = std::find_if(region.never_roll.begin(), region.never_roll.end(),
                                     [&](const NeverRoll& nr) { return matches_any(nr.forbid, *t); });
      if (zone != region.never_roll.end()) {
        if (const auto* z = catalog_.find_zone(zone->zone)) {
          parts.push_back(yours + " is never used here, because of " + lower_first(z->name) + ": " + z->why);
          cite(z->evidence);
          continue;
        }
      }
      const auto limits = screening_.limits_for(region.id);
      const auto limit =
          std::find_if(limits.begin(), limits.end(), [&](const CautionLimit* l) { return matches_any(l->forbid, *t); });
      if (limit != limits.end()) {
        const auto* cond = catalog_.find_condition((*limit)->condition);
        const std::string name = cond ? cond->name : (*limit)->condition;
        parts.push_back(yours + " is ruled out here by your screening (" + lower_first(name) + "): " + (*limit)->note);
        add_unique(e.screened, {name});
        cite((*limit)->evidence);
        continue;
      }
      if (std::find(t->suits.begin(), t->suits.end(), region.id) == t->suits.end()) {
        parts.push_back(yours + " does not suit the " + region_name);
        cite(t->evidence);
      }
    }
    for (const auto* x : catalog_.exercises_for_region(region.id)) {
      if (!x->fits(request_.context) || !screening_.exercise_unsafe(*x)) continue;
      for (const auto& id : x->unsafe_for) {
        if (std::find(screening_.conditions.begin(), screening_.conditions.end(), id) == screening_.conditions.end())
          continue;
        const auto* cond = catalog_.find_condition(id);
        const std::string name = cond ? cond->name : id;
        if (std::find(e.screened.begin(), e.screened.end(), name) != e.screened.end()) continue;
        parts.push_back("the exercises that fit here are not safe with " + lower_first(name));
        e.screened.push_back(name);
        if (cond) cite(cond->evidence);
      }
    }
    auto works = [&](Context context, const Tool& tool) {
      if (!tool_usable(tool, region)) return false;
      for (const auto* x : catalog_.exercises_for_region(region.id)) {
        if (exercise_open(*x, context) && std::find(x->tools.begin(), x->tools.end(), tool.id) != x->tools.end())
          return true;
      }
      return false;
    };
    for (const auto& entry : EnumNames<Context>::kNames) {
      const Context context = entry.first;
      if (context == request_.context) continue;
      if (std::any_of(tools_.begin(), tools_.end(), [&](const Tool* t) { return works(context, *t); }))
        e.contexts.push_back(context);
    }
    for (const auto& t : catalog_.tools()) {
      if (std::find(tools_.begin(), tools_.end(), &t) != tools_.end()) continue;
      if (works(request_.context, t)) e.tools.push_back(&t);
    }
    e.text = "no exercise for this region can be done " + context_words(request_.context) + " with your tools";
    if (!parts.empty()) e.text += ": " + join(parts, "; ");
    if (!e.contexts.empty()) {
      std::vector<std::string> where;
      for (const auto context : e.contexts) {
        where.push_back(context_words(context) + " (context \"" + std::string(to_string(context)) + "\")");
      }
      e.text += ". With your tools it can be done " + join(where, " or ");
    }
    if (!e.tools.empty()) {
      std::vector<std::string> names;
      for (const auto* t : e.tools) names.push_back("a " + lower_first(t->name));
      e.text += ". Here, " + join(names, " or ") + " would work";
    }
    if (!e.screened.empty()) e.text += ". Ask a clinician what is safe for you here";
    e.why.fact = "context " + std::string(to_string(request_.context)) + ", your tools and your screening";
    return e;
  }

  // A plan without steps always says why and what to do instead (issue 15): another context, another tool,
  // or a clinician. The notice goes first in `warnings`, which every face prints.
  void explain_empty_plan() {
    if (!routine_.steps.empty()) return;
    Notice n;
    n.id = "nothing-to-roll";
    std::vector<std::string> rules, sources;
    std::string msg;
    if (no_exercise_.empty() && blocked_every_region_) {
      std::vector<std::string> names;
      for (const auto& b : screening_.blocked_regions) {
        const auto* cond = catalog_.find_condition(b.condition);
        add_unique(names, {lower_first(cond ? cond->name : b.condition)});
        add_unique(rules, b.evidence.rules);
        add_unique(sources, b.evidence.sources);
      }
      msg = "Nothing to roll: your screening leaves out every region this plan would use (" + join(names, ", ") +
            "). Choose another goal or focus, and ask a clinician what you can roll.";
    } else if (!no_exercise_.empty()) {
      std::map<Context, int> contexts;
      std::map<const Tool*, int> tools;
      std::vector<std::string> screened;
      for (const auto* region : no_exercise_) {
        const auto e = explain_no_exercise(*region);
        for (const auto context : e.contexts) ++contexts[context];
        for (const auto* t : e.tools) ++tools[t];
        add_unique(screened, e.screened);
        add_unique(rules, e.why.rules);
        add_unique(sources, e.why.sources);
      }
      std::vector<std::string> owned;
      for (const auto* t : tools_) owned.push_back(lower_first(t->name));
      msg = "Nothing to roll: no region of this plan can be done " + context_words(request_.context) +
            " with your tools (" + join(owned, ", ") + ").";
      if (!contexts.empty()) {
        std::vector<std::string> where;
        for (const auto& [context, count] : contexts) {
          where.push_back(context_words(context) + " (context \"" + std::string(to_string(context)) + "\", " +
                          std::to_string(count) + (count == 1 ? " region)" : " regions)"));
        }
        msg += " With your tools you can roll " + join(where, " or ") + ".";
      }
      if (!tools.empty()) {
        std::vector<std::pair<const Tool*, int>> ranked(tools.begin(), tools.end());
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
          if (a.second != b.second) return a.second > b.second;
          return a.first->id < b.first->id;
        });
        std::vector<std::string> names;
        for (std::size_t k = 0; k < ranked.size() && k < 2; ++k) {
          names.push_back("a " + lower_first(ranked[k].first->name) + " (" + std::to_string(ranked[k].second) +
                          (ranked[k].second == 1 ? " region)" : " regions)"));
        }
        msg += " Here, " + join(names, " or ") + " would work.";
      }
      if (!screened.empty()) {
        for (auto& name : screened) name = lower_first(name);
        msg += " Your screening rules some of this out (" + join(screened, ", ") +
               "): ask a clinician what is safe for you.";
      } else if (contexts.empty() && tools.empty()) {
        msg += " Ask a clinician or a trainer what you can roll instead.";
      }
      add_unique(rules, {"R9"});
    } else {
      msg = "Nothing to roll in " + std::to_string(request_.minutes) + " minutes: give the plan more minutes.";
    }
    n.message = std::move(msg);
    n.evidence = Citation{rules, sources};
    routine_.warnings.insert(routine_.warnings.begin(), std::move(n));
  }

  static std::string context_words(Context context) {
    switch (context) {
      case Context::kFloor: return "on the floor";
      case Context::kSeated: return "seated";
      case Context::kStanding: return "standing";
      case Context::kDesk: return "at a desk";
      case Context::kCall: return "seated at a desk during a call, hands free";
    }
    return "";
  }

  // -- how long --------------------------------------------------------------------------------------------
  // A dose as chosen: seconds per side (0: left out) and the sets it is split into.
  struct DoseChoice {
    int per_side_s = 0;
    int sets = 0;
  };

  // One selection item per candidate (docs/planner.md, "The objective"): independent of the budget. Its
  // overhead is the region's own transition (10 s, +5 s for the side switch); its position and tool are its
  // groups (10 s and 5 s once each). Each dose comes in the goal's usual sets and, when that saves check-in
  // windows, in the fewest sets of at most the set cap (R1: a set may last 30-120 s).
  std::vector<SelectionItem> selection_items() {
    std::vector<SelectionItem> items;
    items.reserve(candidates_.size());
    dose_options_.assign(candidates_.size(), {});
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      const auto& c = candidates_[i];
      SelectionItem item;
      const int sides = static_cast<int>(c.sides().size());
      item.overhead_s = kRegionChange_s + (sides > 1 ? kSideSwitch_s : 0);
      item.position = position_rank(c.exercise->position);
      item.tool = static_cast<int>(std::find(tools_.begin(), tools_.end(), c.tool) - tools_.begin());
      for (const auto& [secs, benefit] : spec_.per_side) {
        // Budget arithmetic: every set of every side is followed by a check-in window.
        const int usual = sets_for(*c.exercise, secs);
        const int fewest = std::max(1, (secs + spec_.set_cap_s - 1) / spec_.set_cap_s);
        const std::array<int, 2> splits{usual, fewest};
        for (std::size_t k = 0; k < (fewest < usual ? 2u : 1u); ++k) {
          const int sets = splits[k];
          const double penalty = kLongSetPenalty * (usual - sets);
          item.options.push_back(
              DoseOption{(secs + sets * request_.check_in_s) * sides, c.weight * benefit * sides - penalty});
          dose_options_[i].push_back(DoseChoice{secs, sets});
        }
      }
      items.push_back(std::move(item));
    }
    return items;
  }

  struct Attempt {
    Selection selection;
    int total_s = -1;  // -1: none yet
    double value = 0;
    std::vector<std::size_t> assignment;  // per candidate: its option (index into Candidate::options)
  };

  // Kept first: a routine that fits the budget and fills kFillPercent of it, then the highest objective, then the
  // fullest.
  bool better(const Attempt& a, const Attempt& b) const {
    if (a.total_s < 0) return false;
    if (b.total_s < 0) return true;
    auto filled = [&](int t) { return t * 100 >= routine_.budget_s * kFillPercent; };
    if (filled(a.total_s) != filled(b.total_s)) return filled(a.total_s);
    if (filled(a.total_s)) return a.value > b.value + 1e-9 || (a.value > b.value - 1e-9 && a.total_s > b.total_s);
    return a.total_s > b.total_s || (a.total_s == b.total_s && a.value > b.value + 1e-9);
  }

  // The candidates worked with the options `assignment` names.
  void use(const std::vector<std::size_t>& assignment) {
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      const auto& o = candidates_[i].options[assignment[i]];
      candidates_[i].exercise = o.exercise;
      candidates_[i].tool = o.tool;
    }
  }

  // The best routine of the candidates' current options. The selection charges each transition what it costs in
  // an order that enters each position and each tool of a position once; the order may keep a tool across a
  // position change (5 s less), and the fill rule does not know that sets can grow. So each round tries both of
  // the selection's answers (fill rule kept, and best value whatever the fill): orders them, gives the time the
  // order saves back to the sets (fill_slack), and scores the result. The next round selects again with the time
  // the order saved added to the selection's budget (halving back when that overshoots). docs/planner.md, "Slack".
  Attempt solve(int steps_budget_s) {
    const auto items = selection_items();
    Attempt best;
    int selection_budget_s = steps_budget_s + kFirstStepCredit_s;
    int fits_s = selection_budget_s;  // the largest selection budget whose routine fitted
    int overshoots_s = -1;            // the smallest one whose routine did not (-1: none yet)
    // A selection budget never grows past what the order can save: a tool kept across a position change (5 s
    // each) and the rounding of each item to 5 s.
    const DoseSelector selector(
        items, selection_budget_s + static_cast<int>(items.size()) * (kToolChange_s + kSelectionStep_s),
        GroupCosts{kPositionChange_s, kToolChange_s});
    for (int round = 0; round < kRounds; ++round) {
      const auto both = selector.choose(selection_budget_s);
      const int unslacked_s = attempt(both.best, best);
      if (both.filled.choice != both.best.choice) attempt(both.filled, best);
      if (unslacked_s <= routine_.budget_s) {
        fits_s = selection_budget_s;
        const int saved = (routine_.budget_s - unslacked_s) / kSelectionStep_s * kSelectionStep_s;
        if (saved < kSelectionStep_s) break;
        selection_budget_s += saved;
        if (overshoots_s >= 0 && selection_budget_s >= overshoots_s) {
          selection_budget_s = (fits_s + overshoots_s) / 2 / kSelectionStep_s * kSelectionStep_s;
        }
      } else {
        overshoots_s = selection_budget_s;
        selection_budget_s = (fits_s + overshoots_s) / 2 / kSelectionStep_s * kSelectionStep_s;
      }
      if (selection_budget_s <= fits_s) break;
    }
    return best;
  }

  // The (position, tool) pair of a candidate's option.
  static std::pair<Position, const Tool*> pair_of(const Candidate::Option& o) { return {o.exercise->position, o.tool}; }

  // Options that cover every region with few (position, tool) pairs: the pair that the most weight can use first,
  // and so on; a region keeps its first choice when that pair is among them, else takes the first pair chosen
  // that it can use.
  std::vector<std::size_t> covered() const {
    std::vector<std::pair<Position, const Tool*>> cover;
    std::vector<bool> done(candidates_.size(), false);
    for (std::size_t left = candidates_.size(); left > 0;) {
      std::vector<std::pair<std::pair<Position, const Tool*>, double>> score;
      for (std::size_t i = 0; i < candidates_.size(); ++i) {
        if (done[i]) continue;
        const auto& c = candidates_[i];
        std::vector<std::pair<Position, const Tool*>> mine;
        for (const auto& o : c.options) {
          const auto p = pair_of(o);
          if (std::find(mine.begin(), mine.end(), p) != mine.end()) continue;
          mine.push_back(p);
          auto it = std::find_if(score.begin(), score.end(), [&](const auto& e) { return e.first == p; });
          if (it == score.end()) it = score.insert(score.end(), {p, 0.0});
          it->second += c.weight * static_cast<double>(c.sides().size());
        }
      }
      const auto top = std::max_element(score.begin(), score.end(),
                                        [](const auto& a, const auto& b) { return a.second < b.second - 1e-9; });
      cover.push_back(top->first);
      for (std::size_t i = 0; i < candidates_.size(); ++i) {
        if (done[i]) continue;
        const auto& options = candidates_[i].options;
        if (std::any_of(options.begin(), options.end(), [&](const auto& o) { return pair_of(o) == top->first; })) {
          done[i] = true;
          --left;
        }
      }
    }
    std::vector<std::size_t> out(candidates_.size(), 0);
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      const auto& options = candidates_[i].options;
      if (std::find(cover.begin(), cover.end(), pair_of(options[0])) != cover.end()) continue;
      std::size_t best_rank = cover.size();
      for (std::size_t k = 0; k < options.size(); ++k) {
        const auto rank =
            static_cast<std::size_t>(std::find(cover.begin(), cover.end(), pair_of(options[k])) - cover.begin());
        if (rank < best_rank) {
          best_rank = rank;
          out[i] = k;
        }
      }
    }
    return out;
  }

  // Builds the routine of one selection (light: times only, no texts), fills its slack and keeps the selection
  // in `best` when the routine is better. Returns the routine's time before the slack fill (what the order
  // saved shows there).
  int attempt(const Selection& sel, Attempt& best) {
    light_ = true;
    routine_.steps.clear();
    step_owner_.clear();
    apply_selection(sel);
    build_steps();
    const int unslacked_s = routine_.total_s();
    fill_slack();
    const int total = routine_.total_s();
    if (total > routine_.budget_s) return unslacked_s;
    Attempt mine;
    mine.total_s = total;
    mine.value = routine_value();
    if (better(mine, best)) {
      best.selection = sel;
      best.total_s = total;
      best.value = mine.value;
    }
    return unslacked_s;
  }

  // The objective of the routine as built (docs/planner.md): per step, the region's weight times the benefit of
  // the largest table dose not above its seconds per side.
  double routine_value() const {
    double value = 0;
    for (std::size_t k = 0; k < routine_.steps.size(); ++k) {
      const auto& s = routine_.steps[k];
      const int per_side_s = s.sets * s.set_s();
      double b = 0;
      for (const auto& [secs, benefit] : spec_.per_side) {
        if (secs <= per_side_s) b = benefit;
      }
      value += candidates_[step_owner_[k]].weight * b;
    }
    return value;
  }

  void apply_selection(const Selection& sel) {
    doses_.assign(candidates_.size(), DoseChoice{});
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      if (sel.choice[i] >= 0) {
        doses_[i] = dose_options_[i][static_cast<std::size_t>(sel.choice[i])];
      } else if (!light_) {
        const int min_s = spec_.per_side.front().first;
        left_out(candidates_[i],
                 candidates_[i].left && !candidates_[i].right   ? Side::kLeft
                 : candidates_[i].right && !candidates_[i].left ? Side::kRight
                                                                : Side::kCentre,
                 "not enough time: it needs at least " + std::to_string(min_s) + " s per side in " +
                     std::to_string(request_.minutes) + " minutes, and regions ranked higher came first",
                 why(catalog_, spec_.dose_rules, spec_.dose_fact));
      }
    }
  }

  void record_stats(PlanStats* stats, const std::vector<SelectionItem>& items) const {
    if (!stats) return;
    stats->candidates = static_cast<int>(candidates_.size());
    stats->capacity_s = 0;  // every transition at its most, every dose at its longest
    for (const auto& item : items) {
      int longest = 0;
      for (const auto& o : item.options) longest = std::max(longest, o.time_s);
      stats->capacity_s += kMaxOverhead_s + item.overhead_s - kRegionChange_s + longest;
    }
    stats->pool.clear();
    for (const auto& c : candidates_) {
      stats->pool.push_back(
          PlanCandidate{c.region->id, c.sides(), c.weight, c.exercise->id, c.tool->id, c.exercise->position});
    }
  }

  // The least reps a set with a move holds (kMinMoveReps, or the exercise's own count when smaller).
  static int min_move_reps(const Exercise& x) { return x.move ? std::min(kMinMoveReps, x.move->reps) : 0; }

  // The shortest set that holds the move with its least reps: locate 5 s, hold 20 s, the reps, roll 10 s.
  static int move_set_s(const Exercise& x) {
    return (x.uses_technique("locate") ? 5 : 0) + (x.uses_technique("hold") ? kMinHold_s : 0) +
           min_move_reps(x) * kMoveRep_s + (x.uses_technique("slow-roll") ? 10 : 0);
  }

  // Sets of at most the goal's set length; for an exercise with a move, fewer and longer sets (up to the set
  // cap, R1: a set may last 30-120 s) when the shorter ones could not hold the move (issue 15).
  int sets_for(const Exercise& x, int per_side_s) const {
    int n = std::max(1, (per_side_s + spec_.max_set_s - 1) / spec_.max_set_s);
    if (spec_.moves && x.move) {
      const int need = move_set_s(x);
      while (n > 1 && per_side_s / n < need && per_side_s / (n - 1) <= spec_.set_cap_s) --n;
    }
    return n;
  }

  struct SetShape {
    std::vector<Phase> phases;  // one set, in order
    int move_reps = 0;          // reps the move phase holds, kMoveRep_s each (0: no move phase)
  };

  // Phases of one set of `set_s` seconds, in order. The move phase lasts move_reps x kMoveRep_s, with as many
  // of the exercise's reps as fit after locate, the least hold and the least roll, and at least
  // min_move_reps(); fewer do not make a move phase.
  SetShape set_for(const Exercise& x, int set_s) const {
    const bool has_locate = x.uses_technique("locate");
    const bool has_hold = x.uses_technique("hold");
    const bool has_roll = x.uses_technique("slow-roll");
    const bool has_move = spec_.moves && x.move.has_value();
    int locate = has_locate ? (set_s >= 60 ? 10 : 5) : 0;
    const int roll_min = has_roll ? 10 : 0;
    const int hold_min = has_hold ? kMinHold_s : 0;
    SetShape out;
    if (has_move) {
      int room = set_s - locate - hold_min - roll_min;
      if (locate > 5 && room < min_move_reps(x) * kMoveRep_s) {
        locate = 5;
        room += 5;
      }
      out.move_reps = std::min(x.move->reps, std::max(0, room) / kMoveRep_s);
      if (out.move_reps < min_move_reps(x)) out.move_reps = 0;
    }
    const int move = out.move_reps * kMoveRep_s;
    if (has_hold && set_s - locate - move - roll_min < kMinHold_s) locate = 0;
    const int rest = set_s - locate - move;
    int hold = 0, roll = 0, breathe = 0;
    const int hold_pref = spec_.hold_s > 0 ? spec_.hold_s : x.dose.hold_s.value_or(30);
    if (has_hold && has_roll) {
      hold = std::max(0, std::min(hold_pref, rest - roll_min));
      roll = rest - hold;
    } else if (has_hold) {
      hold = rest;
    } else if (has_roll) {
      roll = rest;
    } else {
      breathe = rest;
    }
    if (hold > kMaxHold_s) {  // R8: a hold lasts at most a minute; breathe on without pressing harder
      breathe += hold - kMaxHold_s;
      hold = kMaxHold_s;
    }
    if (locate > 0) out.phases.push_back({PhaseKind::kLocate, locate});
    if (hold > 0) out.phases.push_back({PhaseKind::kHold, hold});
    if (breathe > 0) out.phases.push_back({PhaseKind::kBreathe, breathe});
    if (move > 0) out.phases.push_back({PhaseKind::kMove, move});
    if (roll > 0) out.phases.push_back({PhaseKind::kRoll, roll});
    return out;
  }

  // The condition whose limit sets the region's ceiling, or nullptr when the ceiling is the usual one.
  const CautionLimit* ceiling_limit(const std::string& region, int ceiling) const {
    if (ceiling >= kIntensityCeiling) return nullptr;
    for (const auto* l : screening_.limits_for(region)) {
      if (l->intensity_max && *l->intensity_max == ceiling) return l;
    }
    return nullptr;
  }

  std::string condition_name(const std::string& id) const {
    const auto* cond = catalog_.find_condition(id);
    return cond ? cond->name : id;
  }

  // Why this tool (R9), in the person's terms.
  Why tool_why(const Candidate& c) const {
    const auto& t = *c.tool;
    std::string fact = "the " + lower_first(t.name);
    const bool gentle = gentle_on(*c.region);
    const int preference = tool_preference(t, gentle);
    if (gentle) {
      const auto limits = screening_.limits_for(c.region->id);
      const std::string because = profile_.experience == Experience::kNew
                                      ? "you are new to rolling"
                                      : "of " + lower_first(condition_name(limits.front()->condition)) + " here";
      fact += preference == 0
                  ? ": the softest tool you own that suits this exercise, because " + because
                  : ": no softer tool you own suits this exercise; a softer one is better because " + because;
    } else {
      fact += preference == 0 ? ": medium density, the default" : ": you own no medium tool that suits this exercise";
    }
    fact += " (density changes the result little)";
    if (!request_.tools) fact += "; tools from your profile";
    return why_of(t.evidence, fact);
  }

  RoutineStep step_for(const Candidate& c, Side side, DoseChoice dose) const {
    const auto& x = *c.exercise;
    RoutineStep s;
    s.exercise = x.id;
    s.region = c.region->id;
    s.side = side;
    s.tool = c.tool->id;
    s.position = x.position;
    s.sets = dose.sets;
    s.phases = set_for(x, dose.per_side_s / s.sets).phases;
    return s;
  }

  // The texts and the final shape of a step, once the slack is filled: its set is shaped again at its final
  // length (the slack may make room for the move), then the intensity, pace, move and why.
  void describe_step(RoutineStep& s, const Candidate& c) const {
    const auto& x = *c.exercise;
    const int set_s = s.set_s();
    auto shape = set_for(x, set_s);
    s.phases = std::move(shape.phases);
    s.intensity_max = screening_.intensity_max(c.region->id);
    s.intensity_target_max = std::min(6, s.intensity_max);
    s.intensity_min = std::min(4, s.intensity_target_max);
    s.pass_s = std::clamp(x.dose.pass_s && request_.goal != Goal::kBreathingCalm ? *x.dose.pass_s : spec_.pass_s, 2, 4);
    s.move_reps = shape.move_reps;
    if (s.move_reps > 0) s.move_cue = x.move->cue;
    s.extra = c.extra;
    // Why, most personal first: what put the region here, the person's condition limits on it, then the dose,
    // the move, the pace, the tool and the intensity (docs/planner.md, "Why").
    for (const auto& r : c.reasons) s.why.push_back(r.why);
    for (const auto* l : screening_.limits_for(c.region->id)) {
      s.why.push_back(why_of(l->evidence, condition_name(l->condition) + ": " + l->note));
    }
    s.why.push_back(why(catalog_, spec_.dose_rules,
                        spec_.dose_fact + "; here " + std::to_string(s.sets) + (s.sets == 1 ? " set" : " sets") +
                            " of " + std::to_string(set_s) + " s"));
    if (x.move) {
      const std::string pace = std::to_string(kMoveRep_s) + " s each (2-3 s each way)";
      std::string fact;
      if (!spec_.moves) {
        fact = "no moves under the tool: " + spec_.dose_fact;
      } else if (s.move_reps == 0) {
        fact = "no moves under the tool this time: a " + std::to_string(set_s) + " s set has no room for " +
               std::to_string(min_move_reps(x)) + " slow moves, " + pace + "; a longer plan leaves room";
      } else {
        fact =
            std::to_string(s.move_reps) + " slow moves a set" +
            (s.move_reps < x.move->reps ? " (of the " + std::to_string(x.move->reps) + " the exercise suggests)" : "") +
            ", " + pace;
      }
      s.why.push_back(why(catalog_, {"R8"}, std::move(fact)));
    }
    if (request_.goal == Goal::kBreathingCalm || x.uses_technique("slow-roll")) {
      s.why.push_back(why(catalog_, {"R2"}, "roll slowly: one pass every " + std::to_string(s.pass_s) + " s"));
    }
    s.why.push_back(tool_why(c));
    std::string intensity = "aim for " + std::to_string(s.intensity_min) + "-" +
                            std::to_string(s.intensity_target_max) + " out of 10 and never go past " +
                            std::to_string(s.intensity_max);
    Citation cap_evidence;
    if (const auto* l = ceiling_limit(c.region->id, s.intensity_max)) {
      intensity += ": at most " + std::to_string(s.intensity_max) + " of 10 because of " +
                   lower_first(condition_name(l->condition));
      cap_evidence = l->evidence;
    }
    auto w = why(catalog_, {"R3"}, std::move(intensity));
    add_unique(w.sources, cap_evidence.sources);  // the condition's own rules are on its limit's why above
    s.why.push_back(std::move(w));
  }

  void describe_steps() {
    for (std::size_t k = 0; k < routine_.steps.size(); ++k)
      describe_step(routine_.steps[k], candidates_[step_owner_[k]]);
  }

  int position_rank(Position p) const {
    static constexpr std::array<Position, 8> kOrder{
        Position::kStandingWall,  Position::kStanding,   Position::kSeated,    Position::kFloorSeated,
        Position::kFloorKneeling, Position::kFloorFront, Position::kFloorSide, Position::kFloorBack};
    const int rank = static_cast<int>(std::find(kOrder.begin(), kOrder.end(), p) - kOrder.begin());
    return spec_.finish_standing ? 7 - rank : rank;
  }

  // -- order and transitions -------------------------------------------------------------------------------
  void build_steps() {
    // Chosen candidates, grouped by position (fewest position changes), then by tool within a position,
    // continuing with the previous group's last tool when it is used here too, and ending with a tool the next
    // position uses when there is one (fewer tool changes).
    std::vector<std::size_t> chosen;
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      if (doses_[i].per_side_s > 0) chosen.push_back(i);
    }
    std::map<int, std::vector<std::size_t>> by_position;
    for (const auto i : chosen) by_position[position_rank(candidates_[i].exercise->position)].push_back(i);
    std::vector<std::size_t> ordered;
    const Tool* last_tool = nullptr;
    auto uses = [&](const std::vector<std::size_t>& group, const Tool* tool) {
      return std::any_of(group.begin(), group.end(), [&](std::size_t i) { return candidates_[i].tool == tool; });
    };
    for (auto at = by_position.begin(); at != by_position.end(); ++at) {
      const auto& group = at->second;
      std::vector<const Tool*> tool_order;
      const bool kept_in = last_tool && uses(group, last_tool);
      if (kept_in) tool_order.push_back(last_tool);
      for (const auto i : group) {  // group is in priority order
        if (std::find(tool_order.begin(), tool_order.end(), candidates_[i].tool) == tool_order.end()) {
          tool_order.push_back(candidates_[i].tool);
        }
      }
      if (const auto next = std::next(at); next != by_position.end()) {
        // the last tool here that the next position uses goes last (not the one kept in, unless it is alone)
        for (std::size_t k = tool_order.size(); k-- > (kept_in ? 1u : 0u);) {
          if (uses(next->second, tool_order[k])) {
            std::rotate(tool_order.begin() + static_cast<std::ptrdiff_t>(k),
                        tool_order.begin() + static_cast<std::ptrdiff_t>(k) + 1, tool_order.end());
            break;
          }
        }
      }
      for (const auto* tool : tool_order) {
        for (const auto i : group) {
          if (candidates_[i].tool == tool) ordered.push_back(i);
        }
      }
      if (!ordered.empty()) last_tool = candidates_[ordered.back()].tool;
    }

    const RoutineStep* prev = nullptr;
    for (const auto i : ordered) {
      const auto& c = candidates_[i];
      for (const Side side : c.sides()) {
        auto s = step_for(c, side, doses_[i]);
        set_transition(s, prev);
        routine_.steps.push_back(std::move(s));
        step_owner_.push_back(i);
        prev = &routine_.steps.back();
      }
    }
  }

  // The time to get to `s` after `prev` (null: the first step) and, unless this is an attempt (light_), its words.
  void set_transition(RoutineStep& s, const RoutineStep* prev) const {
    const bool same = prev && prev->region == s.region && prev->exercise == s.exercise;
    s.transition_s = !prev  ? kFirstSetup_s
                     : same ? kSideSwitch_s
                            : kRegionChange_s + (prev->position != s.position ? kPositionChange_s : 0) +
                                  (prev->tool != s.tool ? kToolChange_s : 0);
    if (!light_) s.transition = transition_text(catalog_, s, prev);
  }

  // The selection counted the most a transition can take; what order saved goes back into the sets, 5 s per
  // set at a time, highest-priority regions first and both sides alike.
  void fill_slack() {
    grow_sets(kSelectionStep_s, true);
    // Budget arithmetic (issue 16): a session plays within 2 % of the minutes asked, so what the 5-s rounds
    // leave goes in too: 1 s per set at a time (both sides alike, only into a phase that is there), then a
    // few seconds more into the transitions.
    grow_sets(1, false);
    int gap = routine_.budget_s - routine_.total_s();
    for (auto& s : routine_.steps) {
      if (gap <= 0) break;
      const int more = std::min(gap, kTransitionTopUp_s);
      s.transition_s += more;
      gap -= more;
    }
  }

  // Grows every candidate's sets by `step_s` a round while the budget allows; `may_add_phase`: a set with no
  // phase that can grow gets a breathing phase.
  void grow_sets(int step_s, bool may_add_phase) {
    std::vector<std::vector<std::size_t>> mine(candidates_.size());  // per candidate: its steps
    for (std::size_t k = 0; k < routine_.steps.size(); ++k) mine[step_owner_[k]].push_back(k);
    int total = routine_.total_s();
    bool grew = true;
    while (grew) {
      grew = false;
      for (const auto& steps : mine) {
        if (steps.empty()) continue;
        int cost = 0;
        bool room = true;
        for (const auto k : steps) {
          const auto& s = routine_.steps[k];
          cost += s.sets * step_s;
          if (s.set_s() + step_s > spec_.set_cap_s || (!may_add_phase && !can_grow(s, step_s))) room = false;
        }
        if (!room || total + cost > routine_.budget_s) continue;
        for (const auto k : steps) grow_set(routine_.steps[k], step_s);
        total += cost;
        grew = true;
      }
    }
  }

  // Whether grow_set() finds a phase to lengthen by `step_s` without adding one.
  static bool can_grow(const RoutineStep& s, int step_s) {
    for (const auto& p : s.phases) {
      if (p.kind == PhaseKind::kRoll || p.kind == PhaseKind::kBreathe) return true;
      if (p.kind == PhaseKind::kHold && p.seconds + step_s <= kMaxHold_s) return true;
    }
    return false;
  }

  // Adds `step_s` to one set: rolling if the exercise rolls, else the hold (up to a minute), else slow
  // breathing. Only the time counts here: describe_step() shapes the set again at its final length.
  static void grow_set(RoutineStep& s, int step_s) {
    auto find = [&](PhaseKind kind) {
      return std::find_if(s.phases.begin(), s.phases.end(), [&](const Phase& p) { return p.kind == kind; });
    };
    if (auto roll = find(PhaseKind::kRoll); roll != s.phases.end()) {
      roll->seconds += step_s;
    } else if (auto hold = find(PhaseKind::kHold); hold != s.phases.end() && hold->seconds + step_s <= kMaxHold_s) {
      hold->seconds += step_s;
    } else if (auto breathe = find(PhaseKind::kBreathe); breathe != s.phases.end()) {
      breathe->seconds += step_s;
    } else {
      auto at = find(PhaseKind::kMove);
      s.phases.insert(at, Phase{PhaseKind::kBreathe, step_s});
    }
  }

  // Budget arithmetic (issue 16): a session lasts the minutes asked, within 2 %. When it cannot (every region
  // that suits the goal has all it can take, every set at its longest), the plan says so instead of padding.
  void add_short_session_note() {
    const int total = routine_.total_s();
    if (routine_.steps.empty() || total * 100 >= routine_.budget_s * kShortPercent) return;
    const std::string text = "This session takes " + std::to_string((total + 30) / 60) + " of the " +
                             std::to_string(request_.minutes) +
                             " minutes you asked for: every region that suits this goal already gets the most that "
                             "helps. For a longer session add focus regions or tools, or choose another goal.";
    const auto w = why(catalog_, spec_.dose_rules, text);
    routine_.notes.push_back(Notice{"short-session", text, Citation{w.rules, w.sources}});
  }

  // -- notices ---------------------------------------------------------------------------------------------
  void add_limit_warnings() {
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& s : routine_.steps) {
      for (const auto* l : screening_.limits_for(s.region)) {
        if (!seen.insert({l->condition, l->note}).second) continue;
        routine_.warnings.push_back(Notice{l->condition, l->note, l->evidence});
      }
    }
  }

  void add_notes() {
    auto note = [&](const std::string& id, const std::vector<std::string>& rules, const std::string& text,
                    const std::vector<std::string>& extra_sources = {}) {
      const auto w = why(catalog_, rules, text, extra_sources);
      routine_.notes.push_back(Notice{id, text, Citation{w.rules, w.sources}});
    };
    switch (request_.goal) {
      case Goal::kPreActivity:
        note("R5", {"R4", "R5"},
             "Start your activity within about 10 minutes: the extra range fades after that. Follow the rolling with a "
             "dynamic warm-up; rolling does not meaningfully reduce your strength (any effect is small and "
             "short-lived).");
        break;
      case Goal::kPostWorkout:
        note("R6", {"R6"},
             "If these muscles are sore tomorrow or the day after, roll them again (soreness-day-1 and "
             "soreness-day-2).");
        break;
      case Goal::kSorenessDay1:
        note("R6", {"R6"}, "Roll the same muscles again tomorrow (soreness-day-2) if they are still sore.");
        break;
      case Goal::kSorenessDay2:
        note("R6", {"R6"},
             "This is the second follow-up; soreness usually eases by now. If it is getting worse, rest "
             "and ask a clinician.");
        break;
      case Goal::kDailyMobility:
        note("R7", {"R7"},
             "Range of motion builds up with three or more sessions a week for more than four weeks. It "
             "is not a promise of better performance.");
        break;
      case Goal::kDeskRelief:
        note("R1", {"R1"}, "Short rolling breaks through the day add up; stand up and move between them.");
        break;
      case Goal::kBreathingCalm:
        note("R13", {"R13"},
             "Breathe in and out through your nose, slowly, about 6 breaths a minute, letting your belly "
             "move. Five minutes or more of slow breathing is what calms you.");
        break;
      case Goal::kSpecificAche:
        note("R3", {"R3"},
             "If the same area hurts in several sessions, or the pain is sharp, burning or spreading, "
             "stop rolling it and ask a clinician.");
        break;
    }
    if (lifestyle_used_) {
      note("lifestyle", {},
           "Some regions were ranked higher because of your lifestyle answers. This uses a model of "
           "everyday strain (the cumulative injury cycle), not proven science.",
           {"S58"});
    }
    if (std::any_of(routine_.steps.begin(), routine_.steps.end(), [](const RoutineStep& s) { return s.extra; })) {
      note("R14", {"R14"},
           "Steps marked extra roll another part of the same myofascial line. They are optional and "
           "never replace the main regions: their effect is small and varies.");
    }
    note("R3", {"R3"},
         "This is general guidance, not medical advice. Aim for comfortable discomfort; sharp, burning, "
         "stinging, numb or tingling feelings mean ease off or stop.");
  }

  const Catalog& catalog_;
  const Profile& profile_;
  const PlanRequest& request_;
  ScreeningResult screening_;
  GoalSpec spec_;
  std::vector<const Tool*> tools_;
  std::vector<Candidate> candidates_;
  std::vector<std::vector<DoseChoice>> dose_options_;  // per candidate: its selection item's options
  std::vector<DoseChoice> doses_;                      // per candidate: the dose chosen
  std::vector<std::size_t> step_owner_;                // per step: its candidate
  std::vector<const Region*> no_exercise_;             // candidates no exercise fits (context, tools, safety)
  bool blocked_every_region_ = false;                  // screening blocked every candidate
  bool lifestyle_used_ = false;
  bool light_ = false;  // building an attempt: times only, no texts, no left_out
  Routine routine_;
};

std::string unknown(std::string_view noun, const std::string& id, const std::vector<std::string>& valid) {
  std::string msg = "unknown " + std::string(noun) + " \"" + id + "\"";
  if (const auto guess = closest_match(id, valid); !guess.empty()) msg += "; did you mean \"" + guess + "\"?";
  return msg + "; expected " + quoted_list(valid);
}

}  // namespace

std::vector<Problem> request_field_problems(const Catalog& catalog, const Profile& profile,
                                            const PlanRequest& request) {
  std::vector<Problem> out;
  if (request.minutes < kMinMinutes || request.minutes > kMaxMinutes) {
    out.push_back({"minutes", std::to_string(request.minutes) + " is out of range; expected " +
                                  std::to_string(kMinMinutes) + " to " + std::to_string(kMaxMinutes)});
  }
  for (const auto& [name, value] : {std::pair<std::string_view, int>{"get_ready_s", request.get_ready_s},
                                    std::pair<std::string_view, int>{"check_in_s", request.check_in_s}}) {
    if (value < 0 || value > kMaxSessionOverhead_s) {
      out.push_back({std::string(name), std::to_string(value) + " s is out of range; expected 0 to " +
                                            std::to_string(kMaxSessionOverhead_s) + " seconds"});
    }
  }
  const auto regions = ids_of(catalog.regions());
  for (const auto& f : request.focus) {
    const auto* region = catalog.find_region(f.region);
    if (!region) {
      out.push_back({"focus", unknown("region", f.region, regions)});
    } else if (!region->paired() && f.side && *f.side != Side::kCentre) {
      out.push_back({"focus", "region \"" + f.region + "\" is in the middle of the body; it has no " +
                                  std::string(to_string(*f.side)) + " side (leave the side out)"});
    }
  }
  if (request.tools) {
    const auto tools = ids_of(catalog.tools());
    for (const auto& t : *request.tools) {
      if (!catalog.find_tool(t)) out.push_back({"tools", unknown("tool", t, tools)});
    }
  }
  std::vector<std::string> activities;
  for (const auto& l : catalog.lifestyle()) {
    if (l.activity) activities.push_back(l.id);
  }
  if (!request.activity.empty()) {
    const auto* a = catalog.find_lifestyle(request.activity);
    if (!a || !a->activity) out.push_back({"activity", unknown("activity", request.activity, activities)});
  }
  const auto& tools = request.tools ? *request.tools : profile.tools;
  if (tools.empty()) {
    out.push_back({"tools",
                   "none given and none in the profile; name the tools you own (smr catalog tools lists them), e.g. "
                   "foam-roller-medium,lacrosse-ball"});
  }
  const bool named = !request.focus.empty() || !request.activity.empty();
  switch (request.goal) {
    case Goal::kPreActivity:
    case Goal::kPostWorkout:
      if (!named) {
        out.push_back({"goal", "\"" + std::string(to_string(request.goal)) +
                                   "\" needs the activity or the muscles it works: give an activity (" +
                                   quoted_list(activities) + ") or focus regions"});
      }
      break;
    case Goal::kSorenessDay1:
    case Goal::kSorenessDay2:
      if (!named && profile.aches.empty()) {
        out.push_back({"goal", "\"" + std::string(to_string(request.goal)) +
                                   "\" needs the sore muscles: give focus regions, the activity that made them sore (" +
                                   quoted_list(activities) + "), or aches in your profile"});
      }
      break;
    case Goal::kSpecificAche:
      if (request.focus.empty() && profile.aches.empty()) {
        out.push_back(
            {"goal", "\"specific-ache\" needs the region that aches: give focus regions, or aches in your profile"});
      }
      break;
    default: break;
  }
  return out;
}

std::vector<std::string> request_problems(const Catalog& catalog, const Profile& profile, const PlanRequest& request) {
  std::vector<std::string> out;
  for (const auto& p : request_field_problems(catalog, profile, request)) out.push_back(p.message());
  return out;
}

tl::expected<Routine, PlanError> plan(const Catalog& catalog, const Profile& profile, const PlanRequest& request,
                                      PlanStats* stats) {
  auto problems = profile_problems(catalog, profile);
  for (auto& p : request_problems(catalog, profile, request)) problems.push_back(std::move(p));
  if (!problems.empty()) {
    std::string message;
    for (const auto& p : problems) message += (message.empty() ? "" : "\n") + p;
    return tl::unexpected(PlanError{PlanError::Kind::kInvalid, message, {}});
  }
  auto screening = screen(catalog, profile);
  if (!screening.may_roll) {
    std::string message = "no routine: a warning sign is present. ";
    for (const auto& n : screening.stop) message += n.message + " ";
    message.pop_back();
    return tl::unexpected(PlanError{PlanError::Kind::kStop, message, screening.stop});
  }
  return Planner(catalog, profile, request, std::move(screening)).run(stats);
}

std::string session_title(std::string_view goal, int total_s) {
  std::string_view label = "Guided session";
  if (const auto g = parse_enum<Goal>(goal)) {
    switch (*g) {
      case Goal::kPreActivity: label = "Warm up before activity"; break;
      case Goal::kPostWorkout: label = "Recover after a workout"; break;
      case Goal::kSorenessDay1: label = "Ease soreness, the day after"; break;
      case Goal::kSorenessDay2: label = "Ease soreness, two days after"; break;
      case Goal::kDailyMobility: label = "Daily mobility"; break;
      case Goal::kDeskRelief: label = "Undo a day at the desk"; break;
      case Goal::kBreathingCalm: label = "Breathe and calm down"; break;
      case Goal::kSpecificAche: label = "Ease what bothers you"; break;
    }
  }
  return std::string(label) + ", " + std::to_string((std::max(total_s, 0) + 59) / 60) + " min";
}

}  // namespace smr::core
