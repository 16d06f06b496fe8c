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

struct Tally {
  int planned = 0, stopped = 0, invalid = 0;
  int blocked_regions = 0, blocked_tools = 0, never_roll = 0, overruns = 0, unbalanced = 0, underused = 0;
  int not_owned = 0, unsafe = 0, wrong_context = 0, over_ceiling = 0;
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
            << t.overruns << ", unbalanced " << t.unbalanced << ", under 90 % " << t.underused << "\n";
  EXPECT_EQ(first_failure, "");
  EXPECT_EQ(t.blocked_regions, 0);
  EXPECT_EQ(t.blocked_tools, 0);
  EXPECT_EQ(t.never_roll, 0);
  EXPECT_EQ(t.overruns, 0);
  EXPECT_EQ(t.unbalanced, 0);
  EXPECT_EQ(t.underused, 0);
  EXPECT_GT(t.planned, kCases / 2);
}

}  // namespace
}  // namespace smr::core
