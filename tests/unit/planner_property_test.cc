// Property test (issue 4): random profiles x requests on the built-in catalog. Whatever the input, the
// planner never schedules a blocked region or tool or a tool a never-roll zone forbids, never goes over the
// budget, uses at least 90 % of it when there is enough to do, and gives paired regions both sides equally
// unless one side was asked for or the other is blocked. A failure prints the case (seed, profile, request,
// routine) so it can be replayed.

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "core/planner.h"
#include "core/screening.h"
#include "plan_test_support.h"

namespace smr::core {
namespace {

using test::builtin_catalog;
using test::describe;

constexpr int kCases = 10000;
constexpr std::uint32_t kSeed = 20240404;

class Random {
 public:
  explicit Random(std::uint32_t seed) : engine_(seed) {}
  // Uniform in [0, n).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::mt19937 engine_;
};

Profile random_profile(const Catalog& c, Random& rnd) {
  Profile p;
  for (const auto& cond : c.conditions()) {
    if (!rnd.chance(12)) continue;
    p.conditions.push_back(cond.id);
    if (cond.block_named_area && rnd.chance(70)) {
      const auto& region = c.regions()[rnd.below(c.regions().size())];
      const Side side = region.paired() ? (rnd.chance(50)   ? Side::kLeft
                                           : rnd.chance(50) ? Side::kRight
                                                            : Side::kCentre)
                                        : Side::kCentre;
      p.named_areas.push_back({cond.id, region.id, side});
    }
  }
  for (const auto& f : c.red_flags()) {
    if (rnd.chance(2)) p.symptoms.push_back(f.id);
  }
  p.experience = rnd.chance(50) ? Experience::kNew : Experience::kRegular;
  for (const auto& t : c.tools()) {
    if (rnd.chance(35)) p.tools.push_back(t.id);
  }
  if (p.tools.empty()) p.tools.push_back(c.tools()[rnd.below(c.tools().size())].id);
  for (const auto& l : c.lifestyle()) {
    if (rnd.chance(20)) p.lifestyle.push_back(l.id);
  }
  const int aches = static_cast<int>(rnd.below(3));
  for (int i = 0; i < aches; ++i) {
    const auto& region = c.regions()[rnd.below(c.regions().size())];
    p.aches.push_back({region.id, region.paired() && rnd.chance(50) ? Side::kLeft : Side::kCentre, ""});
  }
  return p;
}

PlanRequest random_request(const Catalog& c, const Profile& p, Random& rnd) {
  PlanRequest q;
  q.goal = EnumNames<Goal>::kNames[rnd.below(EnumNames<Goal>::kNames.size())].first;
  q.minutes = kMinMinutes + static_cast<int>(rnd.below(kMaxMinutes - kMinMinutes + 1));
  q.context = EnumNames<Context>::kNames[rnd.below(EnumNames<Context>::kNames.size())].first;
  if (rnd.chance(30)) {
    std::vector<std::string> tools;
    for (const auto& t : c.tools()) {
      if (rnd.chance(40)) tools.push_back(t.id);
    }
    if (tools.empty()) tools.push_back(c.tools()[rnd.below(c.tools().size())].id);
    q.tools = tools;
  }
  const int focus = static_cast<int>(rnd.below(4));
  for (int i = 0; i < focus; ++i) {
    const auto& region = c.regions()[rnd.below(c.regions().size())];
    std::optional<Side> side;
    if (region.paired() && rnd.chance(40)) side = rnd.chance(50) ? Side::kLeft : Side::kRight;
    q.focus.push_back({region.id, side});
  }
  std::vector<std::string> activities;
  for (const auto& l : c.lifestyle()) {
    if (l.activity) activities.push_back(l.id);
  }
  const bool workout = q.goal == Goal::kPreActivity || q.goal == Goal::kPostWorkout || q.goal == Goal::kSorenessDay1 ||
                       q.goal == Goal::kSorenessDay2;
  if ((workout && (q.focus.empty() || rnd.chance(50))) || rnd.chance(10)) q.activity = rnd.pick(activities);
  if (q.goal == Goal::kSpecificAche && q.focus.empty() && p.aches.empty()) {
    q.focus.push_back({c.regions()[rnd.below(c.regions().size())].id, std::nullopt});
  }
  return q;
}

// Sides asked for one paired region by the request's focus or the profile's aches.
std::set<Side> asked_sides(const Profile& p, const PlanRequest& q, const std::string& region) {
  std::set<Side> out;
  for (const auto& f : q.focus) {
    if (f.region == region && f.side) out.insert(*f.side);
  }
  for (const auto& a : p.aches) {
    if (a.region == region && a.side != Side::kCentre) out.insert(a.side);
  }
  return out;
}

// How firm a tool feels (R9), independent of the planner: soft < medium < medium textured < firm < firm and
// vibrating.
int firmness(const Tool& t) {
  if (t.density == Density::kSoft) return 0;
  if (t.density == Density::kMedium) return t.texture == Texture::kTextured ? 2 : 1;
  return t.vibration ? 4 : 3;
}

bool suits(const Tool& t, const std::string& region) {
  return std::find(t.suits.begin(), t.suits.end(), region) != t.suits.end();
}

// The tools of an exercise a person could have used on its region: owned, suiting the region, allowed by the
// never-roll zones and the screening.
std::vector<const Tool*> usable_tools(const Catalog& c, const ScreeningResult& s, const Exercise& x,
                                      const std::vector<std::string>& owned) {
  std::vector<const Tool*> out;
  const auto* region = c.find_region(x.region);
  for (const auto& id : x.tools) {
    const auto* t = c.find_tool(id);
    if (std::find(owned.begin(), owned.end(), id) == owned.end()) continue;
    if (suits(*t, x.region) && tool_allowed_on(*region, *t) && s.tool_allowed(*t, x.region)) out.push_back(t);
  }
  return out;
}

// R9 (issue 15): a beginner, or anyone on a region a condition limits, gets the softest tool usable with any
// exercise of the region that fits the context; anyone else, within the exercise, a medium one when they have one
// and never a firm one when a softer one is usable.
std::string tool_rule_problem(const Catalog& c, const ScreeningResult& s, const Profile& p, Context context,
                              const RoutineStep& step, const std::vector<std::string>& owned) {
  const auto* x = c.find_exercise(step.exercise);
  const auto* tool = c.find_tool(step.tool);
  const int f = firmness(*tool);
  const bool gentle = p.experience == Experience::kNew || !s.limits_for(step.region).empty();
  if (gentle) {  // any exercise for the region that could have been done here
    for (const auto& other_x : c.exercises()) {
      if (other_x.region != step.region || !other_x.fits(context) || s.exercise_unsafe(other_x)) continue;
      if (!s.position_allowed(other_x.region, other_x.position)) continue;  // e.g. pregnancy: not lying down
      for (const auto* other : usable_tools(c, s, other_x, owned)) {
        if (firmness(*other) < f) {
          return "a firmer tool than needed: " + step.tool + " where " + other->id + " was usable on " + step.region +
                 " (" + other_x.id + ")";
        }
      }
    }
  }
  for (const auto* other : usable_tools(c, s, *x, owned)) {
    const int g = firmness(*other);
    if (gentle && g < f) {
      return "a firmer tool than needed: " + step.tool + " where " + other->id + " was usable on " + step.region;
    }
    if (!gentle && g == 1 && f != 1) {
      return "not the medium tool: " + step.tool + " where " + other->id + " was usable on " + step.region;
    }
    if (!gentle && f >= 3 && g < 3) {
      return "a firm tool: " + step.tool + " where " + other->id + " was usable on " + step.region;
    }
  }
  return "";
}

struct Tally {
  int planned = 0, stopped = 0, invalid = 0;
  int blocked_regions = 0, blocked_tools = 0, never_roll = 0, overruns = 0, unbalanced = 0, underused = 0;
  int not_owned = 0, unsafe = 0, wrong_context = 0, over_ceiling = 0;
  int unsuited = 0, firmer_than_needed = 0, long_sets = 0;
};

TEST(PlannerPropertyTest, RandomProfilesAndRequestsKeepEveryGuarantee) {
  const auto& c = builtin_catalog();
  Random rnd(kSeed);
  Tally t;
  std::string first_failure;
  for (int i = 0; i < kCases; ++i) {
    const auto profile = random_profile(c, rnd);
    const auto request = random_request(c, profile, rnd);
    PlanStats stats;
    const auto routine = plan(c, profile, request, &stats);
    std::vector<std::string> problems;
    const bool red_flag = !profile.symptoms.empty();
    if (!routine) {
      if (routine.error().kind == PlanError::Kind::kStop) {
        ++t.stopped;
        if (!red_flag) problems.push_back("stopped without a red flag");
      } else {
        ++t.invalid;
        problems.push_back("rejected: " + routine.error().message);
      }
    } else {
      ++t.planned;
      if (red_flag) problems.push_back("a routine despite a red flag");
      const auto s = screen(c, profile);
      const auto& owned = request.tools ? *request.tools : profile.tools;
      std::map<std::string, std::map<Side, int>> per_side;
      for (const auto& step : routine->steps) {
        const auto* region = c.find_region(step.region);
        const auto* tool = c.find_tool(step.tool);
        const auto* x = c.find_exercise(step.exercise);
        if (!region || !tool || !x || x->region != step.region) {
          problems.push_back("step refers to an unknown or mismatched id: " + step.exercise);
          continue;
        }
        if (s.region_blocked(step.region, step.side)) {
          ++t.blocked_regions;
          problems.push_back("blocked region " + step.region);
        }
        if (!s.tool_allowed(*tool, step.region)) {
          ++t.blocked_tools;
          problems.push_back("blocked tool " + step.tool + " on " + step.region);
        }
        if (!tool_allowed_on(*region, *tool)) {
          ++t.never_roll;
          problems.push_back("never-roll zone: " + step.tool + " on " + step.region);
        }
        if (std::find(owned.begin(), owned.end(), step.tool) == owned.end()) {
          ++t.not_owned;
          problems.push_back("tool not owned: " + step.tool);
        }
        if (std::find(x->tools.begin(), x->tools.end(), step.tool) == x->tools.end()) {
          problems.push_back("tool " + step.tool + " not listed for " + step.exercise);
        }
        if (!suits(*tool, step.region)) {
          ++t.unsuited;
          problems.push_back("tool " + step.tool + " does not suit " + step.region);
        }
        if (const auto bad = tool_rule_problem(c, s, profile, request.context, step, owned); !bad.empty()) {
          ++t.firmer_than_needed;
          problems.push_back(bad);
        }
        if (s.exercise_unsafe(*x)) {
          ++t.unsafe;
          problems.push_back("unsafe exercise " + step.exercise);
        }
        if (!x->fits(request.context)) {
          ++t.wrong_context;
          problems.push_back("exercise " + step.exercise + " does not fit the context");
        }
        if (step.intensity_max > s.intensity_max(step.region)) {
          ++t.over_ceiling;
          problems.push_back("intensity ceiling too high on " + step.region);
        }
        if (step.why.empty() || step.why.front().fact.empty()) problems.push_back("a step without why");
        if (region->paired() == (step.side == Side::kCentre)) problems.push_back("wrong side kind on " + step.region);
        per_side[step.region][step.side] += step.sets * step.set_s();
        // R1: a set lasts at most 120 s (R4: 60 s before activity), however the dose is split (docs/planner.md)
        const int longest_set_s = request.goal == Goal::kPreActivity ? 60 : 120;
        if (step.set_s() > longest_set_s) {
          ++t.long_sets;
          problems.push_back("a set of " + std::to_string(step.set_s()) + " s on " + step.region + ", more than " +
                             std::to_string(longest_set_s) + " s");
        }
      }
      if (routine->total_s() > routine->budget_s) {
        ++t.overruns;
        problems.push_back("over budget: " + std::to_string(routine->total_s()));
      }
      if (stats.capacity_s >= routine->budget_s && routine->total_s() * 10 < routine->budget_s * 9) {
        ++t.underused;
        problems.push_back("under 90 % of the budget although " + std::to_string(stats.capacity_s) +
                           " s could be scheduled");
      }
      for (const auto& [region_id, sides] : per_side) {
        if (!c.find_region(region_id)->paired()) continue;
        if (sides.size() == 2) {
          if (sides.begin()->second != sides.rbegin()->second) {
            ++t.unbalanced;
            problems.push_back("unequal sides on " + region_id);
          }
          continue;
        }
        const Side only = sides.begin()->first;
        const Side other = only == Side::kLeft ? Side::kRight : Side::kLeft;
        if (!asked_sides(profile, request, region_id).count(only) && !s.region_blocked(region_id, other)) {
          ++t.unbalanced;
          problems.push_back("only the " + std::string(to_string(only)) + " side of " + region_id);
        }
      }
    }
    if (!problems.empty() && first_failure.empty()) {
      first_failure = "case " + std::to_string(i) + " (seed " + std::to_string(kSeed) + "): " + problems.front() +
                      "\n" + describe(profile) + "\n" + describe(request) + "\n" +
                      (routine ? describe(*routine) : routine.error().message);
    }
  }
  std::cout << "[ property ] " << kCases << " cases: " << t.planned << " routines, " << t.stopped
            << " stopped by a red flag, " << t.invalid << " rejected; blocked regions " << t.blocked_regions
            << ", blocked tools " << t.blocked_tools << ", never-roll " << t.never_roll << ", over budget "
            << t.overruns << ", unbalanced " << t.unbalanced << ", under 90 % " << t.underused << ", unsuited tools "
            << t.unsuited << ", firmer than needed " << t.firmer_than_needed << ", sets too long " << t.long_sets
            << "\n";
  EXPECT_EQ(first_failure, "");
  EXPECT_EQ(t.blocked_regions, 0);
  EXPECT_EQ(t.blocked_tools, 0);
  EXPECT_EQ(t.never_roll, 0);
  EXPECT_EQ(t.overruns, 0);
  EXPECT_EQ(t.unbalanced, 0);
  EXPECT_EQ(t.underused, 0);
  EXPECT_EQ(t.unsuited, 0);
  EXPECT_EQ(t.firmer_than_needed, 0);
  EXPECT_EQ(t.long_sets, 0);
  EXPECT_GT(t.planned, kCases / 2);
}

// --- issue 15 -------------------------------------------------------------------------------------------------

// The built-in catalog with `x` as the only exercise of its region, so that the planner has to use it.
Catalog only_exercise(const Catalog& c, const Exercise& x) {
  CatalogData d{c.regions(),   c.zones(), c.lines(),      c.tools(),     c.techniques(), {},       c.conditions(),
                c.red_flags(), c.rules(), c.references(), c.lifestyle(), c.self_tests(), c.learn()};
  for (const auto& e : c.exercises()) {
    if (e.region != x.region || e.id == x.id) d.exercises.push_back(e);
  }
  return Catalog(std::move(d));
}

int phase_s(const RoutineStep& s, PhaseKind kind) {
  int total = 0;
  for (const auto& p : s.phases) {
    if (p.kind == kind) total += p.seconds;
  }
  return total;
}

bool any_fact(const RoutineStep& s, std::string_view text) {
  return std::any_of(s.why.begin(), s.why.end(), [&](const Why& w) { return w.fact.find(text) != std::string::npos; });
}

// Item 7: every exercise x goal x length. A step whose exercise has a move gets a move phase of at least
// move_reps x 5 s (the technique text: 2-3 s each way), with 5 or more reps (five to ten) and no more than the
// exercise's; or move_reps 0, no move phase and a why that says so. A step with 60 s or more per side (not
// the calm goal, which holds still) always has room for the move.
TEST(PlannerPropertyTest, EveryMoveStepHoldsItsRepsAtTheDocumentedPace_Issue15) {
  const auto& c = builtin_catalog();
  constexpr int kRep_s = 5;
  int moves = 0, without = 0, plans = 0;
  std::string first_failure;
  for (const auto& x : c.exercises()) {
    const Catalog one = only_exercise(c, x);
    const auto context = std::find_if(x.contexts.begin(), x.contexts.end(), [&](Context k) { return x.fits(k); });
    if (context == x.contexts.end()) continue;
    Profile p;
    p.experience = Experience::kRegular;
    p.tools = x.tools;
    for (const auto& [goal, name] : EnumNames<Goal>::kNames) {
      for (const int minutes : {3, 4, 5, 7, 10, 12, 15, 20, 30, 45, 60, 90}) {
        PlanRequest q;
        q.goal = goal;
        q.minutes = minutes;
        q.context = *context;
        q.focus = {{x.region, std::nullopt}};
        const auto r = plan(one, p, q);
        if (!r) {
          first_failure = first_failure.empty() ? x.id + ": " + r.error().message : first_failure;
          continue;
        }
        ++plans;
        for (const auto& s : r->steps) {
          const auto* e = one.find_exercise(s.exercise);
          std::string problem;
          const int move_s = phase_s(s, PhaseKind::kMove);
          if (!e->move) {
            if (s.move_reps != 0 || move_s != 0) problem = "a move on an exercise without one";
          } else if (s.move_reps > 0) {
            ++moves;
            if (move_s < s.move_reps * kRep_s) problem = "move phase too short for its reps";
            if (s.move_reps > e->move->reps) problem = "more reps than the exercise gives";
            if (s.move_reps < std::min(5, e->move->reps)) problem = "fewer than five reps";
            if (goal == Goal::kBreathingCalm) problem = "a move in the calm goal";
          } else {
            ++without;
            if (move_s != 0) problem = "a move phase with 0 reps";
            if (!any_fact(s, "no moves under the tool")) problem = "move dropped without a reason";
            if (goal != Goal::kBreathingCalm && s.sets * s.set_s() >= 60) problem = "no move in 60 s or more per side";
          }
          if (!problem.empty() && first_failure.empty()) {
            first_failure = problem + ": " + s.exercise + " (" + std::string(name) + ", " + std::to_string(minutes) +
                            " min)\n" + describe(*r);
          }
        }
      }
    }
  }
  std::cout << "[ property ] " << plans << " plans: " << moves << " steps with moves, " << without
            << " without (with the reason)\n";
  EXPECT_EQ(first_failure, "");
  EXPECT_GT(moves, without);
}

// Item 9: a plan without steps always says why and names a way forward that works: a context named in the
// notice gives steps, so does a tool it names; otherwise it sends the person to a clinician.
TEST(PlannerPropertyTest, AnEmptyPlanAlwaysSaysWhyAndAWayForwardThatWorks_Issue15) {
  const auto& c = builtin_catalog();
  Random rnd(kSeed + 15);
  int empty = 0, by_context = 0, by_tool = 0, by_clinician = 0;
  std::string first_failure;
  for (int i = 0; i < 3000; ++i) {
    Profile p;
    for (const auto& cond : c.conditions()) {
      if (rnd.chance(10)) p.conditions.push_back(cond.id);
    }
    p.experience = rnd.chance(50) ? Experience::kNew : Experience::kRegular;
    p.tools = {c.tools()[rnd.below(c.tools().size())].id};
    if (rnd.chance(20)) p.tools.push_back(c.tools()[rnd.below(c.tools().size())].id);
    auto q = random_request(c, p, rnd);
    q.tools.reset();
    const auto r = plan(c, p, q);
    if (!r || !r->steps.empty()) continue;
    ++empty;
    std::string problem;
    if (r->warnings.empty() || r->warnings.front().id != "nothing-to-roll") {
      problem = "no nothing-to-roll notice first";
    } else {
      const auto& msg = r->warnings.front().message;
      bool forward = msg.find("clinician") != std::string::npos;
      by_clinician += forward ? 1 : 0;
      for (const auto& [context, name] : EnumNames<Context>::kNames) {
        if (msg.find("context \"" + std::string(name) + "\"") == std::string::npos) continue;
        auto other = q;
        other.context = context;
        const auto again = plan(c, p, other);
        if (!again || again->steps.empty()) problem = "the named context \"" + std::string(name) + "\" gives no steps";
        forward = true;
        ++by_context;
      }
      const auto here = msg.find("Here, ");
      const auto would = msg.find(" would work", here == std::string::npos ? 0 : here);
      if (here != std::string::npos && would != std::string::npos) {
        const auto named = msg.substr(here, would - here);
        for (const auto& t : c.tools()) {
          std::string lower = t.name;
          lower[0] = static_cast<char>(std::tolower(lower[0]));
          if (named.find("a " + lower + " (") == std::string::npos) continue;
          auto more = p;
          more.tools.push_back(t.id);
          const auto again = plan(c, more, q);
          if (!again || again->steps.empty()) problem = "the named tool " + t.id + " gives no steps";
          forward = true;
          ++by_tool;
        }
      }
      if (!forward) problem = "no way forward in: " + msg;
    }
    if (!problem.empty() && first_failure.empty()) {
      first_failure = problem + "\n" + describe(p) + "\n" + describe(q) + "\n" + describe(*r);
    }
  }
  std::cout << "[ property ] " << empty << " empty plans; ways forward: another context " << by_context
            << ", another tool " << by_tool << ", a clinician " << by_clinician << "\n";
  EXPECT_EQ(first_failure, "");
  EXPECT_GT(empty, 20);
}

// Item 10: a step's why names each of its own reasons (the focus, the ache, the activity, the lifestyle
// factors, the conditions that limit the region, the cap and the condition behind it), the most personal
// first; and two steps with different reasons never have the same why facts, region names aside.
TEST(PlannerPropertyTest, EveryStepsWhyNamesItsOwnReasons_Issue15) {
  const auto& c = builtin_catalog();
  Random rnd(kSeed + 10);
  int steps = 0, capped = 0;
  std::string first_failure;
  for (int i = 0; i < 2000; ++i) {
    const auto p = random_profile(c, rnd);
    if (!p.symptoms.empty()) continue;
    const auto q = random_request(c, p, rnd);
    const auto r = plan(c, p, q);
    if (!r) continue;
    const auto s = screen(c, p);
    const bool everyday = q.goal == Goal::kDailyMobility || q.goal == Goal::kDeskRelief;
    const bool aches_used =
        everyday || q.goal == Goal::kSpecificAche ||
        ((q.goal == Goal::kSorenessDay1 || q.goal == Goal::kSorenessDay2) && q.focus.empty() && q.activity.empty());
    std::map<std::string, std::set<std::string>> reasons_of;  // region -> its reasons
    std::map<std::string, std::multiset<std::string>> facts_of;
    for (const auto& step : r->steps) {
      ++steps;
      std::set<std::string> reasons;
      std::vector<std::string> expect;  // texts some why fact must hold
      std::string headline;             // what the first why must hold
      auto region_is = [&](const std::string& id) { return id == step.region; };
      if (std::any_of(q.focus.begin(), q.focus.end(), [&](const Focus& f) { return region_is(f.region); })) {
        reasons.insert("focus");
        headline = "you asked for";
      }
      if (aches_used && !(q.goal == Goal::kSpecificAche && !q.focus.empty()) &&
          std::any_of(p.aches.begin(), p.aches.end(), [&](const Ache& a) { return region_is(a.region); })) {
        reasons.insert("ache");
        if (headline.empty()) headline = "aches";
      }
      if (const auto* a = c.find_lifestyle(q.activity)) {
        for (const auto& lr : a->regions) {
          if (!region_is(lr.region)) continue;
          std::string name = a->name;
          name[0] = static_cast<char>(std::tolower(name[0]));
          reasons.insert("activity");
          expect.push_back(name);
          if (headline.empty()) headline = name;
        }
      }
      if (everyday) {
        for (const auto& id : p.lifestyle) {
          const auto* f = c.find_lifestyle(id);
          for (const auto& lr : f->regions) {
            if (!region_is(lr.region)) continue;
            std::string name = f->name;
            name[0] = static_cast<char>(std::tolower(name[0]));
            reasons.insert("lifestyle " + id);
            expect.push_back(name);
            if (headline.empty()) headline = name;
          }
        }
      }
      for (const auto* l : s.limits_for(step.region)) {
        reasons.insert("condition " + l->condition);
        expect.push_back(c.find_condition(l->condition)->name);
      }
      if (step.intensity_max < kIntensityCeiling) {
        ++capped;
        std::string cap = "at most " + std::to_string(step.intensity_max) + " of 10 because of ";
        bool named = false;
        for (const auto* l : s.limits_for(step.region)) {
          if (l->intensity_max != step.intensity_max) continue;
          std::string name = c.find_condition(l->condition)->name;
          name[0] = static_cast<char>(std::tolower(name[0]));
          named = named || any_fact(step, cap + name);
        }
        if (!named) expect.push_back(cap);
      }
      std::string problem;
      for (const auto& text : expect) {
        if (!any_fact(step, text)) problem = "the why does not name \"" + text + "\"";
      }
      if (!headline.empty() && step.why.front().fact.find(headline) == std::string::npos) {
        problem = "the first why is not the most personal reason (" + headline + "): " + step.why.front().fact;
      }
      std::multiset<std::string> facts;
      std::string name = c.find_region(step.region)->name;
      name[0] = static_cast<char>(std::tolower(name[0]));
      for (const auto& w : step.why) {
        std::string f = w.fact;
        for (auto at = f.find(name); at != std::string::npos; at = f.find(name)) f.replace(at, name.size(), "<region>");
        facts.insert(f);
      }
      for (const auto& [other, its] : reasons_of) {
        if (its != reasons && facts_of[other] == facts) problem = "the same why as " + other + " for other reasons";
      }
      reasons_of[step.region] = reasons;
      facts_of[step.region] = facts;
      if (!problem.empty() && first_failure.empty()) {
        first_failure = problem + " (" + step.region + ")\n" + describe(p) + "\n" + describe(q) + "\n" + describe(*r);
      }
    }
  }
  std::cout << "[ property ] " << steps << " steps, " << capped << " capped by a condition\n";
  EXPECT_EQ(first_failure, "");
  EXPECT_GT(capped, 100);
}

}  // namespace
}  // namespace smr::core
