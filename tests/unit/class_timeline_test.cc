// A live class's shared clock and each participant's part in it (core/class_timeline.h), as properties over
// random routines, random control sequences at random moments and random people:
//   - with no control after the start, the class ends exactly when its timeline's planned time has passed;
//   - the class time played never goes back, and stands still while paused;
//   - a pause and a resume continue exactly where it paused; a control moves the anchor, never the position;
//   - "extend" adds exactly kClassExtendMs to the end, "next step" starts the next step's first segment;
//   - every accepted control raises the version by one; a refused one names the control and why;
//   - a participant gets one part per class step: the class's step when it is safe for them, otherwise a safe
//     alternative on the same area and side or rest; no part is a step their gate forbids, and the words to get
//     to each step name its own tool and, for the first they play, its position.
// A failure prints the case's seed.

#include <gtest/gtest.h>

#include "core/class_timeline.h"
#include "core/safety_gate.h"
#include "plan_test_support.h"
#include "random_routines.h"

namespace smr::core {
namespace {

using test::builtin_catalog;
using test::Random;

constexpr int kCases = 2000;
constexpr UnixMillis kT0 = 1'800'000'000'000;

std::vector<Segment> timeline_of(const Routine& r, Random& rnd) {
  TimelineOptions o;
  o.get_ready_s = rnd.between(0, 15);
  o.check_in_s = rnd.chance(30) ? 0 : rnd.between(5, 20);
  return build_timeline(r, o);
}

ClassClock started(const std::vector<Segment>& timeline, UnixMillis at) {
  auto c = apply_class_control(timeline, ClassClock{}, ClassControl::kStart, at);
  EXPECT_TRUE(c.has_value());
  return *c;
}

TEST(ClassTimelineTest, WithNoControlTheClassEndsExactlyWhenItsPlannedTimeHasPassed) {
  for (int k = 0; k < kCases; ++k) {
    Random rnd(static_cast<std::uint32_t>(k));
    const auto routine = test::random_routine(builtin_catalog(), rnd);
    const auto timeline = timeline_of(routine, rnd);
    const auto total = planned_ms(timeline);
    const auto clock = started(timeline, kT0);
    ASSERT_GT(total, 0) << "seed " << k;
    const auto before = class_position(timeline, clock, kT0 + total - 1);
    const auto after = class_position(timeline, clock, kT0 + total);
    EXPECT_EQ(before.state, ClassState::kRunning) << "seed " << k;
    EXPECT_EQ(before.played_ms, total - 1) << "seed " << k;
    EXPECT_EQ(before.remaining_ms(), 1) << "seed " << k;
    EXPECT_EQ(after.state, ClassState::kEnded) << "seed " << k;
    EXPECT_EQ(after.played_ms, total) << "seed " << k;
    // At every moment, the position is the segment whose planned span holds it.
    const UnixMillis at = kT0 + static_cast<UnixMillis>(rnd.below(static_cast<std::size_t>(total)));
    const auto p = class_position(timeline, clock, at);
    std::int64_t start = 0;
    for (int i = 0; i < p.segment; ++i) start += timeline[static_cast<std::size_t>(i)].planned_ms;
    EXPECT_EQ(start + p.elapsed_ms, at - kT0) << "seed " << k;
    EXPECT_LT(p.elapsed_ms, timeline[static_cast<std::size_t>(p.segment)].planned_ms) << "seed " << k;
    EXPECT_EQ(p.step, timeline[static_cast<std::size_t>(p.segment)].step) << "seed " << k;
  }
}

TEST(ClassTimelineTest, PlayedTimeNeverGoesBackStandsStillWhilePausedAndControlsKeepThePosition) {
  const ClassControl kControls[] = {ClassControl::kPause,  ClassControl::kResume, ClassControl::kNextStep,
                                    ClassControl::kExtend, ClassControl::kEnd,    ClassControl::kStart};
  for (int k = 0; k < kCases; ++k) {
    Random rnd(static_cast<std::uint32_t>(k));
    const auto routine = test::random_routine(builtin_catalog(), rnd);
    const auto timeline = timeline_of(routine, rnd);
    auto clock = started(timeline, kT0);
    UnixMillis now = kT0;
    std::int64_t last_played = 0;
    for (int e = 0; e < 40 && clock.state != ClassState::kEnded; ++e) {
      const UnixMillis later = now + rnd.between(0, 40'000);
      const auto a = class_position(timeline, clock, now);
      const auto b = class_position(timeline, clock, later);
      ASSERT_GE(a.played_ms, last_played) << "seed " << k;
      ASSERT_GE(b.played_ms, a.played_ms) << "seed " << k;
      if (clock.state == ClassState::kPaused) {
        ASSERT_EQ(a, b) << "paused, seed " << k;
      }
      now = later;
      last_played = b.played_ms;
      const ClassControl control = kControls[rnd.below(std::size(kControls))];
      const auto next = apply_class_control(timeline, clock, control, now);
      if (!next) {
        EXPECT_TRUE(next.error().starts_with(std::string(to_string(control)) + ": ")) << next.error();
        continue;
      }
      ASSERT_EQ(next->version, clock.version + 1) << "seed " << k;
      const auto after = class_position(timeline, *next, now);
      switch (control) {
        case ClassControl::kPause:
        case ClassControl::kResume:
        case ClassControl::kExtend: {
          // The same place; only the state (and an extended segment's length) differ.
          EXPECT_EQ(after.segment, b.segment) << "seed " << k;
          EXPECT_EQ(after.elapsed_ms, b.elapsed_ms) << "seed " << k;
          EXPECT_EQ(after.played_ms, b.played_ms) << "seed " << k;
          EXPECT_EQ(after.length_ms, b.length_ms + (control == ClassControl::kExtend ? kClassExtendMs : 0))
              << "seed " << k;
          EXPECT_EQ(after.state, control == ClassControl::kPause    ? ClassState::kPaused
                                 : control == ClassControl::kResume ? ClassState::kRunning
                                                                    : clock.state)
              << "seed " << k;
          break;
        }
        case ClassControl::kNextStep:
          EXPECT_EQ(after.played_ms, b.played_ms) << "seed " << k;
          if (after.state != ClassState::kEnded) {
            EXPECT_GT(after.step, b.step) << "seed " << k;
            EXPECT_EQ(after.elapsed_ms, 0) << "seed " << k;
            // The next step's first segment that lasts (a transition may last 0 ms).
            auto first = static_cast<std::size_t>(after.segment);
            while (first > 0 && timeline[first - 1].step == after.step) --first;
            for (auto i = first; i < static_cast<std::size_t>(after.segment); ++i) {
              EXPECT_EQ(timeline[i].planned_ms, 0) << "seed " << k;
            }
            EXPECT_EQ(after.state, clock.state) << "a paused class stays paused, seed " << k;
          } else {
            EXPECT_EQ(b.step, timeline.back().step) << "only from the last step does it end, seed " << k;
          }
          break;
        case ClassControl::kEnd:
          EXPECT_EQ(after.state, ClassState::kEnded) << "seed " << k;
          EXPECT_EQ(after.played_ms, b.played_ms) << "seed " << k;
          break;
        case ClassControl::kStart: ADD_FAILURE() << "start accepted twice, seed " << k; break;
      }
      clock = *next;
    }
  }
}

TEST(ClassTimelineTest, APauseDelaysTheEndByItsLengthAndAnExtendByFifteenSeconds) {
  for (int k = 0; k < kCases; ++k) {
    Random rnd(static_cast<std::uint32_t>(k));
    const auto routine = test::random_routine(builtin_catalog(), rnd);
    const auto timeline = timeline_of(routine, rnd);
    const auto total = planned_ms(timeline);
    auto clock = started(timeline, kT0);
    const UnixMillis pause_at = kT0 + static_cast<UnixMillis>(rnd.below(static_cast<std::size_t>(total)));
    const std::int64_t pause_for = rnd.between(1, 600'000);
    clock = *apply_class_control(timeline, clock, ClassControl::kPause, pause_at);
    clock = *apply_class_control(timeline, clock, ClassControl::kResume, pause_at + pause_for);
    std::int64_t end = kT0 + total + pause_for;
    // Extend wherever the class is in a hold or breathing segment, at three later and later moments.
    UnixMillis at = pause_at + pause_for;
    for (int e = 0; e < 3; ++e) {
      at += static_cast<UnixMillis>(rnd.below(static_cast<std::size_t>(total / 3 + 1)));
      const auto p = class_position(timeline, clock, at);
      if (p.state != ClassState::kRunning) continue;
      const auto kind = timeline[static_cast<std::size_t>(p.segment)].kind;
      const auto extended = apply_class_control(timeline, clock, ClassControl::kExtend, at);
      ASSERT_EQ(extended.has_value(), kind == SegmentKind::kHold || kind == SegmentKind::kBreathe) << "seed " << k;
      if (!extended) continue;
      clock = *extended;
      end += kClassExtendMs;
    }
    EXPECT_EQ(class_position(timeline, clock, end - 1).state, ClassState::kRunning) << "seed " << k;
    EXPECT_EQ(class_position(timeline, clock, end).state, ClassState::kEnded) << "seed " << k;
  }
}

TEST(ClassTimelineTest, ControlsThatDoNotApplyNowAreRefusedSayingWhy) {
  Random rnd(7);
  const auto timeline = timeline_of(test::random_routine(builtin_catalog(), rnd), rnd);
  const ClassClock waiting;
  EXPECT_EQ(apply_class_control(timeline, waiting, ClassControl::kPause, kT0).error(),
            "pause: the class has not started");
  const auto running = started(timeline, kT0);
  EXPECT_EQ(apply_class_control(timeline, running, ClassControl::kStart, kT0).error(),
            "start: the class has already started");
  EXPECT_EQ(apply_class_control(timeline, running, ClassControl::kResume, kT0).error(),
            "resume: the class is not paused");
  const auto paused = *apply_class_control(timeline, running, ClassControl::kPause, kT0 + 1);
  EXPECT_EQ(apply_class_control(timeline, paused, ClassControl::kPause, kT0 + 2).error(),
            "pause: the class is not running");
  const auto ended = *apply_class_control(timeline, paused, ClassControl::kEnd, kT0 + 3);
  for (auto c : {ClassControl::kStart, ClassControl::kPause, ClassControl::kResume, ClassControl::kNextStep,
                 ClassControl::kExtend, ClassControl::kEnd}) {
    EXPECT_EQ(apply_class_control(timeline, ended, c, kT0 + 4).error(),
              std::string(to_string(c)) + ": the class has ended");
  }
  // A class that ran to its end takes no pause, and "end" records it as ended.
  const auto over = kT0 + planned_ms(timeline) + 1;
  EXPECT_EQ(apply_class_control(timeline, running, ClassControl::kPause, over).error(),
            "pause: the class has run to its end");
  EXPECT_EQ(apply_class_control(timeline, running, ClassControl::kEnd, over)->state, ClassState::kEnded);
}

TEST(ClassTimelineTest, EveryParticipantGetsOnePartPerStepAndNoneTheirGateForbids) {
  const auto& catalog = builtin_catalog();
  int same = 0, alternative = 0, rest = 0, stopped = 0;
  for (int k = 0; k < kCases; ++k) {
    Random rnd(static_cast<std::uint32_t>(k));
    auto routine = test::random_routine(catalog, rnd);
    test::say_transitions(catalog, routine);
    const auto profile = test::random_profile(catalog, rnd, 3);
    const auto screening = screen(catalog, profile);
    GatePolicy policy;
    policy.context = routine.context;
    policy.owned_tools = profile.tools;
    const auto parts = personalize_class(catalog, screening, policy, routine);
    if (!screening.may_roll) {
      ASSERT_FALSE(parts.has_value()) << "seed " << k;
      EXPECT_EQ(parts.error().kind, GateRefusal::Kind::kStop) << "seed " << k;
      ++stopped;
      continue;
    }
    ASSERT_TRUE(parts.has_value()) << "seed " << k << ": " << parts.error().message;
    ASSERT_EQ(parts->size(), routine.steps.size()) << "seed " << k;
    Routine played;  // what they play, in order: the words to get to each step fit it
    for (const auto& part : *parts) {
      if (part.step) played.steps.push_back(*part.step);
    }
    ASSERT_TRUE(test::words_fit_the_steps(catalog, played)) << "seed " << k;
    for (std::size_t i = 0; i < parts->size(); ++i) {
      const auto& part = (*parts)[i];
      const auto& theirs = routine.steps[i];
      const bool safe = step_allowed(catalog, screening, theirs, policy.context);
      switch (part.kind) {
        case ClassPartKind::kSame:
          ++same;
          ASSERT_TRUE(safe) << "seed " << k << " step " << i;
          ASSERT_TRUE(part.step.has_value());
          EXPECT_EQ(part.step->exercise, theirs.exercise);
          EXPECT_EQ(part.step->tool, theirs.tool);
          EXPECT_LE(part.step->intensity_max, theirs.intensity_max);
          EXPECT_LE(part.step->intensity_max, screening.intensity_max(theirs.region));
          break;
        case ClassPartKind::kAlternative:
          ++alternative;
          ASSERT_FALSE(safe) << "a safe step is never changed, seed " << k << " step " << i;
          ASSERT_TRUE(part.step.has_value());
          EXPECT_TRUE(step_allowed(catalog, screening, *part.step, policy.context)) << "seed " << k << " step " << i;
          EXPECT_EQ(part.step->region, theirs.region);
          EXPECT_EQ(part.step->side, theirs.side);
          break;
        case ClassPartKind::kRest:
          ++rest;
          ASSERT_FALSE(safe) << "seed " << k << " step " << i;
          EXPECT_FALSE(part.step.has_value());
          break;
      }
      if (part.kind != ClassPartKind::kSame) {
        ASSERT_FALSE(part.changes.empty()) << "the participant is told why, seed " << k << " step " << i;
        for (const auto& c : part.changes) {
          EXPECT_EQ(c.step, static_cast<int>(i));
          EXPECT_FALSE(c.rules.empty()) << c.message;
        }
      }
    }
  }
  // The random people reach every kind of part.
  EXPECT_GT(same, 100);
  EXPECT_GT(alternative, 10);
  EXPECT_GT(rest, 10);
  EXPECT_GT(stopped, 10);
}

}  // namespace
}  // namespace smr::core
