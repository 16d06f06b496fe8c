// smr test, smr soreness and smr workout in the real binary against real SQLite files (issue 6): baselines and
// verdicts, sides, refusals that name the valid values and leave the journal as it was, the rows as stored
// (read back with smr export), --json, and the guided test on a terminal.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "process.h"

namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;
using smr::test::ProcessResult;
using smr::test::run_process;
using smr::test::TempDir;
using ::testing::HasSubstr;

const std::string kFixture = std::string(SMR_SOURCE_DIR) + "/tests/e2e/data/journal.json";
const std::string kFixtureSession = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";  // has knee-to-wall left 9.5 before

std::string test_name() { return ::testing::UnitTest::GetInstance()->current_test_info()->name(); }

class SelfTestCliTest : public ::testing::Test {
 protected:
  std::string db() const { return "sqlite:" + (dir_ / "journal.db").string(); }

  ProcessResult smr(std::vector<std::string> args) const {
    std::vector<std::string> argv{SMR_BINARY, "--db", db()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
  }

  // The journal as `smr export` writes it; "" while there is none (a refused command creates none: issue 11).
  std::string exported() const {
    const auto r = smr({"export"});
    if (r.exit_code == 1 && r.err.find("there is no journal at") != std::string::npos) return "";
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  bj::array self_tests() const { return bj::parse(exported()).at("self_tests").as_array(); }

  // Runs `args`, which must be refused with `exit_code` (2: invalid input; 1: what it names is not there) and
  // exactly `message`, writing nothing.
  void expect_refused(const std::vector<std::string>& args, const std::string& message, int exit_code = 2) const {
    const auto before = exported();
    const auto r = smr(args);
    EXPECT_EQ(r.exit_code, exit_code) << r.out << r.err;
    EXPECT_EQ(r.err, "smr: " + message + "\n");
    EXPECT_EQ(r.out, "");
    const auto after = exported();
    if (before.empty() && !after.empty()) {
      // The refusal may have opened (created) the journal, but it must hold no record.
      const auto j = bj::parse(after).as_object();
      for (const auto* key : {"profiles", "routines", "sessions", "self_tests", "settings"}) {
        EXPECT_TRUE(j.at(key).as_array().empty()) << key << " changed";
      }
    } else {
      EXPECT_EQ(after, before) << "the journal changed";
    }
  }

  void import_fixture() const {
    const auto r = smr({"import", kFixture});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  TempDir dir_{"smr-self-test-" + test_name()};
};

TEST_F(SelfTestCliTest, ListsTheTestsWithUnitSidesAndSmallestRealChange) {
  const auto r = smr({"test"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* id : {"knee-to-wall", "sit-and-reach", "thoracic-rotation", "shoulder-flexion", "thomas-test"}) {
    EXPECT_THAT(r.out, HasSubstr(id));
  }
  EXPECT_THAT(r.out, HasSubstr("SMALLEST REAL CHANGE"));
  EXPECT_THAT(r.out, HasSubstr("1 cm"));
  EXPECT_THAT(r.out, HasSubstr("4 cm (provisional)"));
  EXPECT_THAT(r.out, HasSubstr("a change of verdict"));
  EXPECT_THAT(r.out, HasSubstr("general guidance, not a\ndiagnosis"));

  const auto json = smr({"test", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto guides = bj::parse(json.out).as_array();
  ASSERT_EQ(guides.size(), 5u);
  const auto& knee = guides[0].as_object();
  EXPECT_EQ(knee.at("id").as_string(), "knee-to-wall");
  EXPECT_EQ(knee.at("unit").as_string(), "cm");
  EXPECT_EQ(knee.at("laterality").as_string(), "paired");
  EXPECT_EQ(knee.at("smallest_real_change").to_number<double>(), 1.0);
  EXPECT_GE(knee.at("steps").as_array().size(), 4u);
  EXPECT_EQ(knee.at("sources").as_array(), (bj::array{"S44", "S45"}));
}

TEST_F(SelfTestCliTest, TwoBaselineTrialsThenLaterValuesGiveTheVerdict) {
  auto r = smr({"test", "knee-to-wall", "--side", "left", "--value", "9.5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Recorded knee-to-wall, left side, baseline: 9.5 cm.\n"
            "\n"
            "Knee-to-wall (ankle bend), left side\n"
            "  Baseline: needs a second baseline trial (first trial: 9.5 cm)\n");

  r = smr({"test", "knee-to-wall", "--side", "left", "--value", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Recorded knee-to-wall, left side, baseline: 10 cm.\n"));
  EXPECT_THAT(r.out, HasSubstr("  Baseline: 9.75 cm (mean of trials 9.5 cm and 10 cm)\n"));
  EXPECT_THAT(r.out, HasSubstr("  Latest:   none since the baseline"));

  r = smr({"test", "knee-to-wall", "--side", "left", "--value", "11"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Recorded knee-to-wall, left side, re-test: 11 cm.\n"
            "\n"
            "Knee-to-wall (ankle bend), left side\n"
            "  Baseline: 9.75 cm (mean of trials 9.5 cm and 10 cm)\n"
            "  Latest:   11 cm\n"
            "  Change:   +1.25 cm: improved: beyond the smallest real change of 1 cm\n");

  r = smr({"test", "knee-to-wall", "--side", "left", "--value", "10.5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("  Change:   +0.75 cm: no real change: within the smallest real change of 1 cm\n"));

  // The right side is tracked on its own: it has no baseline yet.
  r = smr({"test", "knee-to-wall", "--side", "right", "--value", "8"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Recorded knee-to-wall, right side, baseline: 8 cm.\n"));

  const auto rows = self_tests();
  ASSERT_EQ(rows.size(), 5u);
  std::vector<std::string> phases;
  for (const auto& t : rows) phases.emplace_back(t.at("phase").as_string());
  EXPECT_EQ(phases, (std::vector<std::string>{"baseline", "baseline", "check", "check", "baseline"}));
  EXPECT_EQ(rows[0].at("test").as_string(), "knee-to-wall");
  EXPECT_EQ(rows[0].at("side").as_string(), "left");
  EXPECT_EQ(rows[0].at("unit").as_string(), "cm");
  EXPECT_EQ(rows[0].at("value").to_number<double>(), 9.5);
  EXPECT_EQ(rows[0].at("session_uid").as_string(), "");
}

TEST_F(SelfTestCliTest, BothBaselineTrialsInOneCommand) {
  const auto r = smr({"test", "sit-and-reach", "--phase", "baseline", "--value", "-3", "--value", "-1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Recorded sit-and-reach, baseline: -3 cm, -1 cm.\n"
            "\n"
            "Sit-and-reach (back of the legs and lower back)\n"
            "  Baseline: -2 cm (mean of trials -3 cm and -1 cm)\n"
            "  Latest:   none since the baseline; re-test after some sessions to see a change\n");
  const auto rows = self_tests();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("side").as_string(), "centre");
  EXPECT_LT(rows[0].at("at_ms").as_int64(), rows[1].at("at_ms").as_int64());  // trials keep their order
}

TEST_F(SelfTestCliTest, PerSideTestsNeedASideAndCentreTestsRefuseOne) {
  expect_refused({"test", "knee-to-wall", "--value", "9"},
                 "--side: knee-to-wall is measured on each side; expected \"left\" or \"right\"");
  expect_refused({"test", "sit-and-reach", "--side", "left", "--value", "2"},
                 "--side: sit-and-reach gives one value for both sides together; leave out the side");
  expect_refused({"test", "knee-to-wall", "--side", "middle", "--value", "9"},
                 "--side: \"middle\" is not valid; expected \"left\" or \"right\"");
}

TEST_F(SelfTestCliTest, BadValuesUnknownTestsAndUnknownSessionsWriteNothing) {
  import_fixture();
  expect_refused({"test", "knee-to-wall", "--side", "left", "--value", "75"},
                 "--value: 75 is out of range; expected 0 to 60 cm");
  expect_refused({"test", "knee-to-wall", "--side", "left", "--value", "nine"},
                 "--value: \"nine\" is not a number; expected 0 to 60 cm");
  expect_refused({"test", "thomas-test", "--side", "left", "--value", "maybe"},
                 "--value: \"maybe\" is not valid; expected \"pass\", \"fail\", 1 or 0");
  expect_refused({"test", "shoulder-flexion", "--side", "left", "--value", "250"},
                 "--value: 250 is out of range; expected 0 to 200 deg");
  expect_refused({"test", "knee-to-wal", "--side", "left", "--value", "9"},
                 "ID: unknown self-test \"knee-to-wal\"; did you mean \"knee-to-wall\"? The tests are "
                 "\"knee-to-wall\", \"sit-and-reach\", \"thoracic-rotation\", \"shoulder-flexion\" or \"thomas-test\" "
                 "(smr test)");
  expect_refused({"test", "knee-to-wall", "--side", "left", "--phase", "during", "--value", "9"},
                 "--phase: \"during\" is not valid; expected \"baseline\", \"before\", \"after\" or \"check\"");
  expect_refused({"test", "knee-to-wall", "--side", "left", "--phase", "after", "--value", "9"},
                 "--session: the \"after\" phase needs the rolling session the value was taken around: a session "
                 "uid (or its first characters) from smr log, or \"last\"");
  expect_refused({"test", "knee-to-wall", "--side", "left", "--phase", "after", "--session", "ffff", "--value", "9"},
                 "--session: no session has a uid starting with \"ffff\"; expected a session uid (or its first "
                 "characters) from smr log, or \"last\". Nothing was recorded.",
                 1);
  expect_refused({"test", "knee-to-wall", "--side", "left", "--phase", "check", "--value", "9", "--value", "10"},
                 "--value: a \"check\" takes one value; only a baseline takes two trials");
  expect_refused({"test", "knee-to-wall", "--side", "left", "--value", "9", "--value", "10", "--value", "11"},
                 "--value: give one value, or two for the two trials of a baseline; got 3");
}

TEST_F(SelfTestCliTest, WithoutATerminalTheValueMustBeGiven) {
  expect_refused({"test", "knee-to-wall", "--side", "left"},
                 "smr test knee-to-wall guides you through the test on a terminal; without one, give the value with "
                 "--value V and --side left or --side right");
}

TEST_F(SelfTestCliTest, AfterASessionShowsTheSessionsChange) {
  import_fixture();  // the session has knee-to-wall left 9.5 cm "before"
  const auto r =
      smr({"test", "knee-to-wall", "--side", "left", "--phase", "after", "--session", "0a1b2c3d", "--value", "11"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Recorded knee-to-wall, left side, after session 0a1b2c3d: 11 cm.\n"));
  EXPECT_THAT(r.out, HasSubstr("  This session: 9.5 cm before, 11 cm after (+1.5 cm): improved: beyond the\n"
                               "                smallest real change of 1 cm\n"));
  const auto rows = self_tests();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].at("session_uid").as_string(), kFixtureSession);
  EXPECT_EQ(rows[1].at("phase").as_string(), "after");

  // "last" names the latest session.
  const auto last =
      smr({"test", "knee-to-wall", "--side", "right", "--phase", "after", "--session", "last", "--value", "10"});
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(self_tests()[2].at("session_uid").as_string(), kFixtureSession);
}

TEST_F(SelfTestCliTest, JsonHasTheRecordedRowsAndTheProgress) {
  ASSERT_EQ(smr({"test", "thoracic-rotation", "--side", "right", "--value", "40"}).exit_code, 0);
  const auto r = smr({"test", "thoracic-rotation", "--side", "right", "--value", "44", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = bj::parse(r.out).as_object();
  const auto& recorded = doc.at("recorded").as_array();
  ASSERT_EQ(recorded.size(), 1u);
  const auto& row = recorded[0].as_object();
  for (const char* key : {"uid", "person_id", "at_ms", "test", "side", "value", "unit", "session_uid", "phase"}) {
    EXPECT_TRUE(row.contains(key)) << key;
  }
  EXPECT_EQ(row.at("test").as_string(), "thoracic-rotation");
  EXPECT_EQ(row.at("value").to_number<double>(), 44.0);
  EXPECT_EQ(row.at("unit").as_string(), "deg");
  EXPECT_EQ(row.at("phase").as_string(), "baseline");
  EXPECT_EQ(row.at("uid").as_string().size(), 32u);

  const auto& progress = doc.at("progress").as_array();
  ASSERT_EQ(progress.size(), 1u);
  const auto& p = progress[0].as_object();
  EXPECT_EQ(p.at("test").as_string(), "thoracic-rotation");
  EXPECT_EQ(p.at("side").as_string(), "right");
  EXPECT_EQ(p.at("unit").as_string(), "deg");
  EXPECT_EQ(p.at("smallest_real_change").to_number<double>(), 6.0);
  const auto& trials = p.at("baseline_trials").as_array();
  ASSERT_EQ(trials.size(), 2u);
  EXPECT_EQ(trials[0].to_number<double>(), 40.0);
  EXPECT_EQ(trials[1].to_number<double>(), 44.0);
  EXPECT_EQ(p.at("baseline").to_number<double>(), 42.0);
  EXPECT_TRUE(p.at("latest").is_null());
  EXPECT_TRUE(p.at("latest_at_ms").is_null());
  EXPECT_TRUE(p.at("change").is_null());
  EXPECT_EQ(p.at("verdict").as_string(), "needs-baseline");
  EXPECT_EQ(p.at("history").as_array().size(), 2u);
  EXPECT_TRUE(p.at("sessions").as_array().empty());
}

TEST_F(SelfTestCliTest, PassFailTakesWords) {
  ASSERT_EQ(smr({"test", "thomas-test", "--side", "left", "--value", "fail", "--value", "fail"}).exit_code, 0);
  const auto r = smr({"test", "thomas-test", "--side", "left", "--value", "pass"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Recorded thomas-test, left side, re-test: pass.\n"));
  EXPECT_THAT(r.out, HasSubstr("  Change:   +1: improved: the verdict changed from fail to pass\n"));
  EXPECT_EQ(self_tests()[2].at("value").to_number<double>(), 1.0);
}

// ---- soreness and workouts ----

TEST_F(SelfTestCliTest, SorenessAndWorkoutsAreStoredAsSelfTestRows) {
  import_fixture();
  auto r = smr({"workout", "--at", "2026-03-01 18:30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Recorded a workout at 2026-03-01 18:30 (local time). Rate soreness on the days after it with: smr "
            "soreness REGION RATING\n");
  r = smr({"soreness", "calves", "6", "--side", "left"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Recorded soreness 6/10 in Calves (left side).\n");
  r = smr({"soreness", "thoracic-spine", "3", "--phase", "after", "--session", "0a1b"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Recorded soreness 3/10 in Upper back (thoracic spine), after session 0a1b2c3d.\n");

  bj::object workout, calves, thoracic;
  for (const auto& t : self_tests()) {
    const auto& o = t.as_object();
    if (o.at("test").as_string() == "workout") workout = o;
    if (o.at("test").as_string() == "soreness/calves") calves = o;
    if (o.at("test").as_string() == "soreness/thoracic-spine") thoracic = o;
  }
  ASSERT_FALSE(workout.empty());
  EXPECT_EQ(workout.at("unit").as_string(), "event");
  EXPECT_EQ(workout.at("value").to_number<double>(), 0.0);
  EXPECT_EQ(workout.at("phase").as_string(), "check");
  EXPECT_EQ(workout.at("side").as_string(), "centre");
  EXPECT_EQ(workout.at("at_ms").as_int64() % 60'000, 0);
  ASSERT_FALSE(calves.empty());
  EXPECT_EQ(calves.at("unit").as_string(), "nrs");
  EXPECT_EQ(calves.at("value").to_number<double>(), 6.0);
  EXPECT_EQ(calves.at("side").as_string(), "left");
  EXPECT_EQ(calves.at("phase").as_string(), "check");
  EXPECT_EQ(calves.at("session_uid").as_string(), "");
  ASSERT_FALSE(thoracic.empty());
  EXPECT_EQ(thoracic.at("side").as_string(), "centre");
  EXPECT_EQ(thoracic.at("phase").as_string(), "after");
  EXPECT_EQ(thoracic.at("session_uid").as_string(), kFixtureSession);

  // The export carries the rows to another journal.
  const auto file = (dir_ / "export.json").string();
  ASSERT_EQ(smr({"export", "-o", file}).exit_code, 0);
  const auto other = run_process({SMR_BINARY, "--db", "sqlite:" + (dir_ / "other.db").string(), "import", file});
  EXPECT_EQ(other.exit_code, 0) << other.err;
}

TEST_F(SelfTestCliTest, SorenessRefusesUnknownRegionsWrongSidesAndBadRatings) {
  import_fixture();
  expect_refused({"soreness", "calfs", "5", "--side", "left"},
                 "REGION: unknown region \"calfs\"; did you mean \"calves\"? The regions are listed by smr catalog "
                 "regions");
  expect_refused({"soreness", "calves", "5"},
                 "--side: calves has a left and a right side; expected \"left\" or \"right\"");
  expect_refused({"soreness", "thoracic-spine", "5", "--side", "left"},
                 "--side: thoracic-spine is a midline region with no left or right side; leave out the side");
  expect_refused({"soreness", "calves", "11", "--side", "left"},
                 "RATING: 11 is not valid; expected a whole number from 0 (no soreness) to 10 (the worst "
                 "imaginable)");
  expect_refused({"soreness", "calves", "six", "--side", "left"},
                 "RATING: \"six\" is not valid; expected a whole number from 0 (no soreness) to 10 (the worst "
                 "imaginable)");
  expect_refused({"soreness", "calves", "5", "--side", "left", "--phase", "before"},
                 "--session: the \"before\" phase needs the rolling session the rating was taken around: a session "
                 "uid (or its first characters) from smr log, or \"last\"");
  expect_refused({"soreness", "calves", "5", "--side", "left", "--phase", "later"},
                 "--phase: \"later\" is not valid; expected \"before\", \"after\" or \"check\"");
  expect_refused({"soreness", "calves", "5", "--side", "left", "--phase", "after", "--session", "ffff"},
                 "--session: no session has a uid starting with \"ffff\"; expected a session uid (or its first "
                 "characters) from smr log, or \"last\". Nothing was recorded.",
                 1);
}

TEST_F(SelfTestCliTest, WorkoutRefusesTimesThatAreNotValidOrInTheFuture) {
  expect_refused({"workout", "--at", "yesterday"},
                 "--at: \"yesterday\" is not a valid local date and time; expected \"YYYY-MM-DD HH:MM\", e.g. "
                 "\"2026-03-01 18:30\"");
  expect_refused({"workout", "--at", "2026-02-30 10:00"},
                 "--at: \"2026-02-30 10:00\" is not a valid local date and time; expected \"YYYY-MM-DD HH:MM\", "
                 "e.g. \"2026-03-01 18:30\"");
  expect_refused({"workout", "--at", "2999-01-01 10:00"},
                 "--at: the workout is in the future; record a workout once it has happened");
  const auto now = smr({"workout"});
  EXPECT_EQ(now.exit_code, 0) << now.err;
  EXPECT_THAT(now.out, HasSubstr("Recorded a workout at "));
}

// ---- the guided test on a terminal ----

// `script` (util-linux) runs smr on a pseudo-terminal and feeds it `input`, as a person typing.
TEST_F(SelfTestCliTest, OnATerminalItGuidesStepByStepAndAsksTwoBaselineTrials) {
  if (!fs::exists("/usr/bin/script")) GTEST_SKIP() << "script (util-linux) is not installed";
  const auto input = dir_ / "input.txt";
  {
    std::ofstream f(input);
    f << "\n\n\n\n\n"
      << "75\n9.5\n10\n";  // Enter after each of the 5 steps, a typo, then the two trials
  }
  const std::string command = std::string(SMR_BINARY) + " --db " + db() + " test knee-to-wall --side left";
  const auto r = run_process({"/bin/sh", "-c", "/usr/bin/script -qec '" + command + "' /dev/null < " + input.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Knee-to-wall (ankle bend)  [knee-to-wall]"));
  EXPECT_THAT(r.out, HasSubstr("Step 1 of 5: "));
  EXPECT_THAT(r.out, HasSubstr("Step 5 of 5: "));
  EXPECT_THAT(r.out, HasSubstr("Left side, trial 1 of 2 (cm, 0 to 60): "));
  EXPECT_THAT(r.out, HasSubstr("75 is out of range; expected 0 to 60 cm"));
  EXPECT_THAT(r.out, HasSubstr("Recorded knee-to-wall, left side, baseline: 9.5 cm, 10 cm."));
  EXPECT_THAT(r.out, HasSubstr("Baseline: 9.75 cm (mean of trials 9.5 cm and 10 cm)"));
  const auto rows = self_tests();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("value").to_number<double>(), 9.5);
  EXPECT_EQ(rows[1].at("value").to_number<double>(), 10.0);
}

}  // namespace
