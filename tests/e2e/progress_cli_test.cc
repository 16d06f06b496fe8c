// `smr progress` and `smr report --html` on the real binary and a real SQLite journal, in a real time zone
// (TZ=Europe/Berlin, across the end of summer time on 2026-10-25): the alert and its acknowledgement, the
// trend, the weekly target, --region/--since/--as-of/--json, and bad input that changes nothing.

#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "process.h"

namespace {

namespace fs = std::filesystem;
namespace bj = boost::json;
using smr::test::ProcessResult;
using smr::test::run_process;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::int64_t kDay = 86'400'000;
// Monday 2026-10-05 08:00 in Berlin (06:00 UTC, summer time).
constexpr std::int64_t kStart = 1'791'180'000'000;

std::string uid(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%032x", n);
  return buf;
}

bj::object event(std::int64_t seq, std::int64_t at, const char* kind, int step, bj::object data) {
  return {{"seq", seq}, {"at_ms", at}, {"kind", kind}, {"step", step}, {"data_json", bj::serialize(data)}};
}

// A session every other day for six weeks: hamstrings (right) easing from 7 to 2, calves (left) with sharp
// pain in the last three sessions that checked in there.
bj::object journal() {
  bj::array sessions;
  int n = 0;
  for (int d = 0; d < 42; d += 2) {
    const std::int64_t t0 = kStart + d * kDay;
    bj::array events, check_ins;
    events.push_back(event(0, t0, "session-started", -1, {}));
    std::int64_t t = t0;
    const bool calves = d >= 30;
    const int steps = calves ? 2 : 1;
    for (int s = 0; s < steps; ++s) {
      const bool ham = s == 0;
      events.push_back(event(static_cast<std::int64_t>(events.size()), t, "step-started", s,
                             {{"region", ham ? "hamstrings" : "calves"}, {"side", ham ? "right" : "left"}}));
      events.push_back(event(static_cast<std::int64_t>(events.size()), t, "phase-started", s, {{"phase", "hold"}}));
      t += 120'000;
      events.push_back(event(static_cast<std::int64_t>(events.size()), t, "phase-started", s, {{"phase", "check-in"}}));
      const bool pain = !ham && d >= 36;
      check_ins.push_back({{"uid", uid(++n)},
                           {"at_ms", t},
                           {"step", s},
                           {"exercise", ham ? "hamstrings-roller-sweep" : "calves-roller-sweep"},
                           {"region", ham ? "hamstrings" : "calves"},
                           {"side", ham ? "right" : "left"},
                           {"intensity", ham ? std::max(2, 7 - d / 6) : (pain ? 6 : 4)},
                           {"quality", pain ? "sharp" : "good-hurt"},
                           {"note", ""}});
      t += 5'000;
    }
    events.push_back(event(static_cast<std::int64_t>(events.size()), t, "session-finished", -1, {}));
    sessions.push_back({{"uid", uid(++n)},
                        {"person_id", 1},
                        {"title", "Test"},
                        {"started_ms", t0},
                        {"ended_ms", t},
                        {"status", "finished"},
                        {"routine_json", "{}"},
                        {"events", events},
                        {"check_ins", check_ins},
                        {"adaptations", bj::array{}},
                        {"notes", bj::array{}}});
  }
  return {{"format", "smr-coach-journal"}, {"version", 1},
          {"people", bj::array{}},         {"profiles", bj::array{}},
          {"routines", bj::array{}},       {"custom_exercises", bj::array{}},
          {"sessions", sessions},          {"self_tests", bj::array{}},
          {"settings", bj::array{}}};
}

class ProgressCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("smr-progress-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "journal.json") << bj::serialize(journal());
    const auto imported = smr({"import", (dir_ / "journal.json").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  void TearDown() override { fs::remove_all(dir_); }

  ProcessResult smr(std::vector<std::string> args) const {
    std::vector<std::string> argv{"/usr/bin/env", "TZ=Europe/Berlin", SMR_BINARY, "--db",
                                  "sqlite:" + (dir_ / "journal.db").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
  }

  std::string exported() const {
    const auto r = smr({"export"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  fs::path dir_;
};

// The last session is on 2026-11-14 (day 40); "as of" the day after.
const std::vector<std::string> kAsOf{"--as-of", "2026-11-15 12:00"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST_F(ProgressCliTest, ShowsTheAlertTrendAndSessionsPerWeekInLocalTime) {
  const auto r = smr(with({"progress"}, kAsOf));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Progress as of 2026-11-15 (Europe/Berlin)"));
  EXPECT_THAT(r.out, HasSubstr("! Calves (left): "));
  EXPECT_THAT(r.out, HasSubstr("clinician"));
  EXPECT_THAT(r.out, HasSubstr("smr progress ack repeated-pain/calves/left/"));
  EXPECT_THAT(r.out, HasSubstr("Sessions per week (target 5)"));
  EXPECT_THAT(r.out, HasSubstr("easing"));
  EXPECT_THAT(r.out, HasSubstr("Hamstrings"));
  EXPECT_THAT(r.out, HasSubstr("not a diagnosis"));
  // Weeks start on local Mondays: 2026-11-09 is one, on either side of the end of summer time.
  EXPECT_THAT(r.out, HasSubstr("2026-11-09"));
  EXPECT_THAT(r.out, HasSubstr("2026-10-26"));
}

TEST_F(ProgressCliTest, AcknowledgedAlertsAreHiddenButStillCounted) {
  const auto before = smr(with({"progress"}, kAsOf));
  const auto at = before.out.find("smr progress ack ");
  ASSERT_NE(at, std::string::npos) << before.out;
  const auto id = before.out.substr(at + 17, before.out.find('\n', at) - at - 17);
  const auto ack = smr(with({"progress", "ack", id}, kAsOf));
  ASSERT_EQ(ack.exit_code, 0) << ack.err;
  EXPECT_THAT(ack.out, HasSubstr("Acknowledged: " + id));
  const auto after = smr(with({"progress"}, kAsOf));
  EXPECT_THAT(after.out, Not(HasSubstr("ack " + id)));
  EXPECT_THAT(after.out, HasSubstr("1 acknowledged alert is still in force"));
  const auto json = bj::parse(smr(with({"progress", "--json"}, kAsOf)).out);
  int acknowledged = 0;
  for (const auto& a : json.at("progress").at("alerts").as_array()) {
    EXPECT_EQ(a.at("acknowledged").as_bool(), a.at("id").as_string() == id) << a;
    acknowledged += a.at("acknowledged").as_bool() ? 1 : 0;
  }
  EXPECT_EQ(acknowledged, 1);
  // Twice is fine.
  EXPECT_EQ(smr(with({"progress", "ack", id}, kAsOf)).exit_code, 0);
}

TEST_F(ProgressCliTest, JsonCarriesTheQueryAndTheProgress) {
  const auto r = smr(with({"progress", "--json", "--region", "hamstrings"}, kAsOf));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = bj::parse(r.out);
  EXPECT_EQ(doc.at("time_zone").as_string(), "Europe/Berlin");
  EXPECT_EQ(doc.at("utc_offset_minutes").as_int64(), 60);
  EXPECT_EQ(doc.at("region").as_string(), "hamstrings");
  const auto& sensation = doc.at("progress").at("sensation").as_array();
  ASSERT_EQ(sensation.size(), 1u);
  EXPECT_EQ(sensation[0].at("region").as_string(), "hamstrings");
  EXPECT_EQ(sensation[0].at("side").as_string(), "right");
  EXPECT_TRUE(doc.at("progress").at("alerts").as_array().empty());  // the alert is at the calves
}

TEST_F(ProgressCliTest, RegionAndSinceNarrowTheView) {
  const auto r = smr(with({"progress", "--region", "calves", "--since", "2026-11-01"}, kAsOf));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("since 2026-11-01, Calves only"));
  EXPECT_THAT(r.out, Not(HasSubstr("Hamstrings")));
  EXPECT_THAT(r.out, HasSubstr("! Calves (left)"));
}

TEST_F(ProgressCliTest, TheTargetIsSavedAndUsed) {
  ASSERT_EQ(smr(with({"progress", "--target", "3"}, kAsOf)).exit_code, 0);
  EXPECT_THAT(smr(with({"progress"}, kAsOf)).out, HasSubstr("Sessions per week (target 3)"));
}

TEST_F(ProgressCliTest, AsOfBeforeAnyPainShowsNoAlert) {
  const auto r = smr({"progress", "--as-of", "2026-10-20"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("! ")));
}

TEST_F(ProgressCliTest, BadInputIsRefusedAndChangesNothing) {
  const auto before = exported();
  struct Case {
    std::vector<std::string> args;
    std::string message;
    int exit_code = 2;  // invalid input; 1 for what is not there (service::Error kNotFound, as the API's 404)
  };
  const std::vector<Case> cases{
      {{"progress", "--region", "calfs"}, "--region: unknown region \"calfs\"; did you mean \"calves\"?"},
      {{"progress", "--since", "2026-13-01"}, "--since: \"2026-13-01\" is not a date; expected YYYY-MM-DD"},
      {{"progress", "--as-of", "yesterday"}, "--as-of: \"yesterday\" is not a local date or time"},
      {{"progress", "--as-of", "2026-11-15 25:00"}, "expected YYYY-MM-DD or \"YYYY-MM-DD HH:MM\""},
      {{"progress", "--target", "20"}, "--target: sessions per week must be a whole number from 1 to 14, not 20"},
      {{"progress", "--target", "0"}, "--target: sessions per week must be a whole number from 1 to 14, not 0"},
      {{"progress", "--target", "3", "--since", "someday"}, "--since: \"someday\" is not a date"},
      {{"progress", "ack", "repeated-pain/calves/left/nope"},
       "no alert \"repeated-pain/calves/left/nope\" is in "
       "force",
       1},
      {{"report", "--html", (dir_ / "r.html").string(), "--region", "nowhere"}, "--region: unknown region"},
  };
  for (const auto& c : cases) {
    const auto r = smr(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.args[1] << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.message));
  }
  EXPECT_FALSE(fs::exists(dir_ / "r.html"));
  EXPECT_EQ(exported(), before);
}

TEST_F(ProgressCliTest, ReportWritesOneSelfContainedPage) {
  const auto path = dir_ / "report.html";
  const auto r = smr(with({"report", "--html", path.string()}, kAsOf));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  const auto html = s.str();
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("class=\"smr-svg smr-body-map\""));
  EXPECT_THAT(html, HasSubstr("data-region=\"calves\""));
  EXPECT_THAT(html, HasSubstr("role=\"alert\""));
  EXPECT_THAT(html, HasSubstr("smr-trend-chart"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("src=\"http")));
}

TEST_F(ProgressCliTest, ReportIntoAMissingFolderFailsClearly) {
  const auto r = smr(with({"report", "--html", (dir_ / "no" / "such" / "r.html").string()}, kAsOf));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "smr: cannot write " + (dir_ / "no" / "such" / "r.html").string() + ": the folder " +
                       (dir_ / "no" / "such").string() + " does not exist; create it or choose another file\n");
}

}  // namespace
