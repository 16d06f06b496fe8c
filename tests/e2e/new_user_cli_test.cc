// What a new user trips over at the command line (issue 11), through the real binary: journals that are not
// there or cannot be written, messages that say what happened, flags with bad values, local times, progress
// wording, finding conditions and warning signs, and health advice said once.

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "process.h"

namespace {

namespace fs = std::filesystem;
namespace bj = boost::json;
using smr::test::ChildProcess;
using smr::test::ProcessResult;
using smr::test::run_process;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kFixture = std::string(SMR_SOURCE_DIR) + "/tests/e2e/data/journal.json";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

class NewUserCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("smr-new-user-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string journal() const { return (dir_ / "journal.db").string(); }
  // smr with TZ=Europe/Berlin (UTC+1 in November), on `db` (default: journal()).
  ProcessResult smr(std::vector<std::string> args, const std::string& db = "") const {
    std::vector<std::string> argv{"/usr/bin/env", "TZ=Europe/Berlin", SMR_BINARY, "--db", db.empty() ? journal() : db};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }

  fs::path dir_;
};

// ---- item 1: a journal that is not there ------------------------------------------------------------------

TEST_F(NewUserCliTest, ReadingCommandsSayThereIsNoJournalAndCreateNothingIssue11) {
  const fs::path missing_dir = dir_ / "no" / "such" / "dir";
  const std::string db = (missing_dir / "j.db").string();
  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{{"log"}, {"doctor"}, {"export"}, {"progress"}, {"log", "0a1b"}}) {
    const auto r = smr(command, db);
    EXPECT_EQ(r.exit_code, 1) << command[0];
    EXPECT_EQ(r.err, "smr: there is no journal at " + db +
                         " (nothing was created); give --db the path of your journal, or start one with smr screen, "
                         "smr roll or smr test\n")
        << command[0];
    EXPECT_FALSE(fs::exists(dir_ / "no")) << command[0] << " created folders";
  }
  // In an existing folder too: nothing is created by reading.
  const auto r = smr({"log"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(fs::exists(journal()));
}

TEST_F(NewUserCliTest, WritingCommandsCreateAJournalOnlyInAnExistingFolderIssue11) {
  const fs::path missing_dir = dir_ / "no" / "such" / "dir";
  const std::string db = (missing_dir / "j.db").string();
  const auto refused = smr({"soreness", "calves", "6", "--side", "left"}, db);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err, "smr: there is no folder " + missing_dir.string() + " for a new journal " + db +
                             "; create the folder first, or give --db the path of your journal\n");
  EXPECT_FALSE(fs::exists(dir_ / "no"));

  const auto made = smr({"soreness", "calves", "6", "--side", "left"});
  EXPECT_EQ(made.exit_code, 0) << made.err;
  EXPECT_TRUE(fs::exists(journal()));
  const auto log = smr({"log"});
  EXPECT_EQ(log.exit_code, 0) << log.err;
  EXPECT_EQ(log.out, "No sessions recorded yet.\n");
}

// ---- item 2: a journal on read-only media -------------------------------------------------------------------

// Runs smr in a private mount namespace where `mount_dir` is a tmpfs holding a copy of `journal` as j.db,
// remounted read-only: read-only media, which root cannot write either. nullopt when the kernel refuses.
std::optional<ProcessResult> smr_on_read_only_media(const fs::path& mount_dir, const std::string& journal,
                                                    const std::vector<std::string>& args) {
  fs::create_directories(mount_dir);
  std::string command =
      "mount -t tmpfs tmpfs \"$1\" && cp \"$2\" \"$1/j.db\" && mount -o remount,ro \"$1\" || exit 99; "
      "shift 2; exec /usr/bin/env TZ=Europe/Berlin \"$@\"";
  std::vector<std::string> argv{"/usr/bin/unshare",
                                "-m",
                                "/bin/sh",
                                "-c",
                                command,
                                "sh",
                                mount_dir.string(),
                                journal,
                                SMR_BINARY,
                                "--db",
                                (mount_dir / "j.db").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run_process(argv);
  if (r.exit_code == 99 || r.exit_code == 127 || (r.exit_code == 1 && r.err.find("unshare") != std::string::npos)) {
    return std::nullopt;
  }
  return r;
}

TEST_F(NewUserCliTest, AJournalOnReadOnlyMediaCanBeReadIssue11) {
  ASSERT_EQ(smr({"import", kFixture}).exit_code, 0);
  const auto expected_export = smr({"export"});
  ASSERT_EQ(expected_export.exit_code, 0);
  const fs::path mnt = dir_ / "ro";
  const auto probe = smr_on_read_only_media(mnt, journal(), {"doctor"});
  if (!probe) {
    GTEST_SKIP() << "the kernel refuses a private mount namespace with a read-only tmpfs (unshare -m, mount -o "
                    "remount,ro): run as root with CAP_SYS_ADMIN to test read-only media";
  }
  EXPECT_EQ(probe->exit_code, 0) << probe->err;
  EXPECT_THAT(probe->out, HasSubstr("Integrity: ok"));
  EXPECT_THAT(probe->out, HasSubstr("read-only: it cannot be written"));

  const auto log = smr_on_read_only_media(mnt, journal(), {"log"});
  ASSERT_TRUE(log);
  EXPECT_EQ(log->exit_code, 0) << log->err;
  EXPECT_THAT(log->out, HasSubstr("Recover from a run, 10 min"));
  EXPECT_EQ(log->err, "");

  const auto exported = smr_on_read_only_media(mnt, journal(), {"export"});
  ASSERT_TRUE(exported);
  EXPECT_EQ(exported->exit_code, 0) << exported->err;
  EXPECT_EQ(exported->out, expected_export.out);

  const auto progress = smr_on_read_only_media(mnt, journal(), {"progress", "--as-of", "2025-11-30"});
  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->exit_code, 0) << progress->err;
  EXPECT_THAT(progress->out, HasSubstr("Sessions per week"));

  // Writing says why it cannot, and what was opened.
  const auto write = smr_on_read_only_media(mnt, journal(), {"soreness", "calves", "6", "--side", "left"});
  ASSERT_TRUE(write);
  EXPECT_EQ(write->exit_code, 1);
  EXPECT_THAT(write->err, HasSubstr("cannot be written"));
  EXPECT_THAT(write->err, Not(HasSubstr("check that its folder exists")));
}

// ---- item 3: messages that say what happened ----------------------------------------------------------------

TEST_F(NewUserCliTest, ABusyJournalCanBeReadAndAWriteSaysItIsBusyIssue11) {
  if (!fs::exists("/usr/bin/python3")) GTEST_SKIP() << "python3 is not installed (it holds the lock here)";
  ASSERT_EQ(smr({"import", kFixture}).exit_code, 0);
  // Another program holds the write lock for 8 s.
  ChildProcess writer({"/usr/bin/python3", "-c",
                       "import sqlite3, sys, time\n"
                       "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                       "c.execute('BEGIN IMMEDIATE')\n"
                       "print('locked', flush=True)\n"
                       "time.sleep(8)\n",
                       journal()});
  ASSERT_EQ(writer.read_line(std::chrono::seconds(5)), "locked");

  const auto started = std::chrono::steady_clock::now();
  const auto log = smr({"log"});
  EXPECT_EQ(log.exit_code, 0) << log.err;
  EXPECT_THAT(log.out, HasSubstr("Recover from a run, 10 min"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4)) << "reading waited for the writer";

  const auto write = smr({"soreness", "calves", "6", "--side", "left"});
  EXPECT_EQ(write.exit_code, 1);
  EXPECT_THAT(write.err, HasSubstr(journal() + " is busy: another program is writing it"));
  EXPECT_THAT(write.err, Not(HasSubstr("upgrade")));
}

// ---- item 4: flags ------------------------------------------------------------------------------------------

TEST_F(NewUserCliTest, AValueThatIsNotANumberIsExplainedIssue11) {
  const auto word = smr({"plan", "--minutes", "abc"});
  EXPECT_EQ(word.exit_code, 2);
  EXPECT_EQ(word.err, "smr: --minutes: \"abc\" is not a number (--minutes N: How long, 3 to 90 (default 10))\n");
  const auto decimal = smr({"plan", "--minutes", "2.5"});
  EXPECT_EQ(decimal.exit_code, 2);
  EXPECT_EQ(decimal.err,
            "smr: --minutes: \"2.5\" is not a whole number (--minutes N: How long, 3 to 90 (default 10))\n");
  const auto speed = smr({"roll", "--speed", "fast", "--script", "/dev/null"});
  EXPECT_EQ(speed.exit_code, 2);
  EXPECT_THAT(speed.err, StartsWith("smr: --speed: \"fast\" is not a number"));
}

TEST_F(NewUserCliTest, OutOfRangeDecimalsAreShownAsGivenIssue11) {
  for (const std::string value : {"0", "1e9", "1001", "-2.5"}) {
    const auto r = smr({"roll", "--speed", value, "--script", "/dev/null"});
    EXPECT_EQ(r.exit_code, 2) << value;
    EXPECT_THAT(r.err, StartsWith("smr: --speed: ")) << value;
    EXPECT_THAT(r.err, HasSubstr(" is out of range; expected a number above 0, at most 1000")) << value;
    EXPECT_THAT(r.err, Not(HasSubstr("000000"))) << value;
  }
  EXPECT_EQ(smr({"roll", "--speed", "0", "--script", "/dev/null"}).err,
            "smr: --speed: 0 is out of range; expected a number above 0, at most 1000\n");
}

TEST_F(NewUserCliTest, VersionIsPrintedIssue11) {
  const auto r = smr({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(SMR Coach \d+\.\d+\.\d+ \(journal schema \d+\)\n)"))) << r.out;
}

TEST_F(NewUserCliTest, ReportTakesDashOLikeExportIssue11) {
  ASSERT_EQ(smr({"import", kFixture}).exit_code, 0);
  const auto html = (dir_ / "report.html").string();
  const auto r = smr({"report", "-o", html, "--as-of", "2025-11-30"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(read_file(html), StartsWith("<!DOCTYPE html>"));
  const auto none = smr({"report"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err, "smr: -o: give the file to write the report to, e.g. smr report -o progress.html\n");
}

// ---- item 5: one rule for times -----------------------------------------------------------------------------

// A session of 5 minutes with a pause of 1 minute in it, started 2025-11-21 05:00 UTC (06:00 in Berlin).
std::string paused_session_journal() {
  const std::int64_t t0 = 1763701200000;
  auto event = [](std::int64_t seq, std::int64_t at, const char* kind, int step, const bj::object& data) {
    return bj::object{{"seq", seq}, {"at_ms", at}, {"kind", kind}, {"step", step}, {"data_json", bj::serialize(data)}};
  };
  bj::array events{event(0, t0, "session-started", -1, {}),
                   event(1, t0, "step-started", 0, {{"region", "calves"}, {"side", "left"}}),
                   event(2, t0, "phase-started", 0, {{"phase", "hold"}}),
                   event(3, t0 + 60'000, "paused", 0, {}),
                   event(4, t0 + 120'000, "resumed", 0, {}),
                   event(5, t0 + 300'000, "session-finished", -1, {})};
  bj::object session{{"uid", "00000000000000000000000000000abc"},
                     {"person_id", 1},
                     {"title", "Paused once"},
                     {"started_ms", t0},
                     {"ended_ms", t0 + 300'000},
                     {"status", "finished"},
                     {"routine_json", "{}"},
                     {"events", events},
                     {"check_ins", bj::array{}},
                     {"adaptations", bj::array{}},
                     {"notes", bj::array{}}};
  return bj::serialize(bj::object{{"format", "smr-coach-journal"},
                                  {"version", 1},
                                  {"people", bj::array{}},
                                  {"profiles", bj::array{}},
                                  {"routines", bj::array{}},
                                  {"custom_exercises", bj::array{}},
                                  {"sessions", bj::array{session}},
                                  {"self_tests", bj::array{}},
                                  {"settings", bj::array{}}});
}

TEST_F(NewUserCliTest, LogShowsLocalTimesAndTheTimeRolledLikeTheSummaryIssue11) {
  ASSERT_EQ(smr({"import", write("paused.json", paused_session_journal())}).exit_code, 0);
  const auto list = smr({"log"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("2025-11-21 06:00"));  // local, not 05:00 UTC
  EXPECT_THAT(list.out, Not(HasSubstr("UTC")));
  EXPECT_THAT(list.out, HasSubstr("4 min (paused 1 min)"));
  EXPECT_THAT(list.out, HasSubstr("Times are local (Europe/Berlin)"));

  const auto one = smr({"log", "00000000"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_THAT(one.out, HasSubstr("Started 2025-11-21 06:00 Europe/Berlin, finished after 4 min (paused 1 min)"));

  // --since is a local day: the session at 06:00 Berlin is on the 21st there.
  EXPECT_THAT(smr({"log", "--since", "2025-11-21"}).out, HasSubstr("Paused once"));
  EXPECT_EQ(smr({"log", "--since", "2025-11-22"}).out, "No sessions recorded yet.\n");
}

// ---- item 8: progress wording -------------------------------------------------------------------------------

TEST_F(NewUserCliTest, ProgressSaysWhatIsMissingAfterABaselineIssue11) {
  ASSERT_EQ(smr({"test", "knee-to-wall", "--side", "left", "--value", "9.5", "--value", "10"}).exit_code, 0);
  const auto p = smr({"progress"});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_THAT(p.out, HasSubstr("needs a re-test"));
  EXPECT_THAT(p.out, Not(HasSubstr("needs 2 baseline trials")));

  ASSERT_EQ(smr({"import", kFixture}).exit_code, 0);
  const auto after =
      smr({"test", "knee-to-wall", "--side", "left", "--phase", "after", "--session", "last", "--value", "12"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_THAT(after.out, HasSubstr("Latest:   none since the baseline except right after a session"));
  EXPECT_THAT(after.out, Not(HasSubstr("Latest:   none since the baseline;")));
}

TEST_F(NewUserCliTest, ProgressAsksForASecondTrialAfterOneIssue11) {
  ASSERT_EQ(smr({"test", "knee-to-wall", "--side", "left", "--value", "9.5"}).exit_code, 0);
  const auto p = smr({"progress"});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_THAT(p.out, HasSubstr("needs a 2nd baseline trial"));
}

// ---- item 9: finding things ---------------------------------------------------------------------------------

TEST_F(NewUserCliTest, SearchFindsConditionsAndWarningSignsIssue11) {
  const auto neuropathy = smr({"catalog", "search", "neuropathy"});
  EXPECT_EQ(neuropathy.exit_code, 0);
  EXPECT_THAT(neuropathy.out, HasSubstr("loss-of-sensation"));
  const auto numbness = smr({"catalog", "search", "numbness", "--json"});
  ASSERT_EQ(numbness.exit_code, 0);
  bool warning_sign = false;
  const bj::value hits = bj::parse(numbness.out);
  for (const auto& h : hits.as_array()) {
    warning_sign = warning_sign || (h.at("kind") == "warning-sign" && h.at("id") == "spreading-numbness");
  }
  EXPECT_TRUE(warning_sign) << numbness.out;
  EXPECT_THAT(smr({"catalog", "search", "R15"}).out, HasSubstr("R15"));
}

TEST_F(NewUserCliTest, CatalogListsConditionsWarningSignsZonesAndRulesIssue11) {
  // Every entry of each kind is listed by id, in the table and in the JSON.
  for (const std::string kind : {"conditions", "warning-signs", "zones", "rules"}) {
    const auto json = smr({"catalog", kind, "--json"});
    ASSERT_EQ(json.exit_code, 0) << kind << ": " << json.err;
    const auto text = smr({"catalog", kind});
    ASSERT_EQ(text.exit_code, 0) << kind;
    const bj::value parsed = bj::parse(json.out);
    const auto& items = parsed.as_array();
    EXPECT_FALSE(items.empty()) << kind;
    for (const auto& item : items) {
      const std::string id(item.at("id").as_string());
      EXPECT_THAT(text.out, HasSubstr("\n" + id + " ")) << kind;
      EXPECT_EQ(smr({"catalog", "show", id}).exit_code, 0) << id;
    }
  }
  const auto overview = smr({"catalog"});
  for (const char* command :
       {"smr catalog conditions", "smr catalog warning-signs", "smr catalog zones", "smr catalog rules"}) {
    EXPECT_THAT(overview.out, HasSubstr(command));
  }
}

// ---- item 10: advice said once, and remembered after a session ----------------------------------------------

TEST_F(NewUserCliTest, PhysicianAdviceIsSaidOnceIssue11) {
  const auto screen = smr({"screen", "--condition", "diabetes,fibromyalgia,loss-of-sensation", "--tools",
                           "foam-roller-medium", "--experience", "new"});
  ASSERT_EQ(screen.exit_code, 0) << screen.err;
  EXPECT_EQ(occurrences(screen.out, "Check with your physician before you start"), 1u) << screen.out;
  for (const char* name : {"Diabetes", "Fibromyalgia", "Loss of feeling"}) EXPECT_THAT(screen.out, HasSubstr(name));
  const auto plan = smr({"plan", "--minutes", "5"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_EQ(occurrences(plan.out, "Check with your physician before you start"), 1u) << plan.out;
}

TEST_F(NewUserCliTest, TheSummaryRemindsSomeoneWithLossOfFeelingToCheckTheirSkinIssue11) {
  ASSERT_EQ(smr({"screen", "--condition", "loss-of-sensation", "--tools", "foam-roller-medium"}).exit_code, 0);
  const auto script = write("stop.txt", "5 stop\n");
  const auto r = smr({"roll", "--minutes", "3", "--script", script, "--speed", "100"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Now, after the session\n  - Look at your skin after each session for redness, marks "
                               "or blisters."));
  // Someone without such a condition gets no reminder.
  const std::string other = (dir_ / "other.db").string();
  ASSERT_EQ(smr({"screen", "--tools", "foam-roller-medium"}, other).exit_code, 0);
  const auto plain = smr({"roll", "--minutes", "3", "--script", script, "--speed", "100"}, other);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_THAT(plain.out, Not(HasSubstr("Now, after the session")));
}

// ---- item 6: several kinds of pain at once ------------------------------------------------------------------

TEST_F(NewUserCliTest, ACheckInKeepsEveryKindOfPainFeltIssue11) {
  ASSERT_EQ(smr({"screen", "--tools", "foam-roller-medium"}).exit_code, 0);
  // Past the get-ready countdown and into position, then a check-in while rolling (which kind leads when a
  // nerve-like one is among them: PainCheckInTest).
  const auto script = write("pain.txt", "1 skip-phase\n2 skip-phase\n3 check-in 6 burning+stabbing\n10 stop\n");
  const auto r = smr({"roll", "--minutes", "3", "--script", script, "--speed", "100"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto list = bj::parse(smr({"log", "--json"}).out).as_array();
  ASSERT_EQ(list.size(), 1u);
  const auto one = bj::parse(smr({"log", std::string(list[0].at("uid").as_string()), "--json"}).out);
  const auto& check_ins = one.at("check_ins").as_array();
  ASSERT_EQ(check_ins.size(), 1u) << r.out;
  EXPECT_EQ(check_ins[0].at("quality"), "burning");
  EXPECT_EQ(check_ins[0].at("note"), "also stabbing");
}

}  // namespace
