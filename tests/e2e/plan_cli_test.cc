// smr screen and smr plan through the real binary, with a temporary SQLite journal (issue 4).

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "process.h"

namespace {

namespace fs = std::filesystem;
namespace bj = boost::json;
using smr::test::ProcessResult;
using smr::test::run_process;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class PlanCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("smr-plan-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  ProcessResult smr(std::vector<std::string> args) const {
    std::vector<std::string> argv{SMR_BINARY, "--db", "sqlite:" + (dir_ / "journal.db").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }

  fs::path dir_;
};

TEST_F(PlanCliTest, ScreenSavesTheProfileAndPlanUsesIt) {
  const auto screened = smr({"screen", "--condition", "diabetes", "--tools", "foam-roller-medium,lacrosse-ball"});
  ASSERT_EQ(screened.exit_code, 0) << screened.err;
  EXPECT_THAT(screened.out, StartsWith("Check with your physician before you start:\n"));
  EXPECT_THAT(screened.out, HasSubstr("Saved your answers"));
  const auto planned = smr({"plan", "--goal", "specific-ache", "--focus", "calves", "--minutes", "5"});
  ASSERT_EQ(planned.exit_code, 0) << planned.err;
  EXPECT_THAT(planned.out, StartsWith("Check with your physician before you start:\n"));  // clearance first
  EXPECT_THAT(planned.out, HasSubstr(" 1. Calves, left: "));
  EXPECT_THAT(planned.out, HasSubstr("Total: "));
}

TEST_F(PlanCliTest, PlanJsonHasTheDocumentedFields) {
  const auto profile = write("p.json", R"({"tools": ["foam-roller-medium"], "conditions": ["fibromyalgia"]})");
  const auto r = smr(
      {"plan", "--profile", profile, "--goal", "post-workout", "--activity", "leg-day", "--minutes", "20", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto v = bj::parse(r.out).as_object();
  EXPECT_LE(v.at("total_s").as_int64(), 1200);
  EXPECT_EQ(v.at("clearance_needed").as_array()[0].as_object().at("id").as_string(), "fibromyalgia");
  ASSERT_FALSE(v.at("steps").as_array().empty());
  const auto& step = v.at("steps").as_array()[0].as_object();
  for (const char* key : {"exercise", "region", "side", "tool", "phases", "sets", "intensity_max", "why"}) {
    EXPECT_TRUE(step.contains(key)) << key;
  }
  EXPECT_EQ(step.at("intensity_max").as_int64(), 4);
  const auto& phase = step.at("phases").as_array()[0].as_object();
  EXPECT_TRUE(phase.contains("kind") && phase.contains("seconds"));
  EXPECT_TRUE(v.contains("left_out"));
  EXPECT_TRUE(v.contains("warnings"));
}

TEST_F(PlanCliTest, ARedFlagGivesNoRoutineAndExitCode3) {
  const auto profile = write("p.json", R"({"tools": ["foam-roller-medium"], "symptoms": ["calf-swelling"]})");
  const auto r = smr({"plan", "--profile", profile});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, StartsWith("smr: no routine: stop, do not roll now.\n"));
  EXPECT_THAT(r.err, HasSubstr("do not roll your legs"));
}

TEST_F(PlanCliTest, UnknownGoalListsTheValidOnes) {
  const auto r = smr({"plan", "--goal", "sleep", "--tools", "lacrosse-ball"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "smr: --goal: \"sleep\" is not valid; expected \"pre-activity\", \"post-workout\", \"soreness-day-1\", "
            "\"soreness-day-2\", \"daily-mobility\", \"desk-relief\", \"breathing-calm\" or \"specific-ache\"\n");
}

TEST_F(PlanCliTest, UnknownContextListsTheValidOnes) {
  const auto r = smr({"plan", "--context", "beach", "--tools", "lacrosse-ball"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "smr: --context: \"beach\" is not valid; expected \"floor\", \"seated\", \"standing\", \"desk\" or "
            "\"call\"\n");
}

TEST_F(PlanCliTest, MinutesOutOfRangeSayTheRange) {
  const auto r = smr({"plan", "--minutes", "120", "--tools", "lacrosse-ball"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "smr: --minutes: 120 is out of range; expected 3 to 90\n");
}

TEST_F(PlanCliTest, UnknownFocusRegionSuggestsAndListsTheValidOnes) {
  const auto r = smr({"plan", "--focus", "calfs", "--tools", "lacrosse-ball"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, StartsWith("smr: --focus: unknown region \"calfs\"; did you mean \"calves\"?; expected "
                                "\"plantar-fascia\", \"calves\", "));
}

TEST_F(PlanCliTest, UnknownConditionInAProfileFileNamesTheFile) {
  const auto profile = write("p.json", R"({"tools": ["lacrosse-ball"], "conditions": ["diabetis"]})");
  const auto r = smr({"plan", "--profile", profile});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, StartsWith("smr: " + profile +
                                ": conditions[0]: unknown condition \"diabetis\"; did you mean \"diabetes\"?"));
}

TEST_F(PlanCliTest, AMistypedProfileFieldIsNamed) {
  const auto profile = write("p.json", R"({"tool": ["lacrosse-ball"]})");
  const auto r = smr({"plan", "--profile", profile});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, StartsWith("smr: " + profile + ": tool: unknown field; expected one of aches, conditions"));
}

TEST_F(PlanCliTest, AnEmptyPlanSaysWhyAndWhereToRollInstead_Issue15) {
  const auto r = smr({"plan", "--tools", "massage-stick"});  // every stick exercise is seated
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("Take care:\n  - Nothing to roll: no region of this plan can be done on the floor"));
  EXPECT_THAT(r.out, HasSubstr("seated"));
  EXPECT_THAT(r.out, HasSubstr("Routine: daily-mobility, 0:00 of 10:00 minutes"));
}

TEST_F(PlanCliTest, DuringACallOnlyHandsFreeSeatedExercises) {
  const auto r = smr({"plan", "--goal", "desk-relief", "--context", "call", "--tools",
                      "therapy-ball-medium,therapy-ball-small", "--minutes", "8", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto v = bj::parse(r.out).as_object();
  ASSERT_FALSE(v.at("steps").as_array().empty());
  for (const auto& s : v.at("steps").as_array()) EXPECT_EQ(s.as_object().at("position").as_string(), "seated");
}

TEST_F(PlanCliTest, ScreenWithoutATerminalOrFlagsSaysWhatToDo) {
  const auto r = smr({"screen"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "smr: smr screen asks its questions on a terminal; without one, give the answers as flags (see smr "
            "screen --help) or as JSON with --json FILE|-\n");
}

TEST_F(PlanCliTest, ScreenJsonReportsBlocksAndLimits) {
  const auto profile = write("p.json", R"({"conditions": ["pregnancy"], "tools": ["therapy-ball-medium"]})");
  const auto r = smr({"screen", "--json", profile, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto v = bj::parse(r.out).as_object();
  EXPECT_TRUE(v.at("may_roll").as_bool());
  EXPECT_EQ(v.at("blocked_regions").as_array()[0].as_object().at("region").as_string(), "low-back");
  EXPECT_FALSE(v.at("limits").as_array().empty());
}

}  // namespace
