// core::is_pain and core::problem_with: which qualities are pain (evidence.md R3), and the rules every store
// checks before writing a record, with the messages a person sees.

#include "core/journal.h"

#include <gtest/gtest.h>

#include <string>

namespace smr::core {
namespace {

const std::string kUid = "0123456789abcdef0123456789abcdef";
const std::string kSessionUid = "00000000000000000000000000000010";

TEST(IsPainTest, SensationsAreNotPain) {
  for (const Quality q : {Quality::kPressure, Quality::kAche, Quality::kGoodHurt}) {
    EXPECT_FALSE(is_pain(q)) << to_string(q);
  }
}

TEST(IsPainTest, SharpBurningStingingStabbingRadiatingNumbAndTinglingArePain) {
  for (const Quality q : {Quality::kSharp, Quality::kBurning, Quality::kStinging, Quality::kStabbing,
                          Quality::kRadiating, Quality::kNumb, Quality::kTingling}) {
    EXPECT_TRUE(is_pain(q)) << to_string(q);
  }
}

TEST(IsUidTest, AcceptsOnly32LowerCaseHexDigits) {
  EXPECT_TRUE(is_uid(kUid));
  EXPECT_FALSE(is_uid(""));
  EXPECT_FALSE(is_uid("0123456789ABCDEF0123456789abcdef"));
  EXPECT_FALSE(is_uid("0123456789abcdef0123456789abcde"));
  EXPECT_FALSE(is_uid("0123456789abcdef0123456789abcdef0"));
  EXPECT_FALSE(is_uid("0123456789abcdef-123456789abcdef"));
  EXPECT_FALSE(is_uid("g123456789abcdef0123456789abcdef"));
}

CheckIn valid_check_in() {
  CheckIn c;
  c.uid = kUid;
  c.session_uid = kSessionUid;
  c.region = "calves";
  c.intensity = 5;
  return c;
}

TEST(ProblemWithCheckInTest, ValidCheckInHasNoProblem) { EXPECT_EQ(problem_with(valid_check_in()), ""); }

TEST(ProblemWithCheckInTest, IntensityMustBeFromZeroToTen) {
  auto c = valid_check_in();
  c.intensity = 0;
  EXPECT_EQ(problem_with(c), "");
  c.intensity = 10;
  EXPECT_EQ(problem_with(c), "");
  c.intensity = 11;
  EXPECT_EQ(problem_with(c), "intensity: 11 is outside 0 to 10");
  c.intensity = -1;
  EXPECT_EQ(problem_with(c), "intensity: -1 is outside 0 to 10");
}

TEST(ProblemWithCheckInTest, UidsAndRegionAreRequired) {
  auto c = valid_check_in();
  c.uid = "ABC";
  EXPECT_EQ(problem_with(c), "uid: \"ABC\" is not a uid (32 lower-case hex digits)");
  c = valid_check_in();
  c.session_uid = "";
  EXPECT_EQ(problem_with(c), "session_uid: \"\" is not a uid (32 lower-case hex digits)");
  c = valid_check_in();
  c.region = "";
  EXPECT_EQ(problem_with(c), "region: must not be empty");
}

SessionInfo valid_session() {
  SessionInfo s;
  s.uid = kSessionUid;
  s.started_ms = 1000;
  return s;
}

TEST(ProblemWithSessionTest, ActiveSessionHasNoEndAndEndedSessionHasOne) {
  auto s = valid_session();
  EXPECT_EQ(problem_with(s), "");
  s.ended_ms = 2000;
  EXPECT_EQ(problem_with(s), "status: an active session has no ended_ms");
  s.status = SessionStatus::kFinished;
  EXPECT_EQ(problem_with(s), "");
  s.status = SessionStatus::kStopped;
  EXPECT_EQ(problem_with(s), "");
  s.ended_ms.reset();
  EXPECT_EQ(problem_with(s), "ended_ms: a finished or stopped session needs one");
}

TEST(ProblemWithSessionTest, EndMustNotBeBeforeStart) {
  auto s = valid_session();
  s.status = SessionStatus::kFinished;
  s.ended_ms = 1000;
  EXPECT_EQ(problem_with(s), "");
  s.ended_ms = 999;
  EXPECT_EQ(problem_with(s), "ended_ms: must not be before started_ms");
}

TEST(ProblemWithSessionTest, UidIsRequired) {
  auto s = valid_session();
  s.uid = "x";
  EXPECT_EQ(problem_with(s), "uid: \"x\" is not a uid (32 lower-case hex digits)");
}

TEST(ProblemWithEventTest, SeqIsNotNegativeAndKindIsNamed) {
  SessionEvent e{kSessionUid, 0, 1000, "phase-started", -1, "{}"};
  EXPECT_EQ(problem_with(e), "");
  e.seq = -1;
  EXPECT_EQ(problem_with(e), "seq: must not be negative");
  e.seq = 0;
  e.kind = "";
  EXPECT_EQ(problem_with(e), "kind: must not be empty");
}

TEST(ProblemWithAdaptationTest, KindIsNamed) {
  Adaptation a{kUid, kSessionUid, 1000, -1, "softer-tool", "R4", "{}"};
  EXPECT_EQ(problem_with(a), "");
  a.kind = "";
  EXPECT_EQ(problem_with(a), "kind: must not be empty");
}

TEST(ProblemWithNoteTest, BothUidsAreRequired) {
  EXPECT_EQ(problem_with(SessionNote{kUid, kSessionUid, 1000, ""}), "");
  EXPECT_EQ(problem_with(SessionNote{kUid, "10", 1000, "text"}),
            "session_uid: \"10\" is not a uid (32 lower-case hex digits)");
}

TEST(ProblemWithSelfTestTest, SessionIsOptionalButTestIsNamed) {
  SelfTest t;
  t.uid = kUid;
  t.test = "knee-to-wall";
  EXPECT_EQ(problem_with(t), "");
  t.session_uid = kSessionUid;
  EXPECT_EQ(problem_with(t), "");
  t.session_uid = "10";
  EXPECT_EQ(problem_with(t), "session_uid: \"10\" is not a uid (32 lower-case hex digits)");
  t.session_uid = "";
  t.test = "";
  EXPECT_EQ(problem_with(t), "test: must not be empty");
}

TEST(ProblemWithRoutineTest, NameIsRequired) {
  SavedRoutine r{kUid, kLocalPersonId, "Legs", 0, "{}"};
  EXPECT_EQ(problem_with(r), "");
  r.name = "";
  EXPECT_EQ(problem_with(r), "name: must not be empty");
}

TEST(ProblemWithCustomExerciseTest, TomlIsRequired) {
  CustomExercise x{kUid, kLocalPersonId, 0, "[[exercise]]"};
  EXPECT_EQ(problem_with(x), "");
  x.toml = "";
  EXPECT_EQ(problem_with(x), "toml: must not be empty");
}

}  // namespace
}  // namespace smr::core
