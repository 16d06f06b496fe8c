#pragma once
// Random people and routines for the safety property tests (the gate, live classes): profiles with random
// conditions, named areas, warning signs and tools; coherent routines of random steps as anyone might write them.

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "core/catalog.h"
#include "core/routine.h"
#include "core/screening.h"
#include "core/transition_text.h"

namespace smr::test {

using core::Side;

class Random {
 public:
  explicit Random(std::uint32_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::mt19937 engine_;
};

inline Side random_side(const core::Region& r, Random& rnd) {
  if (!r.paired()) return Side::kCentre;
  return rnd.chance(50) ? Side::kLeft : Side::kRight;
}

inline core::Profile random_profile(const core::Catalog& c, Random& rnd, int symptom_percent) {
  core::Profile p;
  for (const auto& cond : c.conditions()) {
    if (!rnd.chance(15)) continue;
    p.conditions.push_back(cond.id);
    if (cond.block_named_area && rnd.chance(80)) {
      const auto& region = rnd.pick(c.regions());
      p.named_areas.push_back({cond.id, region.id, rnd.chance(30) ? Side::kCentre : random_side(region, rnd)});
      if (!region.paired()) p.named_areas.back().side = Side::kCentre;
    }
  }
  for (const auto& f : c.red_flags()) {
    if (rnd.chance(symptom_percent)) p.symptoms.push_back(f.id);
  }
  p.experience = rnd.chance(50) ? core::Experience::kNew : core::Experience::kRegular;
  for (const auto& t : c.tools()) {
    if (rnd.chance(45)) p.tools.push_back(t.id);
  }
  return p;
}

// A coherent step on a random exercise with one of its tools, with times and a ceiling as anyone might write
// them (a ceiling of 9 is above every limit).
inline core::RoutineStep random_step(const core::Catalog& c, Random& rnd) {
  const auto& x = rnd.pick(c.exercises());
  const auto* region = c.find_region(x.region);
  core::RoutineStep s;
  s.exercise = x.id;
  s.region = x.region;
  s.side = random_side(*region, rnd);
  s.tool = rnd.pick(x.tools);
  s.position = x.position;
  s.transition_s = rnd.between(0, 10);
  s.phases.push_back({core::PhaseKind::kLocate, rnd.between(3, 10)});
  s.phases.push_back({core::PhaseKind::kHold, rnd.between(20, 60)});
  if (x.move && rnd.chance(60)) {
    s.phases.push_back({core::PhaseKind::kMove, rnd.between(10, 30)});
    s.move_reps = x.move->reps;
    s.move_cue = x.move->cue;
  }
  if (rnd.chance(50)) s.phases.push_back({core::PhaseKind::kRoll, rnd.between(10, 30)});
  s.sets = rnd.between(1, 2);
  s.intensity_max = rnd.between(3, 9);
  s.intensity_target_max = std::min(6, s.intensity_max);
  s.intensity_min = std::min(4, s.intensity_target_max);
  return s;
}

// The words to get to each step as the planner writes them (random steps come without).
inline void say_transitions(const core::Catalog& c, core::Routine& r) {
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    r.steps[i].transition = core::transition_text(c, r.steps[i], i == 0 ? nullptr : &r.steps[i - 1]);
  }
}

inline core::Routine random_routine(const core::Catalog& c, Random& rnd) {
  core::Routine r;
  r.goal = "daily-mobility";
  const int n = rnd.between(1, 8);
  for (int i = 0; i < n; ++i) r.steps.push_back(random_step(c, rnd));
  if (rnd.chance(60)) {
    static const std::vector<core::Context> kContexts{core::Context::kFloor, core::Context::kSeated,
                                                      core::Context::kStanding, core::Context::kDesk,
                                                      core::Context::kCall};
    r.context = rnd.pick(kContexts);
  }
  r.budget_s = r.total_s();
  return r;
}

// The words to get to each step (RoutineStep::transition, when there are any) fit the step as played.
inline ::testing::AssertionResult words_fit_the_steps(const core::Catalog& c, const core::Routine& r) {
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const auto& s = r.steps[i];
    if (s.transition.empty()) continue;
    for (const auto& t : c.tools()) {
      std::string name = t.name;
      name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
      if (t.id != s.tool && s.transition.find(name) != std::string::npos) {
        return ::testing::AssertionFailure()
               << "step " << i << " is played with " << s.tool << " but says \"" << s.transition << "\"";
      }
    }
    const std::string start = "start " + std::string(core::describe(s.position));
    if (i == 0 && s.transition.find(start) == std::string::npos) {
      return ::testing::AssertionFailure()
             << "the first step does not say \"" << start << "\": \"" << s.transition << "\"";
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace smr::test
