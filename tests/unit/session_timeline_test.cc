#include "core/session_timeline.h"

#include <gtest/gtest.h>

#include "session_fixture.h"

namespace smr::core {
namespace {

TEST(SessionTimelineTest, GetReadyThenPerStepATransitionAndPerSetPhasesAndACheckIn) {
  Routine r;
  r.steps = {testing::step("calf-roller", "calves", Side::kLeft, "foam-roller-medium", 5, 2)};
  const std::vector<Segment> t = build_timeline(r, TimelineOptions{10, 8});
  const std::vector<Segment> expected = {
      {SegmentKind::kGetReady, -1, -1, 10000, false}, {SegmentKind::kTransition, 0, -1, 5000, false},
      {SegmentKind::kLocate, 0, 0, 5000, false},      {SegmentKind::kHold, 0, 0, 20000, false},
      {SegmentKind::kMove, 0, 0, 10000, false},       {SegmentKind::kRoll, 0, 0, 9000, false},
      {SegmentKind::kCheckIn, 0, 0, 8000, false},     {SegmentKind::kLocate, 0, 1, 5000, false},
      {SegmentKind::kHold, 0, 1, 20000, false},       {SegmentKind::kMove, 0, 1, 10000, false},
      {SegmentKind::kRoll, 0, 1, 9000, false},        {SegmentKind::kCheckIn, 0, 1, 8000, false},
  };
  EXPECT_EQ(t, expected);
  EXPECT_EQ(planned_ms(t), 10000 + 5000 + 2 * (44000 + 8000));
}

TEST(SessionTimelineTest, ZeroSecondPhasesAreLeftOutButTransitionsStay) {
  Routine r;
  RoutineStep s = testing::step("calf-roller", "calves", Side::kLeft, "foam-roller-medium", 0);
  s.phases = {{PhaseKind::kLocate, 0}, {PhaseKind::kHold, 30}};
  r.steps = {s};
  const std::vector<Segment> t = build_timeline(r, TimelineOptions{0, 0});
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1].kind, SegmentKind::kTransition);
  EXPECT_EQ(t[1].planned_ms, 0);
  EXPECT_EQ(t[2].kind, SegmentKind::kHold);
}

}  // namespace
}  // namespace smr::core
