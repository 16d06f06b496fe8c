#include "core/planner.h"

#include <gtest/gtest.h>

#include "plan_test_support.h"

namespace smr::core {
namespace {

using test::builtin_catalog;
using test::describe;

TEST(PlannerSmokeTest, Prints) {
  Profile p;
  p.tools = {"foam-roller-medium", "therapy-ball-medium", "lacrosse-ball"};
  p.lifestyle = {"desk-work"};
  for (auto goal : {Goal::kDailyMobility, Goal::kDeskRelief, Goal::kBreathingCalm}) {
    PlanRequest q;
    q.goal = goal;
    q.minutes = 10;
    auto r = plan(builtin_catalog(), p, q);
    ASSERT_TRUE(r) << r.error().message;
    std::cout << describe(*r);
  }
}

}  // namespace
}  // namespace smr::core
