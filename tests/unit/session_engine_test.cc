#include "core/session_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "session_fixture.h"

namespace smr::core {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::kit_settings;
using testing::session_catalog;
using testing::step;
using testing::three_steps;

constexpr MonoMillis kT0 = 5'000'000;            // the fake monotonic clock at start
constexpr UnixMillis kWall = 1'700'000'000'000;  // Unix time at start
constexpr MonoMillis at(std::int64_t offset_ms) { return kT0 + offset_ms; }

template <typename T>
std::vector<T> records_of(const SessionUpdate& u) {
  std::vector<T> out;
  for (const EngineRecord& r : u.records) {
    if (const T* x = std::get_if<T>(&r)) out.push_back(*x);
  }
  return out;
}

std::vector<std::string> event_kinds(const SessionUpdate& u) {
  std::vector<std::string> out;
  for (const SessionEvent& e : records_of<SessionEvent>(u)) out.push_back(e.kind);
  return out;
}

std::vector<SessionEvent> events_named(const SessionUpdate& u, std::string_view kind) {
  std::vector<SessionEvent> out;
  for (const SessionEvent& e : records_of<SessionEvent>(u)) {
    if (e.kind == kind) out.push_back(e);
  }
  return out;
}

std::vector<Cue> cues_of(const SessionUpdate& u, CueKind kind) {
  std::vector<Cue> out;
  for (const Cue& c : u.cues) {
    if (c.kind == kind) out.push_back(c);
  }
  return out;
}

class SessionEngineTest : public ::testing::Test {
 protected:
  SessionEngine& make(Routine routine = three_steps(), SessionSettings settings = kit_settings()) {
    engine_.emplace(std::move(routine), catalog_, std::move(settings));
    return *engine_;
  }
  SessionEngine& started(Routine routine = three_steps(), SessionSettings settings = kit_settings()) {
    make(std::move(routine), std::move(settings));
    EXPECT_TRUE(engine_->start(at(0), kWall));
    engine_->take_update();
    return *engine_;
  }
  // Ticks to `offset` and returns what happened since the last take.
  SessionUpdate tick_to(std::int64_t offset) {
    EXPECT_TRUE(engine_->tick(at(offset)));
    return engine_->take_update();
  }
  Refusal refused(const EngineStatus& s) {
    EXPECT_FALSE(s.has_value());
    return s.has_value() ? Refusal{} : s.error();
  }

  Catalog catalog_ = session_catalog();
  std::optional<SessionEngine> engine_;
};

// --- start and the get-ready countdown ------------------------------------------------------------------

TEST_F(SessionEngineTest, StartGoesFromNotStartedToGetReadyAndNamesTheFirstExercise) {
  SessionEngine& e = make();
  EXPECT_EQ(e.state(), SessionState::kNotStarted);
  EXPECT_EQ(e.next_deadline(), std::nullopt);
  ASSERT_TRUE(e.start(at(0), kWall));
  EXPECT_EQ(e.state(), SessionState::kGetReady);
  const SessionUpdate u = e.take_update();
  EXPECT_THAT(event_kinds(u), ElementsAre("session-started", "phase-started"));
  ASSERT_EQ(u.cues.size(), 1u);
  EXPECT_EQ(u.cues[0].kind, CueKind::kGetReady);
  EXPECT_EQ(u.cues[0].text,
            "Get ready. First: Calf roll, left side, with your medium foam roller. Starting in 10 seconds.");
  // With every setting the engine plays by (for a replay after an interruption) and who plays it.
  EXPECT_EQ(records_of<SessionEvent>(u)[0].data_json,
            R"({"planned_ms":187000,"steps":3,"breaths_per_minute":6,"get_ready_s":10,"check_in_s":10,)"
            R"("extend_s":15,"max_hold_s":60,"change_s":10,"countdown_s":3,"back_restart_ms":3000,)"
            R"("inhale_share_pct":40,"tools":["foam-roller-medium"],"conditions":[],"context":"","player":""})");
  EXPECT_EQ(e.planned_ms(), 187000);
}

TEST_F(SessionEngineTest, GetReadyCountsDownThreeTwoOneThenTheFirstTransitionStarts) {
  SessionEngine& e = started();
  EXPECT_EQ(e.next_deadline(), at(7000));
  const SessionUpdate u = tick_to(10000);
  const std::vector<Cue> countdown = cues_of(u, CueKind::kCountdown);
  ASSERT_EQ(countdown.size(), 3u);
  EXPECT_EQ(countdown[0].text, "3");
  EXPECT_EQ(countdown[0].at_ms, at(7000));
  EXPECT_EQ(countdown[1].text, "2");
  EXPECT_EQ(countdown[2].text, "1");
  EXPECT_EQ(countdown[2].at_ms, at(9000));
  EXPECT_EQ(e.state(), SessionState::kTransition);
  EXPECT_THAT(event_kinds(u), ElementsAre("step-started", "phase-started"));
  EXPECT_EQ(events_named(u, "step-started")[0].data_json,
            R"({"exercise":"calf-roller","region":"calves","side":"left","tool":"foam-roller-medium","sets":1})");
}

TEST_F(SessionEngineTest, NothingHappensBeforeTheNextDeadline) {
  SessionEngine& e = started();
  EXPECT_TRUE(tick_to(6999).empty());
  EXPECT_EQ(e.state(), SessionState::kGetReady);
  EXPECT_FALSE(tick_to(7000).empty());
}

TEST_F(SessionEngineTest, StepCueNamesExerciseSideToolAndTransition) {
  Routine r = three_steps();
  r.steps[0].transition = "Sit on the floor with the roller under your left calf.";
  started(std::move(r));
  const std::vector<Cue> step_cues = cues_of(tick_to(10000), CueKind::kStep);
  ASSERT_EQ(step_cues.size(), 1u);
  EXPECT_EQ(step_cues[0].text,
            "Next: Calf roll, left side, with your medium foam roller. Sit on the floor with the roller under your "
            "left calf.");
  EXPECT_TRUE(step_cues[0].chime);
}

// --- the phases of a step ------------------------------------------------------------------------------

TEST_F(SessionEngineTest, EachStepPlaysTransitionLocateHoldMoveRollCheckInInOrder) {
  SessionEngine& e = started();
  std::vector<std::pair<std::int64_t, SessionState>> seen;
  SessionState last = e.state();
  for (std::int64_t t = 0; t <= 69000; t += 1000) {
    tick_to(t);
    if (e.state() != last) seen.emplace_back(t, e.state());
    last = e.state();
  }
  EXPECT_THAT(seen, ElementsAre(std::pair{10000, SessionState::kTransition}, std::pair{15000, SessionState::kLocate},
                                std::pair{20000, SessionState::kHold}, std::pair{40000, SessionState::kMove},
                                std::pair{50000, SessionState::kRoll}, std::pair{59000, SessionState::kCheckIn},
                                std::pair{69000, SessionState::kTransition}));
}

TEST_F(SessionEngineTest, HoldCueSaysBreatheInThroughTheNose) {
  started();
  tick_to(19999);
  const std::vector<Cue> phase = cues_of(tick_to(20000), CueKind::kPhase);
  ASSERT_EQ(phase.size(), 1u);
  EXPECT_THAT(phase[0].say, HasSubstr("in through the nose, let the belly rise"));
}

TEST_F(SessionEngineTest, HoldPacesBreathsAtSixPerMinute) {
  started();
  tick_to(20000);
  const SessionUpdate u = tick_to(39999);
  std::vector<std::pair<CueKind, MonoMillis>> breaths;
  for (const Cue& c : u.cues) breaths.emplace_back(c.kind, c.at_ms - at(20000));
  EXPECT_THAT(breaths, ElementsAre(std::pair{CueKind::kExhale, 4000}, std::pair{CueKind::kInhale, 10000},
                                   std::pair{CueKind::kExhale, 14000}));
}

TEST_F(SessionEngineTest, BreathRateIsConfigurable) {
  SessionSettings s = kit_settings();
  s.breaths_per_minute = 10;
  s.inhale_share_pct = 50;
  started(three_steps(), s);
  tick_to(20000);
  const SessionUpdate u = tick_to(26000);
  ASSERT_EQ(u.cues.size(), 2u);
  EXPECT_EQ(u.cues[0].at_ms, at(23000));
  EXPECT_EQ(u.cues[0].kind, CueKind::kExhale);
  EXPECT_EQ(u.cues[1].at_ms, at(26000));
  EXPECT_EQ(u.cues[1].kind, CueKind::kInhale);
}

TEST_F(SessionEngineTest, MovePhaseCountsRepsEvenly) {
  started();
  tick_to(39999);
  const SessionUpdate u = tick_to(49999);
  const std::vector<Cue> reps = cues_of(u, CueKind::kRep);
  ASSERT_EQ(reps.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(reps[static_cast<std::size_t>(i)].at_ms, at(40000 + i * 2000));
    EXPECT_EQ(reps[static_cast<std::size_t>(i)].text, "Rep " + std::to_string(i + 1) + " of 5");
  }
  EXPECT_EQ(cues_of(u, CueKind::kPhase)[0].text, "Point and flex your foot. 5 times.");
}

TEST_F(SessionEngineTest, RollPhaseMarksEachPassAtThePace) {
  started();
  tick_to(49999);
  const SessionUpdate u = tick_to(58999);
  EXPECT_EQ(cues_of(u, CueKind::kPhase)[0].text, "Roll slowly over the whole area, about 3 seconds each way.");
  const std::vector<Cue> passes = cues_of(u, CueKind::kPass);
  ASSERT_EQ(passes.size(), 2u);
  EXPECT_EQ(passes[0].at_ms, at(53000));
  EXPECT_EQ(passes[0].text, "Pass 2");
  EXPECT_EQ(passes[1].at_ms, at(56000));
  EXPECT_EQ(passes[0].say, "");
}

TEST_F(SessionEngineTest, UnansweredCheckInTimesOutAndIsRecordedAsMissed) {
  SessionEngine& e = started();
  const SessionUpdate prompt = tick_to(59000);
  EXPECT_EQ(e.state(), SessionState::kCheckIn);
  EXPECT_EQ(cues_of(prompt, CueKind::kCheckIn)[0].say, "How does it feel?");
  const SessionUpdate u = tick_to(69000);
  EXPECT_EQ(events_named(u, "check-in-missed").size(), 1u);
  EXPECT_EQ(e.state(), SessionState::kTransition);
}

TEST_F(SessionEngineTest, SwitchSidesCueBetweenTheTwoSidesOfAPairedRegion) {
  started();
  tick_to(68999);
  const SessionUpdate u = tick_to(69000);
  const std::vector<Cue> sides = cues_of(u, CueKind::kSwitchSides);
  ASSERT_EQ(sides.size(), 1u);
  EXPECT_EQ(sides[0].text, "Switch sides: now your right side. Get into position: " +
                               std::string(describe(Position::kFloorSeated)) + ".");
  // A new region is a new step, not a side switch.
  tick_to(127999);
  EXPECT_EQ(cues_of(tick_to(128000), CueKind::kSwitchSides).size(), 0u);
}

TEST_F(SessionEngineTest, SwitchSidesCueDoesNotRepeatAPlannedSwitchSidesTransition) {
  Routine r = three_steps();
  r.steps[1].transition = "Switch sides: now your calves (right side).";
  started(r);
  tick_to(68999);
  const std::vector<Cue> sides = cues_of(tick_to(69000), CueKind::kSwitchSides);
  ASSERT_EQ(sides.size(), 1u);
  EXPECT_EQ(sides[0].text, "Switch sides: now your calves (right side).");
}

TEST_F(SessionEngineTest, FinishesExactlyAtThePlannedEnd) {
  SessionEngine& e = started();
  tick_to(186999);
  EXPECT_EQ(e.state(), SessionState::kCheckIn);
  const SessionUpdate u = tick_to(187000);
  EXPECT_EQ(e.state(), SessionState::kFinished);
  EXPECT_EQ(e.ended_at(), at(187000));
  EXPECT_EQ(e.status(), SessionStatus::kFinished);
  EXPECT_EQ(e.ended_unix_ms(), kWall + 187000);
  EXPECT_EQ(events_named(u, "session-finished")[0].data_json,
            R"({"elapsed_ms":187000,"paused_ms":0,"skipped_regions":[]})");
  EXPECT_EQ(cues_of(u, CueKind::kFinished).size(), 1u);
  EXPECT_EQ(e.next_deadline(), std::nullopt);
}

TEST_F(SessionEngineTest, ALateTickCatchesUpWithEveryCueAtItsOwnTimeAndNoDrift) {
  SessionEngine& e = started();
  const SessionUpdate u = tick_to(45500);  // slept through several segments
  EXPECT_EQ(e.state(), SessionState::kMove);
  const std::vector<SessionEvent> starts = events_named(u, "phase-started");
  ASSERT_EQ(starts.size(), 4u);  // transition, locate, hold, move
  EXPECT_EQ(starts[3].at_ms, kWall + 40000);
  MonoMillis previous = 0;
  for (const Cue& c : u.cues) {
    EXPECT_GE(c.at_ms, previous);
    previous = c.at_ms;
  }
  EXPECT_EQ(e.schedule(at(45500))[0].end_ms, 50000);
}

TEST_F(SessionEngineTest, NextDeadlineIsTheNextCueOrSegmentEnd) {
  SessionEngine& e = started();
  tick_to(20000);  // hold starts; first exhale at +4 s
  EXPECT_EQ(e.next_deadline(), at(24000));
  tick_to(36000);  // last inhale of the hold began at +10 s, exhale at +14 s -> next is the hold's end
  EXPECT_EQ(e.next_deadline(), at(40000));
}

TEST_F(SessionEngineTest, RecordsCarryUnixTimesAndASequenceFromZero) {
  SessionEngine& e = make();
  ASSERT_TRUE(e.start(at(0), kWall));
  ASSERT_TRUE(e.tick(at(15000)));
  const std::vector<SessionEvent> events = records_of<SessionEvent>(e.take_update());
  ASSERT_GE(events.size(), 5u);
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].seq, static_cast<std::int64_t>(i));
  EXPECT_EQ(events.front().at_ms, kWall);
  EXPECT_EQ(events.back().at_ms, kWall + 15000);
  EXPECT_EQ(events.back().step, 0);
  EXPECT_EQ(events.back().data_json, R"({"phase":"locate","set":0,"planned_ms":5000})");
}

// --- pause and resume ----------------------------------------------------------------------------------

TEST_F(SessionEngineTest, PauseFreezesTheSessionUntilResume) {
  SessionEngine& e = started();
  tick_to(25000);
  ASSERT_TRUE(e.pause(at(25000)));
  EXPECT_EQ(e.state(), SessionState::kPaused);
  EXPECT_EQ(e.next_deadline(), std::nullopt);
  EXPECT_THAT(event_kinds(e.take_update()), ElementsAre("paused"));
  EXPECT_TRUE(tick_to(500000).empty());
  EXPECT_EQ(e.view(at(500000)).resumes_to, SessionState::kHold);
  EXPECT_EQ(e.view(at(500000)).remaining_ms, 15000);
}

TEST_F(SessionEngineTest, PauseShiftsEveryLaterDeadlineExactly) {
  SessionEngine& e = started();
  tick_to(25000);
  const std::vector<ScheduledSegment> before = e.schedule(at(25000));
  ASSERT_TRUE(e.pause(at(25000)));
  ASSERT_TRUE(e.resume(at(25000 + 12345)));
  const SessionUpdate u = e.take_update();
  EXPECT_EQ(events_named(u, "resumed")[0].data_json, R"({"paused_ms":12345})");
  const std::vector<ScheduledSegment> after = e.schedule(at(25000 + 12345));
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].end_ms, before[i].end_ms + 12345) << i;
  }
  EXPECT_EQ(e.next_deadline(), at(30000 + 12345));  // the hold's second inhale was at +10 s
  tick_to(40000 + 12344);
  EXPECT_EQ(e.state(), SessionState::kHold);
  tick_to(40000 + 12345);
  EXPECT_EQ(e.state(), SessionState::kMove);
  tick_to(187000 + 12344);
  EXPECT_EQ(e.state(), SessionState::kCheckIn);
  tick_to(187000 + 12345);
  EXPECT_EQ(e.state(), SessionState::kFinished);
  EXPECT_EQ(e.ended_at(), at(187000 + 12345));
  EXPECT_EQ(e.paused_ms(), 12345);
}

TEST_F(SessionEngineTest, PausedTimeIsNotCountedAsSessionTime) {
  SessionEngine& e = started();
  ASSERT_TRUE(e.pause(at(1000)));
  ASSERT_TRUE(e.resume(at(61000)));
  EXPECT_EQ(e.view(at(62000)).session_elapsed_ms, 2000);
  EXPECT_EQ(e.view(at(62000)).paused_ms, 60000);
}

TEST_F(SessionEngineTest, PauseWhenPausedAndResumeWhenRunningAreRefused) {
  SessionEngine& e = started();
  EXPECT_EQ(refused(e.resume(at(1000))).code, RefusalCode::kNotPaused);
  EXPECT_EQ(refused(e.resume(at(1000))).message, "Nothing to resume: the session is not paused.");
  ASSERT_TRUE(e.pause(at(1000)));
  EXPECT_EQ(refused(e.pause(at(2000))).code, RefusalCode::kPaused);
}

TEST_F(SessionEngineTest, WhilePausedOnlyResumeStopAndRedFlagAreAccepted) {
  SessionEngine& e = started();
  tick_to(25000);
  ASSERT_TRUE(e.pause(at(25000)));
  EXPECT_EQ(refused(e.skip_phase(at(26000))).code, RefusalCode::kPaused);
  EXPECT_EQ(refused(e.skip_step(at(26000))).code, RefusalCode::kPaused);
  EXPECT_EQ(refused(e.extend_hold(at(26000))).code, RefusalCode::kPaused);
  EXPECT_EQ(refused(e.back(at(26000))).code, RefusalCode::kPaused);
  EXPECT_EQ(refused(e.check_in(at(26000), {5, Quality::kAche, "", ""})).code, RefusalCode::kPaused);
  EXPECT_EQ(refused(e.skip_phase(at(26000))).message, "Cannot skip while paused: resume first.");
  EXPECT_TRUE(e.stop(at(27000)));
  EXPECT_EQ(e.state(), SessionState::kStopped);
  EXPECT_EQ(e.paused_ms(), 2000);
}

// --- illegal moves outside a running session ------------------------------------------------------------

TEST_F(SessionEngineTest, EveryInputBeforeStartIsRefused) {
  SessionEngine& e = make();
  EXPECT_EQ(refused(e.pause(at(0))).code, RefusalCode::kNotStarted);
  EXPECT_EQ(refused(e.resume(at(0))).code, RefusalCode::kNotStarted);
  EXPECT_EQ(refused(e.skip_phase(at(0))).code, RefusalCode::kNotStarted);
  EXPECT_EQ(refused(e.skip_step(at(0))).code, RefusalCode::kNotStarted);
  EXPECT_EQ(refused(e.extend_hold(at(0))).code, RefusalCode::kNotStarted);
  EXPECT_EQ(refused(e.back(at(0))).code, RefusalCode::kNotStarted);
  EXPECT_EQ(refused(e.stop(at(0))).code, RefusalCode::kNotStarted);
  EXPECT_EQ(refused(e.check_in(at(0), {5, Quality::kAche, "", ""})).code, RefusalCode::kNotStarted);
  EXPECT_EQ(refused(e.red_flag(at(0), "calf-swelling")).code, RefusalCode::kNotStarted);
  EXPECT_EQ(refused(e.pause(at(0))).message, "Cannot pause: not started yet.");
  EXPECT_TRUE(e.take_update().empty());
  EXPECT_TRUE(e.tick(at(100)));
  EXPECT_EQ(e.state(), SessionState::kNotStarted);
}

TEST_F(SessionEngineTest, StartingTwiceIsRefused) {
  SessionEngine& e = started();
  EXPECT_EQ(refused(e.start(at(10), kWall)).code, RefusalCode::kAlreadyStarted);
  ASSERT_TRUE(e.stop(at(20)));
  EXPECT_EQ(refused(e.start(at(30), kWall)).code, RefusalCode::kEnded);
}

TEST_F(SessionEngineTest, EveryInputAfterTheEndIsRefused) {
  for (const bool finish : {true, false}) {
    SessionEngine& e = started();
    if (finish) {
      tick_to(187000);
      ASSERT_EQ(e.state(), SessionState::kFinished);
    } else {
      ASSERT_TRUE(e.stop(at(100)));
    }
    const MonoMillis t = at(200000);
    EXPECT_EQ(refused(e.pause(t)).code, RefusalCode::kEnded);
    EXPECT_EQ(refused(e.resume(t)).code, RefusalCode::kEnded);
    EXPECT_EQ(refused(e.skip_phase(t)).code, RefusalCode::kEnded);
    EXPECT_EQ(refused(e.skip_step(t)).code, RefusalCode::kEnded);
    EXPECT_EQ(refused(e.extend_hold(t)).code, RefusalCode::kEnded);
    EXPECT_EQ(refused(e.back(t)).code, RefusalCode::kEnded);
    EXPECT_EQ(refused(e.stop(t)).code, RefusalCode::kEnded);
    EXPECT_EQ(refused(e.check_in(t, {5, Quality::kAche, "", ""})).code, RefusalCode::kEnded);
    EXPECT_EQ(refused(e.red_flag(t, "calf-swelling")).code, RefusalCode::kEnded);
  }
}

TEST_F(SessionEngineTest, TimeGoingBackIsRefused) {
  SessionEngine& e = started();
  tick_to(5000);
  EXPECT_EQ(refused(e.tick(at(4999))).code, RefusalCode::kTimeWentBack);
  EXPECT_EQ(refused(e.pause(at(4000))).code, RefusalCode::kTimeWentBack);
  EXPECT_EQ(e.state(), SessionState::kGetReady);
}

// --- skip, extend, back, stop ---------------------------------------------------------------------------

TEST_F(SessionEngineTest, SkipPhaseStartsTheNextSegmentNowAndLaterDeadlinesFollow) {
  SessionEngine& e = started();
  tick_to(25000);
  ASSERT_TRUE(e.skip_phase(at(25000)));
  EXPECT_EQ(e.state(), SessionState::kMove);
  const SessionUpdate u = e.take_update();
  EXPECT_EQ(events_named(u, "phase-skipped")[0].data_json, R"({"phase":"hold","set":0,"remaining_ms":15000})");
  EXPECT_EQ(e.schedule(at(25000))[0].end_ms, 35000);
  tick_to(34999);
  EXPECT_EQ(e.state(), SessionState::kMove);
  tick_to(35000);
  EXPECT_EQ(e.state(), SessionState::kRoll);
}

TEST_F(SessionEngineTest, SkipPhaseWorksInEveryActiveState) {
  SessionEngine& e = started();
  const std::vector<SessionState> expected = {SessionState::kTransition, SessionState::kLocate, SessionState::kHold,
                                              SessionState::kMove,       SessionState::kRoll,   SessionState::kCheckIn,
                                              SessionState::kTransition};
  std::int64_t t = 0;
  for (const SessionState s : expected) {
    t += 100;
    ASSERT_TRUE(e.skip_phase(at(t)));
    EXPECT_EQ(e.state(), s);
  }
}

TEST_F(SessionEngineTest, SkipStepGoesToTheNextStepsTransition) {
  SessionEngine& e = started();
  tick_to(25000);
  ASSERT_TRUE(e.skip_step(at(25000)));
  EXPECT_EQ(e.state(), SessionState::kTransition);
  EXPECT_EQ(e.view(at(25000)).step->index, 1);
  EXPECT_THAT(event_kinds(e.take_update()), ElementsAre("step-skipped", "step-started", "phase-started"));
}

TEST_F(SessionEngineTest, SkipStepDuringGetReadyIsRefused) {
  SessionEngine& e = started();
  const Refusal r = refused(e.skip_step(at(1000)));
  EXPECT_EQ(r.code, RefusalCode::kNotInStep);
  EXPECT_EQ(r.message, "No step to skip yet: the session starts after the countdown.");
}

TEST_F(SessionEngineTest, SkipStepOnTheLastStepFinishesTheSession) {
  SessionEngine& e = started();
  tick_to(130000);
  ASSERT_TRUE(e.skip_step(at(130000)));
  EXPECT_EQ(e.state(), SessionState::kFinished);
}

TEST_F(SessionEngineTest, ExtendHoldAddsFifteenSecondsAndShiftsLaterDeadlines) {
  SessionEngine& e = started();
  tick_to(25000);
  ASSERT_TRUE(e.extend_hold(at(25000)));
  const SessionUpdate u = e.take_update();
  EXPECT_EQ(events_named(u, "hold-extended")[0].data_json, R"({"phase":"hold","by_ms":15000,"hold_ms":35000})");
  EXPECT_EQ(cues_of(u, CueKind::kExtended)[0].say, "15 seconds more.");
  tick_to(54999);
  EXPECT_EQ(e.state(), SessionState::kHold);
  tick_to(55000);
  EXPECT_EQ(e.state(), SessionState::kMove);
  EXPECT_EQ(e.schedule(at(55000)).back().end_ms, 187000 + 15000);
}

TEST_F(SessionEngineTest, ExtendedHoldKeepsPacingBreaths) {
  SessionEngine& e = started();
  tick_to(39000);
  ASSERT_TRUE(e.extend_hold(at(39000)));
  e.take_update();
  const SessionUpdate u = tick_to(54999);
  std::vector<MonoMillis> offsets;
  for (const Cue& c : u.cues) offsets.push_back(c.at_ms - at(20000));
  EXPECT_THAT(offsets, ElementsAre(20000, 24000, 30000, 34000));
}

TEST_F(SessionEngineTest, ExtendOutsideAHoldIsRefused) {
  SessionEngine& e = started();
  tick_to(16000);  // locate
  const Refusal r = refused(e.extend_hold(at(16000)));
  EXPECT_EQ(r.code, RefusalCode::kNotInHold);
  EXPECT_EQ(r.message, "Only a hold or a breathing phase can be extended.");
}

TEST_F(SessionEngineTest, ExtendBeyondTheLongestHoldIsRefused) {
  SessionSettings s = kit_settings();
  s.max_hold_s = 50;
  SessionEngine& e = started(three_steps(), s);
  tick_to(21000);
  ASSERT_TRUE(e.extend_hold(at(21000)));  // 35 s
  ASSERT_TRUE(e.extend_hold(at(21000)));  // 50 s
  const Refusal r = refused(e.extend_hold(at(21000)));
  EXPECT_EQ(r.code, RefusalCode::kHoldAtMaximum);
  EXPECT_EQ(r.message, "This hold is already 50 seconds; it cannot go beyond 50 seconds (R8).");
}

// Issue 15: the planner keeps holds within R8's 20-60 s, so "extend" must not take a hold past 60 s either,
// whatever the extension step.
TEST_F(SessionEngineTest, ExtendNeverTakesAHoldPastSixtySecondsIssue15) {
  for (const int extend_s : {5, 10, 15, 20, 25}) {
    SessionSettings s = kit_settings();
    s.extend_s = extend_s;
    SessionEngine& e = started(three_steps(), s);
    tick_to(21000);
    int extensions = 0;
    while (e.extend_hold(at(21000))) ++extensions;
    const Refusal r = refused(e.extend_hold(at(21000)));
    EXPECT_EQ(r.code, RefusalCode::kHoldAtMaximum) << extend_s;
    EXPECT_THAT(r.message, ::testing::EndsWith("it cannot go beyond 60 seconds (R8).")) << extend_s;
    const int hold_s = 20 + extensions * extend_s;
    EXPECT_LE(hold_s, 60) << extend_s;
    EXPECT_GT(hold_s + extend_s, 60) << extend_s;
  }
}

TEST_F(SessionEngineTest, BackLateInASegmentRestartsIt) {
  SessionEngine& e = started();
  tick_to(30000);
  ASSERT_TRUE(e.back(at(30000)));
  EXPECT_EQ(e.state(), SessionState::kHold);
  EXPECT_EQ(e.schedule(at(30000))[0].start_ms, 30000);
  EXPECT_EQ(e.schedule(at(30000))[0].end_ms, 50000);
  EXPECT_EQ(events_named(e.take_update(), "went-back")[0].data_json,
            R"({"from_phase":"hold","to_phase":"hold","to_step":0,"to_set":0})");
}

TEST_F(SessionEngineTest, BackNearTheStartOfASegmentGoesToThePreviousOne) {
  SessionEngine& e = started();
  tick_to(21000);
  ASSERT_TRUE(e.back(at(21000)));
  EXPECT_EQ(e.state(), SessionState::kLocate);
  EXPECT_EQ(e.schedule(at(21000))[0].end_ms, 26000);
}

TEST_F(SessionEngineTest, BackFromACheckInSkipsOverItToTheRoll) {
  SessionEngine& e = started();
  tick_to(69500);  // step 1's transition, just started
  ASSERT_TRUE(e.back(at(69500)));
  EXPECT_EQ(e.state(), SessionState::kRoll);
  EXPECT_EQ(e.view(at(69500)).step->index, 0);
}

TEST_F(SessionEngineTest, BackAtTheVeryStartIsRefused) {
  SessionEngine& e = started();
  const Refusal r = refused(e.back(at(1000)));
  EXPECT_EQ(r.code, RefusalCode::kNothingBefore);
  EXPECT_EQ(r.message, "Already at the start: nothing before.");
  ASSERT_TRUE(e.back(at(4000)));  // late enough: restart the countdown
  EXPECT_EQ(e.next_deadline(), at(11000));
}

TEST_F(SessionEngineTest, StopEndsTheSessionAndIsRecorded) {
  SessionEngine& e = started();
  tick_to(30000);
  ASSERT_TRUE(e.stop(at(30000)));
  EXPECT_EQ(e.state(), SessionState::kStopped);
  EXPECT_EQ(e.status(), SessionStatus::kStopped);
  EXPECT_EQ(e.ended_unix_ms(), kWall + 30000);
  const SessionUpdate u = e.take_update();
  EXPECT_EQ(events_named(u, "session-stopped")[0].data_json, R"({"reason":"user","elapsed_ms":30000})");
  EXPECT_EQ(e.next_deadline(), std::nullopt);
}

TEST_F(SessionEngineTest, ApplyDispatchesAnInputByKind) {
  SessionEngine& e = started();
  ASSERT_TRUE(e.apply(at(100), SessionInput{InputKind::kPause, {}, ""}));
  EXPECT_EQ(e.state(), SessionState::kPaused);
  ASSERT_TRUE(e.apply(at(200), SessionInput{InputKind::kResume, {}, ""}));
  ASSERT_TRUE(e.apply(at(300), SessionInput{InputKind::kSkipPhase, {}, ""}));
  EXPECT_EQ(e.state(), SessionState::kTransition);
  EXPECT_EQ(refused(e.apply(at(400), SessionInput{InputKind::kExtendHold, {}, ""})).code, RefusalCode::kNotInHold);
  EXPECT_EQ(parse_enum<InputKind>("skip-step"), InputKind::kSkipStep);
}

// --- timing over a whole session -------------------------------------------------------------------------

// 60 one-minute steps of a 60 s hold alone; no transitions, no check-ins, no get-ready: exactly 60 minutes.
TEST_F(SessionEngineTest, SixtyMinuteSessionWithOneMillisecondTicksEndsWithinOneMillisecondOfPlan) {
  Routine r;
  for (int i = 0; i < 60; ++i) {
    RoutineStep s = step("calf-roller", "calves", i % 2 == 0 ? Side::kLeft : Side::kRight, "foam-roller-medium", 0);
    s.phases = {{PhaseKind::kLocate, 7}, {PhaseKind::kHold, 31}, {PhaseKind::kMove, 11}, {PhaseKind::kRoll, 11}};
    r.steps.push_back(s);
  }
  SessionSettings settings = kit_settings();
  settings.get_ready_s = 0;
  settings.check_in_s = 0;
  SessionEngine& e = make(r, settings);
  ASSERT_EQ(e.planned_ms(), 60 * 60 * 1000);
  ASSERT_TRUE(e.start(at(0), kWall));
  std::size_t cues = 0;
  std::int64_t t = 0;
  while (!e.ended() && t <= 60 * 60 * 1000 + 10) {
    ++t;
    ASSERT_TRUE(e.tick(at(t)));
    if (e.has_update()) cues += e.take_update().cues.size();
  }
  ASSERT_EQ(e.state(), SessionState::kFinished);
  EXPECT_LE(std::abs(*e.ended_at() - at(e.planned_ms())), 1);
  EXPECT_LE(std::abs(t - e.planned_ms()), 1);
  EXPECT_GT(cues, 60u * 4u);
}

// --- views ---------------------------------------------------------------------------------------------

TEST_F(SessionEngineTest, ViewShowsStepPhaseTimeBreathAndNextStep) {
  SessionEngine& e = started();
  tick_to(27000);
  const SessionView v = e.view(at(27000));
  EXPECT_EQ(v.state, SessionState::kHold);
  ASSERT_TRUE(v.step);
  EXPECT_EQ(v.step->exercise_name, "Calf roll");
  EXPECT_EQ(v.step->side, Side::kLeft);
  EXPECT_EQ(v.step->tool_name, "Medium foam roller");
  EXPECT_EQ(v.set, 0);
  EXPECT_EQ(v.segment_ms, 20000);
  EXPECT_EQ(v.elapsed_ms, 7000);
  EXPECT_EQ(v.remaining_ms, 13000);
  EXPECT_DOUBLE_EQ(v.progress, 0.35);
  ASSERT_TRUE(v.breath);
  EXPECT_EQ(v.breath->phase, BreathPhase::kExhale);
  EXPECT_DOUBLE_EQ(v.breath->fill, 0.5);
  ASSERT_TRUE(v.next);
  EXPECT_EQ(v.next->index, 1);
  EXPECT_EQ(v.next->side, Side::kRight);
  EXPECT_EQ(v.session_elapsed_ms, 27000);
  EXPECT_EQ(v.session_remaining_ms, 187000 - 27000);
}

TEST_F(SessionEngineTest, ViewCountsRepsAndPasses) {
  SessionEngine& e = started();
  tick_to(44500);
  EXPECT_EQ(e.view(at(44500)).rep, 3);
  EXPECT_EQ(e.view(at(44500)).reps, 5);
  tick_to(57000);
  EXPECT_EQ(e.view(at(57000)).pass, 3);
}

TEST_F(SessionEngineTest, ABreathingStepPacesBreathsAndCanBeExtended) {
  Routine r;
  RoutineStep breathe = step("belly-breathing", "diaphragm", Side::kCentre, "foam-roller-medium", 0);
  breathe.phases = {{PhaseKind::kBreathe, 60}};
  r.steps = {breathe};
  SessionSettings s = kit_settings();
  s.get_ready_s = 0;
  SessionEngine& e = started(r, s);
  EXPECT_EQ(e.state(), SessionState::kBreathe);
  const SessionUpdate u = tick_to(10000);
  EXPECT_EQ(cues_of(u, CueKind::kExhale).size(), 1u);
  EXPECT_EQ(cues_of(u, CueKind::kInhale).size(), 1u);
  ASSERT_TRUE(e.extend_hold(at(10000)));
  EXPECT_EQ(e.schedule(at(10000))[0].end_ms, 75000);
  EXPECT_EQ(e.view(at(10000)).breath->breath, 1);
}

TEST_F(SessionEngineTest, AChangeOverCanBeSkippedButNotExtendedOrCheckedIn) {
  SessionEngine& e = started(three_steps(), kit_settings({"foam-roller-medium", "foam-roller-soft"}));
  tick_to(25000);
  ASSERT_TRUE(e.check_in(at(25000), {9, Quality::kStabbing, "", ""}));
  ASSERT_EQ(e.state(), SessionState::kChange);
  EXPECT_EQ(refused(e.extend_hold(at(26000))).code, RefusalCode::kNotInHold);
  EXPECT_EQ(refused(e.check_in(at(26000), {5, Quality::kAche, "", ""})).code, RefusalCode::kNotInStep);
  EXPECT_EQ(e.next_deadline(), at(32000));  // "3" of the 10 s change-over countdown
  ASSERT_TRUE(e.skip_phase(at(27000)));
  EXPECT_EQ(e.state(), SessionState::kMove);
}

// --- check-ins and adaptations ---------------------------------------------------------------------------

TEST_F(SessionEngineTest, AnsweredCheckInIsRecordedAndTheSessionMovesOn) {
  SessionEngine& e = started();
  tick_to(60000);
  ASSERT_TRUE(e.check_in(at(60000), {5, Quality::kGoodHurt, "nice", ""}));
  EXPECT_EQ(e.state(), SessionState::kTransition);
  const SessionUpdate u = e.take_update();
  const std::vector<CheckIn> c = records_of<CheckIn>(u);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].at_ms, kWall + 60000);
  EXPECT_EQ(c[0].step, 0);
  EXPECT_EQ(c[0].exercise, "calf-roller");
  EXPECT_EQ(c[0].region, "calves");
  EXPECT_EQ(c[0].side, Side::kLeft);
  EXPECT_EQ(c[0].intensity, 5);
  EXPECT_EQ(c[0].quality, Quality::kGoodHurt);
  EXPECT_EQ(c[0].note, "nice");
  EXPECT_EQ(events_named(u, "checked-in")[0].data_json,
            R"({"intensity":5,"quality":"good-hurt","verdict":"on-target","prompted":true,"rules":["R3"]})");
  EXPECT_EQ(cues_of(u, CueKind::kAdvice)[0].text, "Good, that is the right amount of pressure.");
  EXPECT_EQ(e.schedule(at(60000))[0].end_ms, 65000);  // the next step's transition starts at the answer
}

TEST_F(SessionEngineTest, SevenGivesAnEaseOffCueAndChangesNothing) {
  SessionEngine& e = started();
  tick_to(25000);
  ASSERT_TRUE(e.check_in(at(25000), {7, Quality::kPressure, "", ""}));
  EXPECT_EQ(e.state(), SessionState::kHold);  // an unprompted check-in does not end the hold
  const SessionUpdate u = e.take_update();
  const std::vector<Cue> advice = cues_of(u, CueKind::kAdvice);
  ASSERT_EQ(advice.size(), 1u);
  EXPECT_THAT(advice[0].say, HasSubstr("Ease off"));
  EXPECT_THAT(advice[0].rules, ElementsAre("R3"));
  EXPECT_TRUE(records_of<Adaptation>(u).empty());
}

TEST_F(SessionEngineTest, PainSwitchesThisAndLaterStepsOfTheRegionToASofterToolAfterAChangeOver) {
  Routine r = three_steps();
  r.steps[0].sets = 2;
  SessionEngine& e = started(r, kit_settings({"foam-roller-medium", "foam-roller-soft"}));
  tick_to(59000);  // first set's check-in
  ASSERT_TRUE(e.check_in(at(59500), {8, Quality::kSharp, "", ""}));
  EXPECT_EQ(e.state(), SessionState::kChange);
  const SessionUpdate u = e.take_update();
  const std::vector<Adaptation> a = records_of<Adaptation>(u);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, "softer-tool");
  EXPECT_EQ(a[0].step, 0);
  EXPECT_EQ(a[0].at_ms, kWall + 59500);
  EXPECT_THAT(a[0].reason, HasSubstr("(R3, R9)"));
  EXPECT_EQ(
      a[0].detail_json,
      R"({"intensity":8,"quality":"sharp","rules":["R3","R9"],"region":"calves","from_tool":"foam-roller-medium",)"
      R"("to_tool":"foam-roller-soft","steps":[0,1]})");
  EXPECT_EQ(cues_of(u, CueKind::kChange)[0].text, "Change to your soft foam roller: Calf roll.");
  EXPECT_EQ(e.routine().steps[0].tool, "foam-roller-soft");
  EXPECT_EQ(e.routine().steps[1].tool, "foam-roller-soft");
  EXPECT_EQ(e.routine().steps[2].tool, "foam-roller-medium");
  tick_to(69500);  // 10 s change-over, then the second set
  EXPECT_EQ(e.state(), SessionState::kLocate);
}

TEST_F(SessionEngineTest, LighterVariationIsShownForTheRestOfTheRegion) {
  SessionEngine& e = started();
  tick_to(25000);
  ASSERT_TRUE(e.check_in(at(25000), {9, Quality::kPressure, "", ""}));
  EXPECT_EQ(e.state(), SessionState::kHold);
  const SessionUpdate u = e.take_update();
  ASSERT_EQ(records_of<Adaptation>(u).size(), 1u);
  EXPECT_EQ(records_of<Adaptation>(u)[0].kind, "lighter-variation");
  EXPECT_EQ(cues_of(u, CueKind::kAdaptation)[0].say,
            "Ease off: that is more than we want. Keep your other foot on the floor and take more weight on your "
            "hands.");
  EXPECT_EQ(e.view(at(25000)).step->lighter, "Keep your other foot on the floor and take more weight on your hands.");
  EXPECT_EQ(e.view(at(25000)).next->lighter, e.view(at(25000)).step->lighter);
}

TEST_F(SessionEngineTest, NearbySpotReplacesTheExerciseForTheRegion) {
  // After a nerve-like answer only the same or a gentler tool: the soft roller, never the lacrosse ball.
  SessionEngine& e = started(three_steps(), kit_settings({"foam-roller-medium", "lacrosse-ball", "foam-roller-soft"}));
  tick_to(25000);
  ASSERT_TRUE(e.check_in(at(25000), {4, Quality::kTingling, "", ""}));
  EXPECT_EQ(e.state(), SessionState::kChange);
  const SessionUpdate u = e.take_update();
  EXPECT_EQ(records_of<Adaptation>(u)[0].kind, "nearby-spot");
  EXPECT_EQ(e.routine().steps[0].exercise, "calf-ball");
  EXPECT_EQ(e.routine().steps[1].exercise, "calf-ball");
  EXPECT_EQ(e.routine().steps[1].tool, "foam-roller-soft");
  EXPECT_EQ(cues_of(u, CueKind::kAdvice)[0].rules, std::vector<std::string>{"R12"});  // watch for spreading
  tick_to(35000);
  EXPECT_EQ(e.state(), SessionState::kMove);  // the set carries on after the change-over
}

TEST_F(SessionEngineTest, SkipRegionMarksItAndSkipsItsRemainingSteps) {
  SessionEngine& e = started(three_steps(), kit_settings({"foam-roller-medium"}));
  tick_to(130000);  // step 2 (hamstrings): no softer tool, no lighter text, no owned nearby spot
  tick_to(140000);
  ASSERT_TRUE(e.check_in(at(140000), {9, Quality::kBurning, "", ""}));
  EXPECT_EQ(e.state(), SessionState::kFinished);
  const SessionUpdate u = e.take_update();
  EXPECT_EQ(records_of<Adaptation>(u)[0].kind, "skip-region");
  EXPECT_THAT(e.view(at(140000)).skipped_regions, ElementsAre("hamstrings"));
  EXPECT_EQ(events_named(u, "session-finished")[0].data_json,
            R"({"elapsed_ms":140000,"paused_ms":0,"skipped_regions":["hamstrings"]})");
}

TEST_F(SessionEngineTest, SameRegionPainfulTwiceIsSkippedWithAClinicianNote) {
  SessionEngine& e = started();
  tick_to(25000);
  ASSERT_TRUE(e.check_in(at(25000), {8, Quality::kPressure, "", ""}));  // lighter variation
  e.take_update();
  tick_to(80000);  // step 1 (calves, right), hold
  ASSERT_TRUE(e.check_in(at(80000), {6, Quality::kSharp, "", ""}));
  const SessionUpdate u = e.take_update();
  const std::vector<Adaptation> a = records_of<Adaptation>(u);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, "skip-region");
  const std::vector<SessionNote> notes = records_of<SessionNote>(u);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].text, "Calves: consider asking a clinician: this area was painful twice in one session");
  EXPECT_EQ(notes[0].at_ms, kWall + 80000);
  EXPECT_EQ(e.state(), SessionState::kTransition);
  EXPECT_EQ(e.view(at(80000)).step->region, "hamstrings");
}

TEST_F(SessionEngineTest, ARedFlagStopsTheSessionWithAnUrgentMessage) {
  SessionEngine& e = started();
  tick_to(25000);
  ASSERT_TRUE(e.red_flag(at(25000), "chest-pain-breathless"));
  EXPECT_EQ(e.state(), SessionState::kStopped);
  const SessionUpdate u = e.take_update();
  const std::vector<Cue> urgent = cues_of(u, CueKind::kUrgent);
  ASSERT_EQ(urgent.size(), 1u);
  EXPECT_EQ(urgent[0].say, "Stop now and call your local emergency number.");
  const std::vector<Adaptation> a = records_of<Adaptation>(u);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, "stop-session");
  EXPECT_EQ(a[0].reason, "red flag \"chest-pain-breathless\" (emergency): stop the session (R12)");
  EXPECT_EQ(a[0].detail_json, R"({"rules":["R12"],"red_flag":"chest-pain-breathless","urgency":"emergency"})");
  EXPECT_EQ(events_named(u, "session-stopped")[0].data_json,
            R"({"reason":"red-flag","elapsed_ms":25000,"red_flag":"chest-pain-breathless"})");
}

TEST_F(SessionEngineTest, ARedFlagInACheckInAnswerIsRecordedThenStops) {
  SessionEngine& e = started();
  tick_to(59000);
  ASSERT_TRUE(e.check_in(at(59000), {6, Quality::kNumb, "", "spreading-numbness"}));
  EXPECT_EQ(e.state(), SessionState::kStopped);
  const SessionUpdate u = e.take_update();
  EXPECT_EQ(records_of<CheckIn>(u).size(), 1u);
  EXPECT_EQ(records_of<Adaptation>(u)[0].kind, "stop-session");
  EXPECT_EQ(cues_of(u, CueKind::kUrgent)[0].say, "Stop rolling and get checked today.");
}

TEST_F(SessionEngineTest, AnUnknownRedFlagIsRefused) {
  SessionEngine& e = started();
  const Refusal r = refused(e.red_flag(at(100), "headache"));
  EXPECT_EQ(r.code, RefusalCode::kInvalidAnswer);
  EXPECT_EQ(r.message, "red_flag: \"headache\" is not a red flag in the catalog");
  EXPECT_EQ(e.state(), SessionState::kGetReady);
}

TEST_F(SessionEngineTest, CheckInOutsideAStepsPhasesIsRefused) {
  SessionEngine& e = started();
  EXPECT_EQ(refused(e.check_in(at(1000), {5, Quality::kAche, "", ""})).code, RefusalCode::kNotInStep);
  tick_to(11000);  // transition
  const Refusal r = refused(e.check_in(at(11000), {5, Quality::kAche, "", ""}));
  EXPECT_EQ(r.code, RefusalCode::kNotInStep);
  EXPECT_EQ(r.message, "Check in while you are rolling, or when asked.");
}

TEST_F(SessionEngineTest, AnInvalidCheckInIsRefusedAndNothingIsRecorded) {
  SessionEngine& e = started();
  tick_to(60000);
  const Refusal r = refused(e.check_in(at(60000), {12, Quality::kAche, "", ""}));
  EXPECT_EQ(r.code, RefusalCode::kInvalidAnswer);
  EXPECT_EQ(r.message, "intensity: 12 is outside 0 to 10");
  EXPECT_TRUE(e.take_update().empty());
  EXPECT_EQ(e.state(), SessionState::kCheckIn);
}

}  // namespace
}  // namespace smr::core
